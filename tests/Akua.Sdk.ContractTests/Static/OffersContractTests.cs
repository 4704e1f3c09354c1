using Akua.Sdk.ContractTests.Infrastructure;

namespace Akua.Sdk.ContractTests.Static;

/// <summary>Every Offers operation, sent by the SDK, judged by Prism against the document.</summary>
[Collection(StaticPrismCollection.Name)]
public sealed class OffersContractTests(StaticPrismFixture fixture) : StaticContractTestBase(fixture)
{
    public static TheoryData<string, CallVariant> CreateCases()
    {
        var data = new TheoryData<string, CallVariant>();
        foreach (var shape in OfferRequests.Shapes)
        {
            foreach (var variant in Enum.GetValues<CallVariant>())
            {
                data.Add(shape, variant);
            }
        }

        return data;
    }

    [PrismTheory]
    [MemberData(nameof(CreateCases))]
    public Task Create(string shape, CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var created = await akua.Offers.CreateAsync(OfferRequests.ByName(shape), Options(variant));
        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.False(string.IsNullOrEmpty(created.ShortHash));
    });

    [PrismFact]
    public Task CreateMany() => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(CallVariant.ClientWorkspace);
        var requests = OfferRequests.Shapes.Select(OfferRequests.ByName).ToList();
        var batch = await akua.Offers.CreateManyAsync(requests, maxConcurrency: 2, new AkuaRequestOptions { IdempotencyKey = "contract-batch-" + Guid.NewGuid().ToString("N")[..12] });
        Assert.Equal(requests.Count, batch.SucceededCount);
        Assert.Equal(0, batch.FailedCount);
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task Get(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var offer = await akua.Offers.GetAsync("offer_j572abc123def456", Options(variant));
        AssertOffer(offer);
    });

    [PrismFact]
    public Task ResolveAnonymously() => AgainstPrismAsync(async () =>
    {
        using var akua = CreateAnonymousClient();
        var offer = await akua.Offers.ResolveAsync("aB3dE5fG");
        AssertOffer(offer);
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task ResolveAuthenticated(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var offer = await akua.Offers.ResolveAsync("aB3dE5fG", Options(variant));
        AssertOffer(offer);
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task ListPage(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var first = await akua.Offers.ListPageAsync(options: Options(variant));
        Assert.NotNull(first.Data);
        var page = await akua.Offers.ListPageAsync(
            new ListOffersOptions { Limit = 25, Cursor = "cur_eyJvZmZzZXQiOjI1fQ", ProductId = OfferRequests.ProductId },
            Options(variant));
        Assert.All(page.Data, AssertOffer);
        var edges = await akua.Offers.ListPageAsync(new ListOffersOptions { Limit = 1 }, Options(variant));
        Assert.NotNull(edges.Data);
        await akua.Offers.ListPageAsync(new ListOffersOptions { Limit = 100 }, Options(variant));
    });

    [PrismFact]
    public Task ListAsyncFirstItem() => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(CallVariant.ClientWorkspace);
        await foreach (var offer in akua.Offers.ListAsync(new ListOffersOptions { Limit = 10, ProductId = OfferRequests.ProductId }))
        {
            AssertOffer(offer);
            break;
        }
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task ArchiveAndUnarchiveById(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var archived = await akua.Offers.ArchiveAsync("offer_j572abc123def456", "etag-7f3a9c", Options(variant));
        AssertOffer(archived);
        var active = await akua.Offers.UnarchiveAsync("offer_j572abc123def456", "etag-8b4d0e", Options(variant));
        AssertOffer(active);
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task ArchiveAndUnarchiveOfferYouRead(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var offer = await akua.Offers.GetAsync("offer_j572abc123def456", Options(variant));
        var archived = await akua.Offers.ArchiveAsync(offer, Options(variant));
        var active = await akua.Offers.UnarchiveAsync(archived, Options(variant));
        AssertOffer(active);
    });

    internal static void AssertOffer(Offer offer)
    {
        Assert.NotNull(offer);
        Assert.False(string.IsNullOrEmpty(offer.Id));
        Assert.NotNull(offer.ShortHash);
        Assert.NotNull(offer.PackageId);
        Assert.NotNull(offer.PackageVersionId);
        Assert.False(string.IsNullOrEmpty(offer.Status.Value));
    }
}
