using System.Text.Json;
using Akua.Sdk.ContractTests.Infrastructure;

namespace Akua.Sdk.ContractTests.Static;

/// <summary>Every Packages, Operations, Order Drafts and Installs operation, sent by the SDK, judged by Prism against the document.</summary>
[Collection(StaticPrismCollection.Name)]
public sealed class SellerJourneyContractTests(StaticPrismFixture fixture) : StaticContractTestBase(fixture)
{
    public const string PackageId = "pkg_j572abc123def456";
    public const string VersionId = "pkgv_j572abc123def456";
    public const string OperationId = "op_j572abc123def456";
    public const string OfferId = "offer_j572abc123def456";
    public const string OrderDraftId = "odft_j572abc123def456";
    public const string CheckoutSessionId = "chk_j572abc123def456";
    public const string InstallId = "inst_j572abc123def456";
    public const string ProductId = "prod_j572abc123def456";

    public static CreatePackageRequest HelmPackage() => new()
    {
        Name = "PostgreSQL",
        Sources = [new HelmPackageSource { Kind = HelmSourceKind.Helm, RepoUrl = "oci://registry.example.com/charts", Chart = "postgresql", TargetRevision = "16.4.0" }],
    };

    public static CreatePackageVersionRequest Version(string semver = "1.2.3") => new()
    {
        Semver = semver,
        Ref = "charts/postgresql-" + semver + ".tgz",
        InputSchema = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"type":"object","properties":{"replicas":{"type":"integer","minimum":1}}}""")!,
    };

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task PackagesListAndGet(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        await akua.Packages.ListPageAsync(options: Options(variant));
        await akua.Packages.ListPageAsync(new ListPackagesOptions { Limit = 100, Cursor = "cur_abc", View = PackageView.Full }, Options(variant));
        await foreach (var package in akua.Packages.ListAsync(new ListPackagesOptions { Limit = 1, View = PackageView.Basic }, Options(variant)))
        {
            Assert.False(string.IsNullOrEmpty(package.Id));
            break;
        }

        await akua.Packages.GetAsync(PackageId, options: Options(variant));
        await akua.Packages.GetAsync(PackageId, PackageView.Full, Options(variant));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task PackagesCreateImportAndDelete(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        var build = await akua.Packages.CreateAsync(HelmPackage(), Options(variant));
        Assert.False(string.IsNullOrEmpty(build.Id));
        await akua.Packages.ImportAsync(new ImportPackageRequest { Name = "Redis", OciRef = "oci://registry.example.com/charts/redis:7.2.0", Version = Version("7.2.0") }, Options(variant));
        await akua.Packages.DeleteAsync(PackageId, "etag-7f3a9c", Options(variant));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task PackageVersions(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        await akua.Packages.ListVersionsPageAsync(PackageId, new ListPackageVersionsOptions { Limit = 10, Cursor = "cur_abc" }, Options(variant));
        await akua.Packages.GetVersionAsync(PackageId, VersionId, Options(variant));
        await akua.Packages.GetVersionInputsAsync(PackageId, VersionId, Options(variant));
        await akua.Packages.CreateVersionAsync(PackageId, Version("1.3.0"), Options(variant));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task Operations(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        await akua.Operations.GetAsync(OperationId, Options(variant));
        await akua.Operations.ListPageAsync(options: Options(variant));
        await akua.Operations.ListPageAsync(new ListOperationsOptions { Limit = 20, Cursor = "cur_abc", OwnerType = OperationOwnerType.Package, OwnerId = PackageId }, Options(variant));
        await akua.Operations.WaitAsync(OperationId, TimeSpan.FromSeconds(1), Options(variant));
        await akua.Operations.WaitAsync(OperationId, options: Options(variant));
        await akua.Operations.CancelAsync(OperationId, options: Options(variant));
        await akua.Operations.CancelAsync(OperationId, "etag-7f3a9c", Options(variant));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task OrderDrafts(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        await akua.OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = OfferId }, Options(variant));
        await akua.OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = OfferId, Status = OrderDraftStatus.Payment, Limit = 100, Cursor = "cur_abc" }, Options(variant));
        await akua.OrderDrafts.GetAsync(OrderDraftId, Options(variant));
        await akua.OrderDrafts.CancelAsync(OrderDraftId, "etag-7f3a9c", Options(variant));
        await akua.OrderDrafts.ListCheckoutSessionsPageAsync(OrderDraftId, new ListCheckoutSessionsOptions { Limit = 5, Cursor = "cur_abc" }, Options(variant));
        await akua.OrderDrafts.GetCheckoutSessionAsync(OrderDraftId, CheckoutSessionId, Options(variant));
    });

    [PrismTheory]
    [MemberData(nameof(Variants))]
    public Task Installs(CallVariant variant) => AgainstPrismAsync(async () =>
    {
        using var akua = CreateClient(variant);
        await akua.Installs.ListPageAsync(options: Options(variant));
        await akua.Installs.ListPageAsync(new ListInstallsOptions { ProductId = ProductId, Limit = 50, Cursor = "cur_abc" }, Options(variant));
        await akua.Installs.GetAsync(InstallId, Options(variant));
        await akua.Installs.GetStatusAsync(InstallId, Options(variant));
    });
}
