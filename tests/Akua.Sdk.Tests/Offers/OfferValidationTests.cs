using System.Net;
using System.Text.Json;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.Offers;

/// <summary>Offer requests outside the documented limits are refused before any I/O, naming the parameter.</summary>
public sealed class OfferValidationTests : IDisposable
{
    private readonly ClientFixture _fixture = new();

    public OfferValidationTests() => _fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

    public void Dispose() => _fixture.Dispose();

    private IOffersClient Offers => _fixture.Client.Offers;

    public static TheoryData<CreateOfferRequest, string> BadOffers => new()
    {
        { new CreateOfferRequest(), "request" },
        { new CreateOfferRequest { OfferChannelId = "och_1", PackageVersionId = "pkgv_1" }, "request.OfferChannelId" },
        { new CreateOfferRequest { ProductId = "prod_1", OfferChannelId = "och_1", Tier = "gold" }, "request.Tier" },
        { new CreateOfferRequest { ProductId = "prod_1", AllowedEmails = Enumerable.Range(0, 51).Select(i => $"u{i}@example.com").ToList() }, "request.AllowedEmails" },
        { new CreateOfferRequest { ProductId = "prod_1", AllowedEmails = ["not-an-email"] }, "request.AllowedEmails[0]" },
        { new CreateOfferRequest { ProductId = "prod_1", AllowedEmails = ["Jo <jo@example.com>"] }, "request.AllowedEmails[0]" },
        { new CreateOfferRequest { ProductId = "prod_1", AllowedEmails = [new string('a', 250) + "@example.com"] }, "request.AllowedEmails[0]" },
        { new CreateOfferRequest { ProductId = "prod_1", Notes = new string('n', 501) }, "request.Notes" },
        { new CreateOfferRequest { ProductId = "prod_1", InternalNote = new string('n', 501) }, "request.InternalNote" },
        { new CreateOfferRequest { ProductId = "prod_1", Tier = new string('t', 33) }, "request.Tier" },
        { new CreateOfferRequest { ProductId = "prod_1", MaxUses = 0 }, "request.MaxUses" },
        { new CreateOfferRequest { ProductId = "prod_1", MaxUses = 10001 }, "request.MaxUses" },
        { new CreateOfferRequest { ProductId = "prod_1", OrderTtlMinutes = 0 }, "request.OrderTtlMinutes" },
        { new CreateOfferRequest { ProductId = "prod_1", OrderTtlMinutes = 1441 }, "request.OrderTtlMinutes" },
        { new CreateOfferRequest { ProductId = new string('p', 56) }, "request.ProductId" },
        { new CreateOfferRequest { ProductId = "" }, "request.ProductId" },
        { new CreateOfferRequest { ProductId = "prod_1", Customer = new OfferCustomer { DisplayName = "" } }, "request.Customer.DisplayName" },
        { new CreateOfferRequest { ProductId = "prod_1", ExpiresAt = DateTimeOffset.UnixEpoch }, "request.ExpiresAt" },
        { new CreateOfferRequest { ProductId = "prod_1", PricingRequest = new OfferPricingRequest { Currency = Currency.Eur, Interval = PricingInterval.Month, UnitAmount = 100_000_001 } }, "request.PricingRequest.UnitAmount" },
    };

    [Theory]
    [MemberData(nameof(BadOffers))]
    public async Task Create_offer_refuses_requests_outside_the_documented_limits(CreateOfferRequest request, string paramName) =>
        await _fixture.Refused<ArgumentException>(() => Offers.CreateAsync(request), paramName);

    [Fact]
    public async Task Create_offer_accepts_the_edges_of_the_limits()
    {
        _fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");
        var request = new CreateOfferRequest
        {
            ProductId = new string('p', 55),
            AllowedEmails = Enumerable.Range(0, 50).Select(i => $"u{i}@example.com").ToList(),
            Notes = new string('n', 500),
            Tier = new string('t', 32),
            MaxUses = 10000,
            OrderTtlMinutes = 1440,
        };

        await Offers.CreateAsync(request);

        Assert.Single(_fixture.Requests);
    }

    [Fact]
    public async Task Text_limits_count_code_points_as_json_schema_does()
    {
        _fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");
        var emoji = string.Concat(Enumerable.Repeat("😀", 300));
        Assert.Equal(600, emoji.Length);

        await _fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1", Notes = emoji });

        Assert.Equal(emoji, JsonDocument.Parse(_fixture.Single.Body!).RootElement.GetProperty("notes").GetString());
        var tooMany = string.Concat(Enumerable.Repeat("😀", 501));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1", Notes = tooMany }));
        Assert.Equal("request.Notes", error.ParamName);
        Assert.Contains("it has 501", error.Message, StringComparison.Ordinal);
        Assert.Single(_fixture.Requests);
    }

    [Fact]
    public async Task A_field_value_without_a_value_is_refused_naming_the_field()
    {
        var request = new CreateOfferRequest
        {
            ProductId = "prod_1",
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["region"] = new() { Locked = true } },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.Offers.CreateAsync(request));

        Assert.Equal("request.FieldValues[\"region\"].Value", error.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task A_field_value_nested_deeper_than_can_be_sent_is_refused_naming_the_field()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        using var document = JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 200 });
        var request = new CreateOfferRequest
        {
            ProductId = "prod_1",
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["nested"] = new() { Value = document.RootElement, Locked = false } },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _fixture.Client.Offers.CreateAsync(request));

        Assert.Equal("request.FieldValues[\"nested\"].Value", error.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task A_field_value_within_the_depth_limit_is_sent()
    {
        _fixture.RespondWith(HttpStatusCode.Created, """{"id": "offer_1", "short_hash": "aB3xK9pQ"}""");
        var nested = string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60));
        using var document = JsonDocument.Parse(nested);
        var request = new CreateOfferRequest
        {
            ProductId = "prod_1",
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["nested"] = new() { Value = document.RootElement, Locked = false } },
        };

        await _fixture.Client.Offers.CreateAsync(request);

        Assert.Single(_fixture.Requests);
    }
}
