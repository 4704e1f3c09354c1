using System.Diagnostics;

namespace Akua.Sdk;

/// <summary>
/// Tracing: one <see cref="Activity"/> per operation on the <c>Akua.Sdk</c> source, with the
/// OpenTelemetry semantic-convention attribute names where they apply. It is an internal span
/// (the logical call) above HttpClient's own HTTP client spans, one per attempt, which carry the
/// wire details; a retry shows as an <c>akua.retry</c> event on it.
/// </summary>
internal static class AkuaActivity
{
    public const string SourceName = "Akua.Sdk";

    public const string RetryEventName = "akua.retry";

    public static readonly ActivitySource Source = new(SourceName, typeof(AkuaActivity).Assembly.GetName().Version?.ToString(3));

    public static Activity? Start(Contract.AkuaOperationInfo operation, string serverAddress)
    {
        var activity = Source.StartActivity(operation.Name, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("akua.operation", operation.OperationId);
            activity.SetTag("http.request.method", operation.Method.Method);
            activity.SetTag("server.address", serverAddress);
        }

        return activity;
    }

    public static void Succeeded(Activity? activity, HttpResponseMessage response)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.response.status_code", (int)response.StatusCode);
            activity.SetTag("akua.request_id", AkuaHeaders.RequestId(response));
        }
    }

    /// <summary>Marks a retry on the call's activity (the current one while the pipeline runs).</summary>
    public static void Retrying(int attempt, string outcome, TimeSpan delay)
    {
        if (Activity.Current is { Source.Name: SourceName, IsAllDataRequested: true } activity)
        {
            activity.AddEvent(new ActivityEvent(RetryEventName, tags: new ActivityTagsCollection
            {
                ["akua.attempt"] = attempt,
                ["akua.retry.outcome"] = outcome,
                ["akua.retry.delay_ms"] = (long)delay.TotalMilliseconds,
            }));
        }
    }

    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("error.type", exception.GetType().FullName);
            switch (exception)
            {
                case AkuaApiException api:
                    activity.SetTag("http.response.status_code", api.StatusCode);
                    activity.SetTag("akua.request_id", api.RequestId);
                    break;
                case AkuaInvalidResponseException invalid:
                    activity.SetTag("http.response.status_code", invalid.StatusCode);
                    activity.SetTag("akua.request_id", invalid.RequestId);
                    break;
            }
        }
    }
}
