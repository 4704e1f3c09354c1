using System.Diagnostics;
using System.Globalization;
using Akua.Sdk.ContractTests.Infrastructure;
using Akua.Sdk.ContractTests.Static;
using Ids = Akua.Sdk.ContractTests.Static.SellerJourneyContractTests;
using Xunit.Abstractions;

namespace Akua.Sdk.ContractTests.Dynamic;

/// <summary>
/// Prism in dynamic mode answers every call with a random response that is valid under the
/// document; every operation runs for a bounded number of rounds and each response must read
/// through the SDK with its required fields present.
/// </summary>
[Collection(DynamicPrismCollection.Name)]
public sealed class DynamicContractTests(DynamicPrismFixture fixture, ITestOutputHelper output)
{
    private const string ProductId = "prod_j572abc123def456";
    private const string OfferId = "offer_j572abc123def456";

    /// <summary>Rounds per operation (<c>AKUA_CONTRACT_ROUNDS</c>, default 30).</summary>
    private static readonly int Rounds =
        int.TryParse(Environment.GetEnvironmentVariable("AKUA_CONTRACT_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : 30;

    /// <summary>No operation's rounds may take longer than this, whatever <see cref="Rounds"/> says.</summary>
    private static readonly TimeSpan TimeBudgetPerOperation = TimeSpan.FromSeconds(15);

    [PrismFact]
    public Task OffersCreate() => RoundsAsync(
        (akua, round) => akua.Offers.CreateAsync(OfferRequests.ByName(OfferRequests.Shapes[round % OfferRequests.Shapes.Count])),
        created =>
        {
            Assert.False(string.IsNullOrEmpty(created.Id));
            Assert.NotNull(created.ShortHash);
        });

    [PrismFact]
    public Task OffersGet() => RoundsAsync((akua, _) => akua.Offers.GetAsync(OfferId), ResponseChecks.Offer);

    [PrismFact]
    public Task OffersResolveAnonymously() => RoundsAsync((akua, _) => akua.Offers.ResolveAsync("aB3dE5fG"), ResponseChecks.Offer, anonymous: true);

    [PrismFact]
    public Task OffersResolveAuthenticated() => RoundsAsync((akua, _) => akua.Offers.ResolveAsync("aB3dE5fG"), ResponseChecks.Offer);

    [PrismFact]
    public Task OffersListPage() => RoundsAsync(
        (akua, round) => akua.Offers.ListPageAsync(round % 2 == 0 ? null : new ListOffersOptions { Limit = 20, Cursor = "cur_abc", ProductId = ProductId }),
        page => ResponseChecks.Page(page, ResponseChecks.Offer));

    [PrismFact]
    public Task OffersListAsyncFirstPages() => RoundsAsync(
        async (akua, _) =>
        {
            var offers = new List<Offer>();
            await foreach (var offer in akua.Offers.ListAsync(new ListOffersOptions { Limit = 5 }))
            {
                offers.Add(offer);
                if (offers.Count >= 12)
                {
                    break;
                }
            }

            return offers;
        },
        offers => Assert.All(offers, ResponseChecks.Offer));

    [PrismFact]
    public Task OffersArchive() => RoundsAsync((akua, _) => akua.Offers.ArchiveAsync(OfferId, "etag-7f3a9c"), ResponseChecks.Offer);

    [PrismFact]
    public Task OffersUnarchive() => RoundsAsync((akua, _) => akua.Offers.UnarchiveAsync(OfferId, "etag-7f3a9c"), ResponseChecks.Offer);

    [PrismFact]
    public Task ProductsCreate() => RoundsAsync(
        (akua, round) => akua.Products.CreateAsync(new CreateProductRequest
        {
            Name = "PostgreSQL Managed",
            PackageId = "pkg_j572abc123def456",
            PackageVersionPin = round % 2 == 0 ? PackageVersionPin.Latest : PackageVersionPin.Pinned("1.2.3"),
            Marketplace = new ProductMarketplace { Published = round % 3 == 0 },
        }),
        ResponseChecks.Product);

    [PrismFact]
    public Task ProductsGet() => RoundsAsync((akua, _) => akua.Products.GetAsync(ProductId), ResponseChecks.Product);

    [PrismFact]
    public Task ProductsListPage() => RoundsAsync(
        (akua, round) => akua.Products.ListPageAsync(round % 2 == 0 ? null : new ListProductsOptions { Limit = 50, Cursor = "cur_abc" }),
        page => ResponseChecks.Page(page, ResponseChecks.Product));

    [PrismFact]
    public Task ProductsUpdate() => RoundsAsync(
        (akua, _) => akua.Products.UpdateAsync(ProductId, new UpdateProductRequest { Name = "PostgreSQL Pro" }.ClearCustomImage(), "etag-7f3a9c"),
        ResponseChecks.Product);

    [PrismFact]
    public Task ProductsReadModifyWriteUpdate() => RoundsAsync(
        (akua, _) => akua.Products.UpdateAsync(ProductId, current => new UpdateProductRequest { Name = "PostgreSQL (beta)" }),
        ResponseChecks.Product);

    [PrismFact]
    public Task ProductsArchive() => RoundsAsync(
        (akua, round) => akua.Products.ArchiveAsync(ProductId, "etag-7f3a9c", round % 2 == 0 ? null : new ArchiveProductRequest { CascadeOffers = true, ArchiveReason = "Replaced" }),
        ResponseChecks.Product);

    [PrismFact]
    public Task ProductsUnarchive() => RoundsAsync((akua, _) => akua.Products.UnarchiveAsync(ProductId, "etag-7f3a9c"), ResponseChecks.Product);

    [PrismFact]
    public Task PackagesListPage() => RoundsAsync(
        (akua, round) => akua.Packages.ListPageAsync(round % 2 == 0 ? null : new ListPackagesOptions { Limit = 20, Cursor = "cur_abc", View = PackageView.Full }),
        page => ResponseChecks.Page(page, ResponseChecks.Package));

    [PrismFact]
    public Task PackagesGet() => RoundsAsync((akua, round) => akua.Packages.GetAsync(Ids.PackageId, round % 2 == 0 ? (PackageView?)null : PackageView.Full), ResponseChecks.Package);

    [PrismFact]
    public Task PackagesCreate() => RoundsAsync((akua, _) => akua.Packages.CreateAsync(Ids.HelmPackage()), build => ResponseChecks.Operation(build.Current));

    [PrismFact]
    public Task PackagesImport() => RoundsAsync(
        (akua, _) => akua.Packages.ImportAsync(new ImportPackageRequest { Name = "Redis", OciRef = "oci://registry.example.com/charts/redis:7.2.0", Version = Ids.Version("7.2.0") }),
        ResponseChecks.Package);

    [PrismFact]
    public Task PackagesDelete() => RoundsAsync(async (akua, _) => { await akua.Packages.DeleteAsync(Ids.PackageId, "etag-7f3a9c"); return true; }, Assert.True);

    [PrismFact]
    public Task PackagesListVersionsPage() => RoundsAsync((akua, _) => akua.Packages.ListVersionsPageAsync(Ids.PackageId), page => ResponseChecks.Page(page, ResponseChecks.PackageVersion));

    [PrismFact]
    public Task PackagesGetVersion() => RoundsAsync((akua, _) => akua.Packages.GetVersionAsync(Ids.PackageId, Ids.VersionId), ResponseChecks.PackageVersion);

    [PrismFact]
    public Task PackagesGetVersionInputs() => RoundsAsync((akua, _) => akua.Packages.GetVersionInputsAsync(Ids.PackageId, Ids.VersionId), Assert.NotNull);

    [PrismFact]
    public Task PackagesCreateVersion() => RoundsAsync((akua, _) => akua.Packages.CreateVersionAsync(Ids.PackageId, Ids.Version("1.3.0")), ResponseChecks.PackageVersion);

    [PrismFact]
    public Task OperationsGet() => RoundsAsync((akua, _) => akua.Operations.GetAsync(Ids.OperationId), ResponseChecks.Operation);

    [PrismFact]
    public Task OperationsListPage() => RoundsAsync(
        (akua, round) => akua.Operations.ListPageAsync(round % 2 == 0 ? null : new ListOperationsOptions { OwnerType = OperationOwnerType.Package, OwnerId = Ids.PackageId }),
        page => ResponseChecks.Page(page, ResponseChecks.Operation));

    [PrismFact]
    public Task OperationsWait() => RoundsAsync((akua, _) => akua.Operations.WaitAsync(Ids.OperationId, TimeSpan.FromSeconds(1)), ResponseChecks.Operation);

    [PrismFact]
    public Task OperationsCancel() => RoundsAsync((akua, _) => akua.Operations.CancelAsync(Ids.OperationId), ResponseChecks.Operation);

    [PrismFact]
    public Task OrderDraftsListPage() => RoundsAsync(
        (akua, round) => akua.OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = OfferId, Status = round % 2 == 0 ? (OrderDraftStatus?)null : OrderDraftStatus.Install }),
        page => ResponseChecks.Page(page, ResponseChecks.OrderDraft));

    [PrismFact]
    public Task OrderDraftsGet() => RoundsAsync((akua, _) => akua.OrderDrafts.GetAsync(Ids.OrderDraftId), ResponseChecks.OrderDraft);

    [PrismFact]
    public Task OrderDraftsCancel() => RoundsAsync((akua, _) => akua.OrderDrafts.CancelAsync(Ids.OrderDraftId, "etag-7f3a9c"), ResponseChecks.OrderDraft);

    [PrismFact]
    public Task OrderDraftsListCheckoutSessionsPage() => RoundsAsync(
        (akua, _) => akua.OrderDrafts.ListCheckoutSessionsPageAsync(Ids.OrderDraftId),
        page => ResponseChecks.Page(page, ResponseChecks.CheckoutSession));

    [PrismFact]
    public Task OrderDraftsGetCheckoutSession() => RoundsAsync((akua, _) => akua.OrderDrafts.GetCheckoutSessionAsync(Ids.OrderDraftId, Ids.CheckoutSessionId), ResponseChecks.CheckoutSession);

    [PrismFact]
    public Task InstallsListPage() => RoundsAsync(
        (akua, round) => akua.Installs.ListPageAsync(round % 2 == 0 ? null : new ListInstallsOptions { ProductId = ProductId }),
        page => ResponseChecks.Page(page, ResponseChecks.Install));

    [PrismFact]
    public Task InstallsGet() => RoundsAsync((akua, _) => akua.Installs.GetAsync(Ids.InstallId), ResponseChecks.Install);

    [PrismFact]
    public Task InstallsGetStatus() => RoundsAsync((akua, _) => akua.Installs.GetStatusAsync(Ids.InstallId), status => Assert.NotNull(status.InstallId));

    private async Task RoundsAsync<T>(Func<AkuaClient, int, Task<T>> call, Action<T> check, bool anonymous = false)
    {
        using var recorder = new ResponseRecorder();
        using var akua = new AkuaClient(new AkuaClientOptions
        {
            BaseAddress = fixture.Server.SdkBaseAddress,
            Transport = recorder,
            ApiToken = anonymous ? null : StaticContractTestBase.Token,
            AllowAnonymous = anonymous,
            WorkspaceContext = anonymous ? null : StaticContractTestBase.Workspace,
            Timeout = TimeSpan.FromSeconds(15),
        });

        var failures = new List<string>();
        var from = fixture.Server.LogLines().Count;
        var stopwatch = Stopwatch.StartNew();
        var done = 0;
        for (var round = 0; round < Rounds && stopwatch.Elapsed < TimeBudgetPerOperation; round++, done++)
        {
            try
            {
                check(await call(akua, round));
            }
            catch (Exception ex) when (ex is AkuaException or Xunit.Sdk.XunitException)
            {
                failures.Add($"Round {round}: {ex.GetType().Name}: {ex.Message}\n  {recorder.LastRequest}\n  Response: {recorder.LastBody}");
            }
        }

        var log = await fixture.Server.FlushLogAsync(from);
        var violations = PrismServer.Violations(log);
        var selfViolations = log.Count(line => line.Contains("Violation: response", StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"{done} rounds in {stopwatch.ElapsedMilliseconds} ms; Prism flagged {selfViolations} of its own generated responses.");
        Assert.True(
            violations.Count == 0,
            "Prism reported requests the SDK sent as breaking openapi/akua-v1.yaml:\n" + string.Join('\n', violations));
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {done} rounds failed (Prism {fixture.Server.Arguments}):\n" + string.Join("\n\n", failures));
        Assert.True(done > 0);
    }
}
