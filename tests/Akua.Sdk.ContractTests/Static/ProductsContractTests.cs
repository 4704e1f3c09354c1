using Akua.Sdk.ContractTests.Infrastructure;

namespace Akua.Sdk.ContractTests.Static;

/// <summary>Every Products operation, sent by the SDK, judged by Prism against the document.</summary>
[Collection(StaticPrismCollection.Name)]
public sealed class ProductsContractTests(StaticPrismFixture fixture) : StaticContractTestBase(fixture)
{
    private const string ProductId = "prod_j572abc123def456";

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task CreateWithLatestPin(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var product = await akua.Products.CreateAsync(
            new CreateProductRequest { Name = "PostgreSQL Managed", PackageId = "pkg_j572abc123def456", PackageVersionPin = PackageVersionPin.Latest },
            Options(variant));
        AssertProduct(product);
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task CreateFullyPopulatedWithPinnedVersion(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var product = await akua.Products.CreateAsync(
            new CreateProductRequest
            {
                Name = "PostgreSQL Managed (EU)",
                PackageId = "pkg_j572abc123def456",
                PackageVersionPin = PackageVersionPin.Pinned("1.2.3"),
                CustomImage = "https://cdn.example.com/logos/postgres.png",
                CustomDescription = "Managed PostgreSQL 16 with daily backups and point-in-time recovery.",
                Marketplace = new ProductMarketplace { Published = true },
            },
            Options(variant));
        AssertProduct(product);
        await akua.Products.CreateAsync(
            new CreateProductRequest { Name = "Redis", PackageId = "pkg_j572redis000001", PackageVersionPin = PackageVersionPin.Pinned("7.2.0-rc.1+build.5"), Marketplace = new ProductMarketplace { Published = false } },
            Options(variant));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task Get(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        AssertProduct(await akua.Products.GetAsync(ProductId, Options(variant)));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task List(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var first = await akua.Products.ListPageAsync(options: Options(variant));
        Assert.All(first.Data, AssertProduct);
        var page = await akua.Products.ListPageAsync(new ListProductsOptions { Limit = 100, Cursor = "cur_eyJvZmZzZXQiOjEwMH0" }, Options(variant));
        Assert.All(page.Data, AssertProduct);
        await foreach (var product in akua.Products.ListAsync(new ListProductsOptions { Limit = 1 }, Options(variant)))
        {
            AssertProduct(product);
            break;
        }
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task UpdateFields(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var product = await akua.Products.UpdateAsync(
            ProductId,
            new UpdateProductRequest
            {
                Name = "PostgreSQL Pro",
                PackageVersionPin = PackageVersionPin.Pinned("2.0.0"),
                CustomDescription = "Now with read replicas.",
                Marketplace = new ProductMarketplace { Published = false },
            }.ClearCustomImage(),
            "etag-7f3a9c",
            Options(variant));
        AssertProduct(product);
        await akua.Products.UpdateAsync(ProductId, new UpdateProductRequest { CustomImage = "https://cdn.example.com/pg.svg" }.ClearCustomDescription(), "etag-8b4d0e", Options(variant));
        await akua.Products.UpdateAsync(ProductId, new UpdateProductRequest { PackageVersionPin = PackageVersionPin.Latest }, "etag-9c5e1f", Options(variant));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task ReadModifyWriteUpdate(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var product = await akua.Products.UpdateAsync(
            ProductId,
            current => new UpdateProductRequest { Name = "PostgreSQL (beta)", Marketplace = new ProductMarketplace { Published = !(current.Marketplace?.Published ?? false) } },
            options: Options(variant));
        AssertProduct(product);
        var unchanged = await akua.Products.UpdateAsync(ProductId, _ => null, options: Options(variant));
        AssertProduct(unchanged);
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task ArchiveWithAndWithoutBody(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        AssertProduct(await akua.Products.ArchiveAsync(ProductId, "etag-7f3a9c", request: null, Options(variant)));
        AssertProduct(await akua.Products.ArchiveAsync(ProductId, "etag-7f3a9c", new ArchiveProductRequest { CascadeOffers = true, ArchiveReason = "Replaced by PostgreSQL Pro" }, Options(variant)));
        AssertProduct(await akua.Products.ArchiveAsync(ProductId, "etag-7f3a9c", new ArchiveProductRequest(), Options(variant)));
        var product = await akua.Products.GetAsync(ProductId, Options(variant));
        AssertProduct(await akua.Products.ArchiveAsync(product, new ArchiveProductRequest { CascadeOffers = false }, Options(variant)));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task Unarchive(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var product = await akua.Products.UnarchiveAsync(ProductId, "etag-7f3a9c", Options(variant));
        AssertProduct(product);
        AssertProduct(await akua.Products.UnarchiveAsync(product, Options(variant)));
    });

    internal static void AssertProduct(Product product)
    {
        Assert.NotNull(product);
        Assert.False(string.IsNullOrEmpty(product.Id));
        Assert.NotNull(product.HtmlUrl);
        Assert.NotNull(product.Name);
        Assert.NotNull(product.WorkspaceId);
        Assert.NotNull(product.Package);
        Assert.NotNull(product.Package.Id);
        Assert.NotNull(product.Package.VersionPin);
        Assert.NotNull(product.Etag);
        Assert.False(string.IsNullOrEmpty(product.State.Value));
    }
}
