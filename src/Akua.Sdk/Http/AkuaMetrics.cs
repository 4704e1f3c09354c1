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

    /// <summary>The tag holding the HTTP method of the retried request.</summary>
    public const string MethodTag = "http.request.method";

    /// <summary>The SDK's meter.</summary>
    internal static readonly Meter Meter = new(MeterName, typeof(AkuaMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>Counts retries of HTTP requests to the Akua API, tagged with <see cref="MethodTag"/>.</summary>
    internal static readonly Counter<long> Retries = CreateRetryCounter(Meter);

    /// <summary>Creates the retry counter on a meter (the SDK's own, or one a test owns).</summary>
    /// <param name="meter">The meter.</param>
    /// <returns>The counter.</returns>
    internal static Counter<long> CreateRetryCounter(Meter meter) =>
        meter.CreateCounter<long>(RetriesInstrumentName, unit: "{retry}", description: "Retries of HTTP requests to the Akua API.");
}
