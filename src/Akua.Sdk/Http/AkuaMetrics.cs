using System.Diagnostics.Metrics;

namespace Akua.Sdk;

/// <summary>
/// The SDK's instruments. The <see cref="Meter"/> and its instruments are created once and never change;
/// listeners subscribe to the meter named <c>Akua.Sdk</c>.
/// </summary>
internal static class AkuaMetrics
{
    /// <summary>The name of the SDK's meter.</summary>
    public const string MeterName = "Akua.Sdk";

    /// <summary>The name of the retry counter.</summary>
    public const string RetriesInstrumentName = "akua.client.retries";

    /// <summary>The tag holding the HTTP method (semantic conventions).</summary>
    public const string MethodTag = "http.request.method";

    /// <summary>The tag holding the operation id, such as <c>offers.get</c>.</summary>
    public const string OperationTag = "akua.operation";

    /// <summary>The SDK's meter.</summary>
    internal static readonly Meter Meter = new(MeterName, typeof(AkuaMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>Counts retries of HTTP requests to the Akua API, tagged with <see cref="MethodTag"/>.</summary>
    internal static readonly Counter<long> Retries = CreateRetryCounter(Meter);

    /// <summary>The name of the operation duration histogram.</summary>
    public const string OperationDurationInstrumentName = "akua.client.operation.duration";

    /// <summary>How long each SDK operation took, retries included, in seconds; tagged with the operation and its outcome.</summary>
    internal static readonly Histogram<double> OperationDuration =
        Meter.CreateHistogram<double>(OperationDurationInstrumentName, unit: "s", description: "Duration of Akua SDK operations, retries included.");

    /// <summary>Records one finished operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="serverAddress">The API's host.</param>
    /// <param name="startTimestamp">When it started (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</param>
    /// <param name="statusCode">The final HTTP status, when there was one.</param>
    /// <param name="errorType">The exception type, when it failed.</param>
    internal static void RecordOperation(Contract.AkuaOperationInfo operation, string serverAddress, long startTimestamp, int? statusCode, string? errorType)
    {
        if (!OperationDuration.Enabled)
        {
            return;
        }

        var tags = new System.Diagnostics.TagList
        {
            { OperationTag, operation.OperationId },
            { MethodTag, operation.Method.Method },
            { "server.address", serverAddress },
        };
        if (statusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        OperationDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }

    /// <summary>Creates the retry counter on a meter (the SDK's own, or one a test owns).</summary>
    /// <param name="meter">The meter.</param>
    /// <returns>The counter.</returns>
    internal static Counter<long> CreateRetryCounter(Meter meter) =>
        meter.CreateCounter<long>(RetriesInstrumentName, unit: "{retry}", description: "Retries of HTTP requests to the Akua API.");
}
