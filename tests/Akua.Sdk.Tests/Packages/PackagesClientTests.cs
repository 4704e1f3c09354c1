using System.Net;
using System.Text.Json;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.Packages;

/// <summary>Every Packages operation's exact wire shape, and its checks before sending.</summary>
public sealed class PackagesClientTests : IDisposable
{
    private readonly ClientFixture _fixture = new(o => o.WorkspaceContext = "ws_client");

    public void Dispose() => _fixture.Dispose();

    private IPackagesClient Packages => _fixture.Client.Packages;

    [Fact]
    public async Task List_page_sends_cursor_limit_and_view_in_the_workspace()
    {
        _fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.PackagePage("c2"));

        var page = await Packages.ListPageAsync(new ListPackagesOptions { Limit = 10, Cursor = "c1", View = PackageView.Full });

        var request = _fixture.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.akua.dev/v1/packages?cursor=c1&limit=10&view=full", request.Uri.AbsoluteUri);
        Assert.Equal("ws_client", request.Header("akua-context"));
        Assert.Null(request.Header("idempotency-key"));
        var package = Assert.Single(page.Data);
        Assert.Equal(OperationPayloads.PackageId, package.Id);
        Assert.Equal("c2", page.NextCursor);
    }

    [Fact]
    public async Task List_follows_cursors_lazily()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackagePage("c2")),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackagePage()));

        var all = await Packages.ListAsync(new ListPackagesOptions { View = PackageView.Basic }).ToListAsync();

        Assert.Equal(2, all.Count);
        Assert.Equal("https://api.akua.dev/v1/packages?cursor=c2&view=basic", _fixture.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Get_sends_the_view()
    {
        _fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.Package);

        var package = await Packages.GetAsync(OperationPayloads.PackageId, PackageView.Full);

        Assert.Equal($"https://api.akua.dev/v1/packages/{OperationPayloads.PackageId}?view=full", _fixture.Single.Uri.AbsoluteUri);
        Assert.Equal("PostgreSQL", package.Name);
        Assert.Equal(PackageSourceKind.Hosted, package.Source.Kind);
    }

    [Fact]
    public async Task Create_posts_the_body_with_an_idempotency_key_and_returns_the_operation()
    {
        _fixture.RespondWith(HttpStatusCode.Accepted, OperationPayloads.PackageBuild());

        var operation = await Packages.CreateAsync(HelmPackage(), new AkuaRequestOptions { IdempotencyKey = "build-pg-1" });

        var request = _fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.akua.dev/v1/packages", request.Uri.AbsoluteUri);
        Assert.Equal("build-pg-1", request.Header("idempotency-key"));
        Assert.Equal("ws_client", request.Header("akua-context"));
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("PostgreSQL", body.RootElement.GetProperty("name").GetString());
        var source = Assert.Single(body.RootElement.GetProperty("sources").EnumerateArray());
        Assert.Equal("helm", source.GetProperty("kind").GetString());
        Assert.Equal("oci://registry.example.com/charts", source.GetProperty("repo_url").GetString());
        Assert.Equal(OperationPayloads.OperationId, operation.Id);
        Assert.False(operation.HasCompleted);
        Assert.Equal("package.create", operation.Current.Kind);
        Assert.Equal("PostgreSQL", operation.Current.PackageCreateMetadata?.Name);
        Assert.Equal(202, operation.Current.GetRawResponse()?.StatusCode);
    }

    [Fact]
    public async Task Import_posts_the_oci_reference_and_first_version()
    {
        _fixture.RespondWith(HttpStatusCode.Created, OperationPayloads.Package);

        var package = await Packages.ImportAsync(new ImportPackageRequest
        {
            Name = "PostgreSQL",
            OciRef = "oci://registry.example.com/charts/postgresql",
            Version = NewVersion(),
        });

        var request = _fixture.Single;
        Assert.Equal("https://api.akua.dev/v1/packages:import", request.Uri.AbsoluteUri);
        Assert.NotNull(request.Header("idempotency-key"));
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("1.2.3", body.RootElement.GetProperty("version").GetProperty("semver").GetString());
        Assert.Equal(OperationPayloads.PackageId, package.Id);
    }

    [Fact]
    public async Task Delete_sends_the_etag_and_completes_on_204()
    {
        _fixture.RespondWith(HttpStatusCode.NoContent, "");

        await Packages.DeleteAsync(OperationPayloads.PackageId, "p1");

        var request = _fixture.Single;
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal($"https://api.akua.dev/v1/packages/{OperationPayloads.PackageId}", request.Uri.AbsoluteUri);
        Assert.Equal("p1", request.Header("if-match"));
        Assert.NotNull(request.Header("idempotency-key"));
    }

    [Fact]
    public async Task Delete_while_in_use_is_a_conflict_and_a_stale_etag_a_concurrency_error()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.Conflict, """{"success":false,"errors":[{"code":1011,"message":"A product uses the package.","metadata":{}}],"result":{}}"""),
            () => ClientFixture.Json(HttpStatusCode.Conflict, """{"success":false,"errors":[{"code":1009,"message":"stale","metadata":{"current_etag":"p2"}}],"result":{}}"""));

        var inUse = await Assert.ThrowsAsync<AkuaConflictException>(() => Packages.DeleteAsync(OperationPayloads.PackageId, "p1"));
        Assert.IsNotType<AkuaConcurrencyException>(inUse);
        var stale = await Assert.ThrowsAsync<AkuaConcurrencyException>(() => Packages.DeleteAsync(OperationPayloads.PackageId, "p1"));

        Assert.Equal("p2", stale.CurrentEtag);
    }

    [Fact]
    public async Task Versions_are_listed_read_and_their_inputs_fetched()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.VersionPage()),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.Version),
            () => ClientFixture.Json(HttpStatusCode.OK, """{"type":"object","properties":{"size":{"type":"string","enum":["s","m"]},"region":{"type":"string"}}}"""));

        var page = await Packages.ListVersionsPageAsync(OperationPayloads.PackageId, new ListPackageVersionsOptions { Limit = 5 });
        var version = await Packages.GetVersionAsync(OperationPayloads.PackageId, OperationPayloads.VersionId);
        var inputs = await Packages.GetVersionInputsAsync(OperationPayloads.PackageId, OperationPayloads.VersionId);

        Assert.Equal($"https://api.akua.dev/v1/packages/{OperationPayloads.PackageId}/versions?limit=5", _fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Equal($"https://api.akua.dev/v1/packages/{OperationPayloads.PackageId}/versions/{OperationPayloads.VersionId}", _fixture.Requests[1].Uri.AbsoluteUri);
        Assert.Equal($"https://api.akua.dev/v1/packages/{OperationPayloads.PackageId}/versions/{OperationPayloads.VersionId}/inputs", _fixture.Requests[2].Uri.AbsoluteUri);
        Assert.Equal("1.2.3", Assert.Single(page.Data).Semver);
        Assert.Equal(OperationPayloads.VersionId, version.Id);
        Assert.Equal(["size", "region"], inputs.PropertyNames);
        Assert.Equal(200, inputs.GetRawResponse()?.StatusCode);
    }

    [Fact]
    public async Task Create_version_posts_without_an_idempotency_key_the_operation_does_not_take()
    {
        _fixture.RespondWith(HttpStatusCode.Created, OperationPayloads.Version);

        var version = await Packages.CreateVersionAsync(OperationPayloads.PackageId, NewVersion(), new AkuaRequestOptions { IdempotencyKey = "ignored" });

        var request = _fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://api.akua.dev/v1/packages/{OperationPayloads.PackageId}/versions", request.Uri.AbsoluteUri);
        Assert.Null(request.Header("idempotency-key"));
        Assert.Equal("1.2.3", version.Semver);
    }

    [Fact]
    public async Task Requests_outside_the_documented_limits_are_refused_before_sending()
    {
        var noSource = HelmPackage();
        noSource.Sources = [];
        var longName = HelmPackage();
        longName.Name = new string('n', 121);
        var badSemver = NewVersion();
        badSemver.Semver = "1.2";

        Assert.Equal("request.Sources", (await Assert.ThrowsAnyAsync<ArgumentException>(() => Packages.CreateAsync(noSource))).ParamName);
        Assert.Equal("request.Name", (await Assert.ThrowsAnyAsync<ArgumentException>(() => Packages.CreateAsync(longName))).ParamName);
        Assert.Equal("request.Semver", (await Assert.ThrowsAnyAsync<ArgumentException>(() => Packages.CreateVersionAsync(OperationPayloads.PackageId, badSemver))).ParamName);
        Assert.Equal("packageId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => Packages.GetAsync(new string('p', 55)))).ParamName);
        Assert.Equal("versionId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => Packages.GetVersionAsync(OperationPayloads.PackageId, ""))).ParamName);
        Assert.Empty(_fixture.Requests);
    }

    private static CreatePackageRequest HelmPackage() => new()
    {
        Name = "PostgreSQL",
        Sources = [new HelmPackageSource { Kind = HelmSourceKind.Helm, RepoUrl = "oci://registry.example.com/charts", Chart = "postgresql", TargetRevision = "1.2.3" }],
    };

    private static CreatePackageVersionRequest NewVersion() => new()
    {
        Semver = "1.2.3",
        Ref = "charts/postgresql-1.2.3.tgz",
        InputSchema = new Dictionary<string, JsonElement> { ["type"] = JsonSerializer.SerializeToElement("object") },
    };
}
