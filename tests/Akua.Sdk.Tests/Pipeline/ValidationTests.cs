using System.Net;

namespace Akua.Sdk.Tests.Pipeline;

/// <summary>Bad input that any call can carry (ids, etags, limits, headers, keys, huge strings) is refused before any I/O, naming the parameter.</summary>
public class ValidationTests : IDisposable
{
    private readonly ClientFixture _fixture = new();

    public ValidationTests() => _fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

    public void Dispose() => _fixture.Dispose();

    private IOffersClient Offers => _fixture.Client.Offers;

    private IProductsClient Products => _fixture.Client.Products;

    [Fact]
    public async Task Null_requests_and_ids_are_refused()
    {
        await _fixture.Refused<ArgumentNullException>(() => Offers.CreateAsync(null!), "request");
        await _fixture.Refused<ArgumentNullException>(() => Offers.GetAsync(null!), "offerId");
        await _fixture.Refused<ArgumentException>(() => Offers.GetAsync(""), "offerId");
        await _fixture.Refused<ArgumentException>(() => Offers.GetAsync(".."), "offerId");
        await _fixture.Refused<ArgumentException>(() => Offers.GetAsync(new string('x', 57)), "offerId");
        await _fixture.Refused<ArgumentException>(() => Offers.ResolveAsync(new string('x', 65)), "shortHash");
        await _fixture.Refused<ArgumentNullException>(() => Products.GetAsync(null!), "productId");
        await _fixture.Refused<ArgumentException>(() => Products.GetAsync(new string('x', 56)), "productId");
        await _fixture.Refused<ArgumentNullException>(() => Offers.ArchiveAsync((Offer)null!), "offer");
    }

    [Fact]
    public async Task Etags_are_required_and_checked()
    {
        await _fixture.Refused<ArgumentNullException>(() => Offers.ArchiveAsync("offer_1", null!), "etag");
        await _fixture.Refused<ArgumentException>(() => Offers.UnarchiveAsync("offer_1", ""), "etag");
        await _fixture.Refused<ArgumentException>(() => Products.UnarchiveAsync("prod_1", new string('e', 257)), "etag");
        await _fixture.Refused<ArgumentException>(() => Products.UpdateAsync("prod_1", new UpdateProductRequest { Name = "ok" }, "4\r\nX-Evil: 1"), "etag");
        await _fixture.Refused<ArgumentException>(() => Offers.ArchiveAsync(AkuaModelFactory.Offer(etag: null)), "offer");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public async Task List_limits_outside_1_to_100_are_out_of_range(int limit)
    {
        await _fixture.Refused<ArgumentOutOfRangeException>(() => Offers.ListPageAsync(new ListOffersOptions { Limit = limit }), "query.Limit");
        await _fixture.Refused<ArgumentOutOfRangeException>(() => Products.ListPageAsync(new ListProductsOptions { Limit = limit }), "query.Limit");
    }

    [Fact]
    public async Task Header_values_with_control_characters_are_refused()
    {
        await _fixture.Refused<ArgumentException>(() => Offers.ListPageAsync(options: new AkuaRequestOptions { WorkspaceContext = "ws_1\r\nX-Evil: 1" }), "options.WorkspaceContext");
        await _fixture.Refused<ArgumentException>(() => Offers.ListPageAsync(options: new AkuaRequestOptions { WorkspaceContext = new string('w', 54) }), "options.WorkspaceContext");
        await _fixture.Refused<ArgumentException>(() => Offers.CreateAsync(new CreateOfferRequest { ProductId = "p" }, new AkuaRequestOptions { IdempotencyKey = "k\n" }), "options.IdempotencyKey");
        await _fixture.Refused<ArgumentException>(() => Offers.CreateAsync(new CreateOfferRequest { ProductId = "p" }, new AkuaRequestOptions { IdempotencyKey = new string('k', 65) }), "options.IdempotencyKey");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\t")]
    public async Task A_white_space_idempotency_key_is_refused(string key)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            _fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" }, new AkuaRequestOptions { IdempotencyKey = key }));

        Assert.Equal("options.IdempotencyKey", error.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Huge_strings_are_refused_before_any_io()
    {
        var huge = new string('x', 5_000_000);

        await _fixture.Refused<ArgumentException>(() => Offers.GetAsync(huge), "offerId");
        await _fixture.Refused<ArgumentException>(() => Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1", Notes = huge }), "request.Notes");
        await _fixture.Refused<ArgumentException>(() => Products.CreateAsync(new CreateProductRequest { Name = huge, PackageId = "p", PackageVersionPin = PackageVersionPin.Latest }), "request.Name");
    }
}
