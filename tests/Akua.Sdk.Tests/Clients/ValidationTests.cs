using System.Net;

namespace Akua.Sdk.Tests.Clients;

/// <summary>Bad input is refused before any I/O, with an exception naming the parameter.</summary>
public class ValidationTests : IDisposable
{
    private readonly ClientFixture _fixture = new();

    public ValidationTests() => _fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

    public void Dispose() => _fixture.Dispose();

    private IOffersClient Offers => _fixture.Client.Offers;

    private IProductsClient Products => _fixture.Client.Products;

    private async Task<TException> Refused<TException>(Func<Task> call, string paramName)
        where TException : ArgumentException
    {
        var error = await Assert.ThrowsAnyAsync<TException>(call);
        Assert.Equal(paramName, error.ParamName);
        Assert.Empty(_fixture.Requests);
        return error;
    }

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
        await Refused<ArgumentException>(() => Offers.CreateAsync(request), paramName);

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
    public async Task Null_requests_and_ids_are_refused()
    {
        await Refused<ArgumentNullException>(() => Offers.CreateAsync(null!), "request");
        await Refused<ArgumentNullException>(() => Offers.GetAsync(null!), "offerId");
        await Refused<ArgumentException>(() => Offers.GetAsync(""), "offerId");
        await Refused<ArgumentException>(() => Offers.GetAsync(".."), "offerId");
        await Refused<ArgumentException>(() => Offers.GetAsync(new string('x', 57)), "offerId");
        await Refused<ArgumentException>(() => Offers.ResolveAsync(new string('x', 65)), "shortHash");
        await Refused<ArgumentNullException>(() => Products.GetAsync(null!), "productId");
        await Refused<ArgumentException>(() => Products.GetAsync(new string('x', 56)), "productId");
        await Refused<ArgumentNullException>(() => Offers.ArchiveAsync((Offer)null!), "offer");
    }

    [Fact]
    public async Task Etags_are_required_and_checked()
    {
        await Refused<ArgumentNullException>(() => Offers.ArchiveAsync("offer_1", null!), "etag");
        await Refused<ArgumentException>(() => Offers.UnarchiveAsync("offer_1", ""), "etag");
        await Refused<ArgumentException>(() => Products.UnarchiveAsync("prod_1", new string('e', 257)), "etag");
        await Refused<ArgumentException>(() => Products.UpdateAsync("prod_1", new UpdateProductRequest { Name = "ok" }, "4\r\nX-Evil: 1"), "etag");
        await Refused<ArgumentException>(() => Offers.ArchiveAsync(AkuaModelFactory.Offer(etag: null)), "offer");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public async Task List_limits_outside_1_to_100_are_out_of_range(int limit)
    {
        await Refused<ArgumentOutOfRangeException>(() => Offers.ListPageAsync(new ListOffersOptions { Limit = limit }), "query.Limit");
        await Refused<ArgumentOutOfRangeException>(() => Products.ListPageAsync(new ListProductsOptions { Limit = limit }), "query.Limit");
    }

    [Fact]
    public async Task Header_values_with_control_characters_are_refused()
    {
        await Refused<ArgumentException>(() => Offers.ListPageAsync(options: new AkuaRequestOptions { WorkspaceContext = "ws_1\r\nX-Evil: 1" }), "options.WorkspaceContext");
        await Refused<ArgumentException>(() => Offers.ListPageAsync(options: new AkuaRequestOptions { WorkspaceContext = new string('w', 54) }), "options.WorkspaceContext");
        await Refused<ArgumentException>(() => Offers.CreateAsync(new CreateOfferRequest { ProductId = "p" }, new AkuaRequestOptions { IdempotencyKey = "k\n" }), "options.IdempotencyKey");
        await Refused<ArgumentException>(() => Offers.CreateAsync(new CreateOfferRequest { ProductId = "p" }, new AkuaRequestOptions { IdempotencyKey = new string('k', 65) }), "options.IdempotencyKey");
    }

    public static TheoryData<CreateProductRequest, string> BadProducts => new()
    {
        { new CreateProductRequest { Name = "A", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest }, "request.Name" },
        { new CreateProductRequest { Name = new string('n', 65), PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest }, "request.Name" },
        { new CreateProductRequest { Name = null!, PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest }, "request.Name" },
        { new CreateProductRequest { Name = "Good", PackageId = null!, PackageVersionPin = PackageVersionPin.Latest }, "request.PackageId" },
        { new CreateProductRequest { Name = "Good", PackageId = new string('k', 55), PackageVersionPin = PackageVersionPin.Latest }, "request.PackageId" },
        { new CreateProductRequest { Name = "Good", PackageId = "pkg_1", PackageVersionPin = null! }, "request.PackageVersionPin" },
        { new CreateProductRequest { Name = "Good", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest, CustomDescription = new string('d', 501) }, "request.CustomDescription" },
        { new CreateProductRequest { Name = "Good", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest, CustomImage = "/relative.png" }, "request.CustomImage" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Create_product_refuses_requests_outside_the_documented_limits(CreateProductRequest request, string paramName) =>
        await Refused<ArgumentException>(() => Products.CreateAsync(request), paramName);

    [Fact]
    public async Task Update_and_archive_product_check_their_limits()
    {
        await Refused<ArgumentException>(() => Products.UpdateAsync("prod_1", new UpdateProductRequest { Name = "x" }, "1"), "update.Name");
        await Refused<ArgumentException>(() => Products.UpdateAsync("prod_1", new UpdateProductRequest { CustomDescription = new string('d', 501) }, "1"), "update.CustomDescription");
        await Refused<ArgumentException>(() => Products.ArchiveAsync("prod_1", "1", new ArchiveProductRequest { ArchiveReason = new string('r', 501) }), "request.ArchiveReason");
        await Refused<ArgumentOutOfRangeException>(() => Products.UpdateAsync("prod_1", _ => null, maxAttempts: 0), "maxAttempts");
    }

    [Fact]
    public async Task Huge_strings_are_refused_before_any_io()
    {
        var huge = new string('x', 5_000_000);

        await Refused<ArgumentException>(() => Offers.GetAsync(huge), "offerId");
        await Refused<ArgumentException>(() => Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1", Notes = huge }), "request.Notes");
        await Refused<ArgumentException>(() => Products.CreateAsync(new CreateProductRequest { Name = huge, PackageId = "p", PackageVersionPin = PackageVersionPin.Latest }), "request.Name");
    }
}
