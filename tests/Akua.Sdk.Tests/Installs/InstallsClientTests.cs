using System.Net;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.Installs;

/// <summary>Every Installs operation's exact wire shape, and the install that ends a redemption as an operation's result.</summary>
public sealed class InstallsClientTests : IDisposable
{
    private readonly ClientFixture _fixture = new(o => o.WorkspaceContext = "ws_client");

    public void Dispose() => _fixture.Dispose();

    private IInstallsClient Installs => _fixture.Client.Installs;

    [Fact]
    public async Task List_page_filters_by_product_in_the_workspace()
    {
        _fixture.RespondWith(HttpStatusCode.OK, $$"""{"data":[{{OrderDraftPayloads.Install()}}],"has_more":true,"next_cursor":"c2"}""");

        var page = await Installs.ListPageAsync(new ListInstallsOptions { ProductId = "prod_1", Limit = 25, Cursor = "c1" });

        var request = _fixture.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.akua.dev/v1/installs?cursor=c1&limit=25&product_id=prod_1", request.Uri.AbsoluteUri);
        Assert.Equal("ws_client", request.Header("akua-context"));
        var install = Assert.Single(page.Data);
        Assert.Equal(InstallState.Healthy, install.State);
        Assert.Equal("Buyer Inc", install.CustomerWorkspace.Name);
        Assert.Equal("c2", page.NextCursor);
    }

    [Fact]
    public async Task List_follows_cursors_keeping_the_product()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, $$"""{"data":[{{OrderDraftPayloads.Install()}}],"has_more":true,"next_cursor":"c2"}"""),
            () => ClientFixture.Json(HttpStatusCode.OK, $$"""{"data":[{{OrderDraftPayloads.Install("syncing")}}],"has_more":false,"next_cursor":null}"""));

        var all = await Installs.ListAsync(new ListInstallsOptions { ProductId = "prod_1" }).ToListAsync();

        Assert.Equal([InstallState.Healthy, InstallState.Syncing], all.Select(i => i.State));
        Assert.Equal("https://api.akua.dev/v1/installs?cursor=c2&product_id=prod_1", _fixture.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task List_checks_the_product_id_before_sending()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Installs.ListPageAsync(new ListInstallsOptions { ProductId = new string('p', 56) }));

        Assert.Equal("query.ProductId", error.ParamName);
        Assert.Equal("query.ProductId", Assert.ThrowsAny<ArgumentException>(() => Installs.ListAsync(new ListInstallsOptions { ProductId = "" })).ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Get_and_get_status_read_one_install()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, OrderDraftPayloads.Install()),
            () => ClientFixture.Json(HttpStatusCode.OK, OrderDraftPayloads.InstallStatus()));

        var install = await Installs.GetAsync(OrderDraftPayloads.InstallId);
        var status = await Installs.GetStatusAsync(OrderDraftPayloads.InstallId);

        Assert.Equal($"https://api.akua.dev/v1/installs/{OrderDraftPayloads.InstallId}", _fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Equal($"https://api.akua.dev/v1/installs/{OrderDraftPayloads.InstallId}/status", _fixture.Requests[1].Uri.AbsoluteUri);
        Assert.All(_fixture.Requests, r => Assert.Equal("ws_client", r.Header("akua-context")));
        Assert.Equal(OrderDraftPayloads.InstallId, install.Id);
        Assert.Equal("Healthy", status.Health);
        Assert.Equal(InstallState.Healthy, status.State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Get_needs_an_install_id_before_sending(string? installId)
    {
        Assert.Equal("installId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => Installs.GetAsync(installId!))).ParamName);
        Assert.Equal("installId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => Installs.GetStatusAsync(installId!))).ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task A_redemptions_install_operation_resumes_into_the_install()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, OrderDraftPayloads.InstallOperation()),
            () => ClientFixture.Json(HttpStatusCode.OK, OrderDraftPayloads.Install()));

        var operation = await AkuaOperation<Install>.ResumeAsync(_fixture.Client, OrderDraftPayloads.InstallOperationId);

        Assert.True(operation.HasCompleted);
        Assert.Equal(OrderDraftPayloads.InstallId, operation.Value.Id);
        Assert.Equal($"https://api.akua.dev/v1/operations/{OrderDraftPayloads.InstallOperationId}", _fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Equal($"https://api.akua.dev/v1/installs/{OrderDraftPayloads.InstallId}", _fixture.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_succeeded_install_operation_without_its_install_id_is_an_invalid_response()
    {
        _fixture.RespondWith(HttpStatusCode.OK, OrderDraftPayloads.InstallOperation().Replace("\"response\":{\"type\":\"install.create\",\"install_id\":\"inst_j572abc123def456\",\"argo_app_name\":\"app-1\"}", "\"response\":{\"type\":\"install.create\"}", StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<AkuaException>(() => AkuaOperation<Install>.ResumeAsync(_fixture.Client, OrderDraftPayloads.InstallOperationId));
        Assert.Single(_fixture.Requests);
    }
}
