using System.Net;
using Akua.Sdk.Tests.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.Tests.Operations;

/// <summary>Every Operations operation's exact wire shape, long polls, and waiting for completion.</summary>
public sealed class OperationsClientTests
{
    [Fact]
    public async Task Get_reads_the_operation_with_its_steps()
    {
        using var fixture = new ClientFixture(o => o.WorkspaceContext = "ws_client");
        fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.PackageBuild("RUNNING"));

        var operation = await fixture.Client.Operations.GetAsync(OperationPayloads.OperationId);

        Assert.Equal($"https://api.akua.dev/v1/operations/{OperationPayloads.OperationId}", fixture.Single.Uri.AbsoluteUri);
        Assert.Equal("ws_client", fixture.Single.Header("akua-context"));
        Assert.Equal(OperationState.Running, operation.State);
        Assert.False(operation.IsTerminal);
        Assert.Equal("fetch chart", Assert.Single(operation.Steps!).Name);
        Assert.Null(operation.PackageCreateResponse);
    }

    [Fact]
    public async Task List_filters_by_owner_and_sends_no_workspace_the_operation_does_not_take()
    {
        using var fixture = new ClientFixture(o => o.WorkspaceContext = "ws_client");
        fixture.RespondWith(HttpStatusCode.OK, $$"""{"data":[{{OperationPayloads.PackageBuild()}}],"has_more":false,"next_cursor":null}""");

        var page = await fixture.Client.Operations.ListPageAsync(new ListOperationsOptions { OwnerType = OperationOwnerType.Package, OwnerId = OperationPayloads.PackageId, Limit = 20 });

        Assert.Equal($"https://api.akua.dev/v1/operations?limit=20&owner_type=package&owner_id={OperationPayloads.PackageId}", fixture.Single.Uri.AbsoluteUri);
        Assert.Null(fixture.Single.Header("akua-context"));
        Assert.Single(page.Data);
    }

    [Theory]
    [InlineData(true, "query.OwnerId")]
    [InlineData(false, "query.OwnerType")]
    public async Task Owner_type_and_owner_id_go_together(bool typeOnly, string missing)
    {
        using var fixture = new ClientFixture();
        var query = typeOnly ? new ListOperationsOptions { OwnerType = OperationOwnerType.Install } : new ListOperationsOptions { OwnerId = "inst_1" };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.Operations.ListPageAsync(query));
        Assert.Throws<ArgumentException>(() => fixture.Client.Operations.ListAsync(query));

        Assert.Equal(missing, error.ParamName);
        Assert.Empty(fixture.Requests);
    }

    [Fact]
    public async Task Wait_is_one_long_poll_with_the_server_timeout()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED"));

        var operation = await fixture.Client.Operations.WaitAsync(OperationPayloads.OperationId, TimeSpan.FromSeconds(10));

        Assert.Equal(HttpMethod.Post, fixture.Single.Method);
        Assert.Equal($"https://api.akua.dev/v1/operations/{OperationPayloads.OperationId}:wait?timeout=10", fixture.Single.Uri.AbsoluteUri);
        Assert.Null(fixture.Single.Header("idempotency-key"));
        Assert.Equal(OperationPayloads.PackageId, operation.PackageCreateResponse?.PackageId);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(61)]
    [InlineData(1.5)]
    public async Task Server_timeouts_outside_1_to_60_whole_seconds_are_refused(double seconds)
    {
        using var fixture = new ClientFixture();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Client.Operations.WaitAsync("op_1", TimeSpan.FromSeconds(seconds)));

        Assert.Equal("serverTimeout", error.ParamName);
        Assert.Empty(fixture.Requests);
    }

    [Fact]
    public async Task The_attempt_of_a_long_poll_outlasts_the_servers_wait()
    {
        // The client's attempts time out after 1 s; the server holds the poll for 1.5 s and answers.
        using var fixture = new ClientFixture(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(1);
            o.Retry.MaxRetries = 0;
            o.Transport = new DelayedHandler(TimeSpan.FromMilliseconds(1500), OperationPayloads.PackageBuild("SUCCEEDED"));
        }, fullChain: true);

        var operation = await fixture.Client.Operations.WaitAsync("op_1", TimeSpan.FromSeconds(2)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(operation.Done);
    }

    [Fact]
    public async Task Cancel_sends_the_etag_only_when_given_and_a_terminal_operation_is_unprocessable()
    {
        using var fixture = new ClientFixture();
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.Accepted, OperationPayloads.PackageBuild("RUNNING")),
            () => ClientFixture.Json(HttpStatusCode.Accepted, OperationPayloads.PackageBuild("RUNNING")),
            () => ClientFixture.Json(HttpStatusCode.UnprocessableEntity, """{"success":false,"errors":[{"code":1006,"message":"The operation already finished."}],"result":{}}"""));

        await fixture.Client.Operations.CancelAsync("op_1");
        await fixture.Client.Operations.CancelAsync("op_1", "e7");
        await Assert.ThrowsAsync<AkuaValidationException>(() => fixture.Client.Operations.CancelAsync("op_1"));

        Assert.Equal("https://api.akua.dev/v1/operations/op_1:cancel", fixture.Requests[0].Uri.AbsoluteUri);
        Assert.Null(fixture.Requests[0].Header("if-match"));
        Assert.Equal("e7", fixture.Requests[1].Header("if-match"));
        Assert.NotNull(fixture.Requests[0].Header("idempotency-key"));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.Operations.CancelAsync("op_1", new string('e', 65)));
    }

    [Fact]
    public async Task Waiting_for_completion_survives_failed_polls_without_a_tight_loop()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        using var fixture = new ClientFixture(o => o.TimeProvider = time);
        var answers = new Queue<Func<HttpResponseMessage>>([
            () => ClientFixture.Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => ClientFixture.Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => ClientFixture.Json((HttpStatusCode)429, "{}"),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackageBuild("RUNNING")),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED")),
        ]);
        var sentAt = new List<DateTimeOffset>();
        fixture.Mock.Fallback.Respond(_ =>
        {
            lock (sentAt)
            {
                sentAt.Add(time.GetUtcNow());
                return Task.FromResult(answers.Dequeue()());
            }
        });

        var waiting = fixture.Client.Operations.WaitForCompletionAsync("op_1");
        await Drive(time, waiting, TimeSpan.FromSeconds(1), limit: 300);

        var done = await waiting;
        Assert.Equal(OperationState.Succeeded, done.State);
        Assert.Equal(5, sentAt.Count);
        var gaps = sentAt.Zip(sentAt.Skip(1), (a, b) => b - a).ToList();
        // Failures back off (1 s, 2 s, 4 s, each within the 20% jitter); a poll answered early waits out the server's 30 s.
        Assert.InRange(gaps[0], TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(2));
        Assert.InRange(gaps[1], TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(3));
        Assert.InRange(gaps[2], TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(5));
        Assert.InRange(gaps[3], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
        Assert.All(fixture.Requests, r => Assert.EndsWith(":wait?timeout=30", r.Uri.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Waiting_for_completion_stops_at_an_error_that_is_not_transient_and_at_cancellation()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.NotFound, """{"success":false,"errors":[{"code":7003,"message":"No such operation."}],"result":{}}""");
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => fixture.Client.Operations.WaitForCompletionAsync("op_gone"));

        var time = new FakeTimeProvider();
        using var running = new ClientFixture(o => o.TimeProvider = time);
        running.RespondWith(HttpStatusCode.OK, OperationPayloads.PackageBuild("RUNNING"));
        using var stop = new CancellationTokenSource();
        var waiting = running.Client.Operations.WaitForCompletionAsync("op_1", cancellationToken: stop.Token);
        await Drive(time, waiting, TimeSpan.FromSeconds(30), limit: 3);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Advances fake time step by step until the task completes or the steps run out (never hangs).</summary>
    internal static async Task Drive(FakeTimeProvider time, Task task, TimeSpan step, int limit)
    {
        for (var i = 0; i < limit && !task.IsCompleted; i++)
        {
            // Let the call reach its next timer before time moves.
            await Task.Delay(5);
            time.Advance(step);
        }
    }
}
