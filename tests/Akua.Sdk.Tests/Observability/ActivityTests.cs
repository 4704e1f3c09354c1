using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.Observability;

public sealed class ActivityTests : IDisposable
{
    private static readonly ActivitySource TestSource = new("Akua.Sdk.Tests");
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public ActivityTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Akua.Sdk" or "Akua.Sdk.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private List<Activity> ChildrenOf(Activity parent) => _stopped.Where(a => a.ParentSpanId == parent.SpanId && a.Source.Name == "Akua.Sdk").ToList();

    [Fact]
    public async Task A_successful_call_is_one_activity_with_operation_status_and_request_id()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer, configure: r => r.Headers.TryAddWithoutValidation("x-request-id", "req_ok"));
        using var parent = TestSource.StartActivity("test")!;

        await fixture.Client.Offers.GetAsync("offer_1");

        var activity = Assert.Single(ChildrenOf(parent));
        Assert.Equal("Akua.Offers.Get", activity.OperationName);
        Assert.Equal(ActivityKind.Internal, activity.Kind);
        Assert.Equal("api.akua.dev", activity.GetTagItem("server.address"));
        Assert.Equal("offers.get", activity.GetTagItem("akua.operation"));
        Assert.Equal("GET", activity.GetTagItem("http.request.method"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("req_ok", activity.GetTagItem("akua.request_id"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task A_failed_call_records_the_error_type_and_never_the_token()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.NotFound, """{"success": false, "errors": [{"code": 7002, "message": "nope"}], "result": {}}""", configure: r => r.Headers.TryAddWithoutValidation("x-request-id", "req_404"));
        using var parent = TestSource.StartActivity("test")!;

        await Assert.ThrowsAsync<AkuaNotFoundException>(() => fixture.Client.Products.ArchiveAsync("prod_1", "3"));

        var activity = Assert.Single(ChildrenOf(parent));
        Assert.Equal("Akua.Products.Archive", activity.OperationName);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(AkuaNotFoundException).FullName, activity.GetTagItem("error.type"));
        Assert.Equal(404, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("req_404", activity.GetTagItem("akua.request_id"));
        Assert.All(activity.TagObjects, tag => Assert.DoesNotContain(ClientFixture.Token, tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }
}
