using System.Net;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.OrderDrafts;

/// <summary>Every seller-side Order Drafts operation's exact wire shape, and its checks before sending.</summary>
public sealed class OrderDraftsClientTests : IDisposable
{
    private readonly ClientFixture _fixture = new(o => o.WorkspaceContext = "ws_client");

    public void Dispose() => _fixture.Dispose();

    private IOrderDraftsClient OrderDrafts => _fixture.Client.OrderDrafts;

    [Fact]
    public async Task List_page_sends_the_offer_status_cursor_and_limit_in_the_workspace()
    {
        _fixture.RespondWith(HttpStatusCode.OK, OrderDraftPayloads.Page("c2", OrderDraftPayloads.OrderDraft()));

        var page = await OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = OrderDraftPayloads.OfferId, Status = OrderDraftStatus.Payment, Limit = 10, Cursor = "c1" });

        var request = _fixture.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal($"https://api.akua.dev/v1/order_drafts?offer={OrderDraftPayloads.OfferId}&cursor=c1&limit=10&status=payment", request.Uri.AbsoluteUri);
        Assert.Equal("ws_client", request.Header("akua-context"));
        var draft = Assert.Single(page.Data);
        Assert.Equal(OrderDraftPayloads.OrderDraftId, draft.Id);
        Assert.Equal(OrderDraftStatus.Payment, draft.Status);
        Assert.Equal("\"od-1\"", draft.Etag);
        Assert.Null(draft.FieldValues);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767312000), draft.TtlExpiresAt);
        Assert.Equal("c2", page.NextCursor);
    }

    [Fact]
    public async Task List_follows_cursors_keeping_the_offer_and_status()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, OrderDraftPayloads.Page("c2", OrderDraftPayloads.OrderDraft("odft_1"))),
            () => ClientFixture.Json(HttpStatusCode.OK, OrderDraftPayloads.Page(null, OrderDraftPayloads.OrderDraft("odft_2"))));

        var all = await OrderDrafts.ListAsync(new ListOrderDraftsOptions { OfferId = OrderDraftPayloads.OfferId, Status = OrderDraftStatus.Done }).ToListAsync();

        Assert.Equal(["odft_1", "odft_2"], all.Select(d => d.Id));
        Assert.Equal($"https://api.akua.dev/v1/order_drafts?offer={OrderDraftPayloads.OfferId}&cursor=c2&status=done", _fixture.Requests[1].Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task List_needs_an_offer_id_before_sending(string? offerId)
    {
        var query = new ListOrderDraftsOptions { OfferId = offerId! };

        var page = await Assert.ThrowsAnyAsync<ArgumentException>(() => OrderDrafts.ListPageAsync(query));
        var all = Assert.ThrowsAny<ArgumentException>(() => OrderDrafts.ListAsync(query));

        Assert.Equal("query.OfferId", page.ParamName);
        Assert.Equal("query.OfferId", all.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task List_without_options_names_the_query()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => OrderDrafts.ListPageAsync(null!));

        Assert.Equal("query", error.ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentNullException>(() => OrderDrafts.ListAsync(null!)).ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task List_checks_the_documented_limits_before_sending()
    {
        var tooLong = new ListOrderDraftsOptions { OfferId = new string('o', 57) };
        var badLimit = new ListOrderDraftsOptions { OfferId = OrderDraftPayloads.OfferId, Limit = 101 };

        Assert.Equal("query.OfferId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => OrderDrafts.ListPageAsync(tooLong))).ParamName);
        Assert.Equal("query.Limit", (await Assert.ThrowsAnyAsync<ArgumentException>(() => OrderDrafts.ListPageAsync(badLimit))).ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Get_reads_the_draft_and_sends_no_workspace_the_operation_does_not_take()
    {
        _fixture.RespondWith(HttpStatusCode.OK, OrderDraftPayloads.OrderDraft(status: "install", installOperationId: OrderDraftPayloads.InstallOperationId));

        var draft = await OrderDrafts.GetAsync(OrderDraftPayloads.OrderDraftId);

        Assert.Equal($"https://api.akua.dev/v1/order_drafts/{OrderDraftPayloads.OrderDraftId}", _fixture.Single.Uri.AbsoluteUri);
        Assert.Null(_fixture.Single.Header("akua-context"));
        Assert.Equal(OrderDraftPayloads.InstallOperationId, draft.InstallOperationId);
        Assert.False(draft.Status.IsTerminal);
        Assert.Equal(200, draft.GetRawResponse()?.StatusCode);
    }

    [Fact]
    public async Task Cancel_posts_with_if_match_and_no_body()
    {
        _fixture.RespondWith(HttpStatusCode.OK, OrderDraftPayloads.OrderDraft(status: "terminated", etag: "\"od-2\""));

        var draft = await OrderDrafts.CancelAsync(OrderDraftPayloads.OrderDraftId, "\"od-1\"");

        var request = _fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://api.akua.dev/v1/order_drafts/{OrderDraftPayloads.OrderDraftId}:cancel", request.Uri.AbsoluteUri);
        Assert.Equal("\"od-1\"", request.Header("if-match"));
        Assert.Null(request.Header("idempotency-key"));
        Assert.True(string.IsNullOrEmpty(request.Body));
        Assert.True(draft.Status.IsTerminal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Cancel_needs_the_etag_before_sending(string? etag)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => OrderDrafts.CancelAsync(OrderDraftPayloads.OrderDraftId, etag!));

        Assert.Equal("etag", error.ParamName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Cancel_of_a_changed_draft_is_a_concurrency_error()
    {
        _fixture.RespondWith(HttpStatusCode.Conflict, """{"success":false,"errors":[{"code":1009,"message":"The order draft changed.","metadata":{"current_etag":"od-3"}}],"result":{}}""");

        var error = await Assert.ThrowsAsync<AkuaConcurrencyException>(() => OrderDrafts.CancelAsync(OrderDraftPayloads.OrderDraftId, "\"od-1\""));

        Assert.Equal(409, error.StatusCode);
    }

    [Fact]
    public async Task Checkout_sessions_are_listed_and_read()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, $$"""{"data":[{{OrderDraftPayloads.CheckoutSession()}}],"has_more":false,"next_cursor":null}"""),
            () => ClientFixture.Json(HttpStatusCode.OK, OrderDraftPayloads.CheckoutSession("paid")));

        var page = await OrderDrafts.ListCheckoutSessionsPageAsync(OrderDraftPayloads.OrderDraftId, new ListCheckoutSessionsOptions { Limit = 5, Cursor = "c1" });
        var session = await OrderDrafts.GetCheckoutSessionAsync(OrderDraftPayloads.OrderDraftId, OrderDraftPayloads.CheckoutSessionId);

        Assert.Equal($"https://api.akua.dev/v1/order_drafts/{OrderDraftPayloads.OrderDraftId}/checkout_sessions?cursor=c1&limit=5", _fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Equal($"https://api.akua.dev/v1/order_drafts/{OrderDraftPayloads.OrderDraftId}/checkout_sessions/{OrderDraftPayloads.CheckoutSessionId}", _fixture.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(CheckoutSessionStatus.Open, Assert.Single(page.Data).State);
        Assert.Equal(CheckoutSessionStatus.Paid, session.State);
        Assert.Equal(StripeEnvironment.Sandbox, session.StripeEnvironment);
    }

    [Fact]
    public async Task Checkout_sessions_enumerate_every_page()
    {
        _fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, $$"""{"data":[{{OrderDraftPayloads.CheckoutSession()}}],"has_more":true,"next_cursor":"c2"}"""),
            () => ClientFixture.Json(HttpStatusCode.OK, $$"""{"data":[{{OrderDraftPayloads.CheckoutSession("superseded")}}],"has_more":false,"next_cursor":null}"""));

        var all = await OrderDrafts.ListCheckoutSessionsAsync(OrderDraftPayloads.OrderDraftId).ToListAsync();

        Assert.Equal([CheckoutSessionStatus.Open, CheckoutSessionStatus.Superseded], all.Select(s => s.State));
        Assert.Equal($"https://api.akua.dev/v1/order_drafts/{OrderDraftPayloads.OrderDraftId}/checkout_sessions?cursor=c2", _fixture.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_draft_missing_its_etag_is_an_invalid_response_not_a_success()
    {
        _fixture.RespondWith(HttpStatusCode.OK, System.Text.RegularExpressions.Regex.Replace(OrderDraftPayloads.OrderDraft(), "\"etag\":\"[^\"]*\",", string.Empty));

        await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => OrderDrafts.GetAsync(OrderDraftPayloads.OrderDraftId));
    }

    [Theory]
    [InlineData("auth", false)]
    [InlineData("payment", false)]
    [InlineData("install", false)]
    [InlineData("cleaning_up", false)]
    [InlineData("done", true)]
    [InlineData("terminated", true)]
    [InlineData("a_phase_from_the_future", false)]
    public void Only_done_and_terminated_are_terminal(string status, bool terminal) =>
        Assert.Equal(terminal, new OrderDraftStatus(status).IsTerminal);
}
