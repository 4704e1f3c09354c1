using System.Diagnostics;

namespace Akua.Sdk;

/// <summary>Tracing: one <see cref="Activity"/> per operation on the <c>Akua.Sdk</c> source.</summary>
internal static class AkuaActivity
{
    public const string SourceName = "Akua.Sdk";

    public static readonly ActivitySource Source = new(SourceName, typeof(AkuaActivity).Assembly.GetName().Version?.ToString(3));

    public static Activity? Start(Contract.AkuaOperationInfo operation)
    {
        var activity = Source.StartActivity(operation.Name, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("akua.operation", operation.OperationId);
            activity.SetTag("http.request.method", operation.Method.Method);
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
