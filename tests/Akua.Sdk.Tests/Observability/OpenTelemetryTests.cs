using System.Diagnostics;
using Akua.Sdk.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Akua.Sdk.Tests.Observability;

/// <summary>
/// What an application sees through the OpenTelemetry SDK: one Akua span per call above
/// HttpClient's own HTTP spans (one per attempt), the retry on the Akua span, semantic-convention
/// attribute names, and the SDK's and Polly's metric points. It runs alone: the providers listen to
/// the whole process, and other tests' calls must not show up in its figures.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task A_retried_call_is_one_akua_span_over_one_http_span_per_attempt()
    {
        var spans = new List<Activity>();
        var exported = new List<Metric>();
        List<Metric> metrics;
        await using var emulator = await AkuaEmulator.StartAsync();
        using var akua = emulator.CreateClient(o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.UseJitter = false;
        });
        using (var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource("Akua.Sdk", "System.Net.Http").AddInMemoryExporter(spans).Build())
        using (var metering = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter("Akua.Sdk", "Polly").AddInMemoryExporter(exported).Build())
        {
            emulator.Faults.Enqueue(AkuaFault.Status(503));

            await akua.Products.ListPageAsync().WaitAsync(TimeSpan.FromSeconds(30));

            tracing.ForceFlush();
            metering.ForceFlush();

            // What one collection exported; disposing the provider exports again.
            metrics = [.. exported];
        }

        var call = Assert.Single(spans, s => s.Source.Name == "Akua.Sdk");
        Assert.Equal("Akua.Products.List", call.DisplayName);
        Assert.Equal(ActivityKind.Internal, call.Kind);
        Assert.Equal("products.list", call.GetTagItem("akua.operation"));
        Assert.Equal("GET", call.GetTagItem("http.request.method"));
        Assert.Equal(200, call.GetTagItem("http.response.status_code"));
        Assert.Equal("127.0.0.1", call.GetTagItem("server.address"));
        Assert.NotNull(call.GetTagItem("akua.request_id"));

        var attempts = spans.Where(s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == call.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.Equal([503, 200], attempts.Select(a => Convert.ToInt32(a.GetTagItem("http.response.status_code"), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(spans, s => s.Source.Name == "Akua.Sdk" && s.ParentSpanId == call.SpanId);

        var retry = Assert.Single(call.Events, e => e.Name == "akua.retry");
        Assert.Equal(1, retry.Tags.Single(t => t.Key == "akua.attempt").Value);
        Assert.Equal("503", retry.Tags.Single(t => t.Key == "akua.retry.outcome").Value);

        var duration = Assert.Single(metrics, m => m.Name == "akua.client.operation.duration");
        var point = Assert.Single(Points(duration));
        var tags = Tags(point);
        Assert.Equal("products.list", tags["akua.operation"]);
        Assert.Equal(200, Convert.ToInt32(tags["http.response.status_code"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("GET", tags["http.request.method"]);
        Assert.Equal(1L, point.GetHistogramCount());

        var retries = Assert.Single(metrics, m => m.Name == "akua.client.retries");
        Assert.Equal(1L, Points(retries).Sum(p => p.GetSumLong()));
        Assert.Contains(metrics, m => m.MeterName == "Polly");
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Process-wide telemetry";
}
