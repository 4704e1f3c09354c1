using System.Collections.Concurrent;
using System.Diagnostics;
using Akua.Sdk.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Akua.Sdk.ReliabilityTests;

internal static class Support
{
    /// <summary>Scenario client settings: short retry delays, no breaker, 1 s attempts.</summary>
    public static void Fast(AkuaClientOptions o, int maxRetries = 2)
    {
        o.Retry.MaxRetries = maxRetries;
        o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        o.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        o.CircuitBreaker.Enabled = false;
        o.Timeout = TimeSpan.FromSeconds(1);
    }

    public static AkuaClient ClientFor(Uri baseAddress, int maxRetries = 2) =>
        new(Options(baseAddress, maxRetries));

    public static AkuaClientOptions Options(Uri baseAddress, int maxRetries = 2)
    {
        var o = new AkuaClientOptions();
        Configure(o, baseAddress, maxRetries);
        return o;
    }

    /// <summary>Scenario settings against a fault server, for <c>new AkuaClient(options)</c> and <c>AddAkuaSdk</c> alike.</summary>
    public static void Configure(AkuaClientOptions o, Uri baseAddress, int maxRetries = 2)
    {
        o.BaseAddress = baseAddress;
        o.ApiToken = "sk_akua_fault_server_token";
        Fast(o, maxRetries);
    }

    /// <summary>Runs <paramref name="call"/> and names its outcome: "success" or the exception's type.</summary>
    public static async Task<(Exception? Error, string Outcome, TimeSpan Elapsed)> Outcome(Func<Task> call)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await call();
            return (null, "success", sw.Elapsed);
        }
        catch (Exception e)
        {
            return (e, e.GetType().Name, sw.Elapsed);
        }
    }

    /// <summary>A product of a package added to the emulator's catalogue (its input schema takes any value).</summary>
    public static async Task<string> NewProductAsync(AkuaEmulator emulator, AkuaClient client) =>
        (await client.Products.CreateAsync(new CreateProductRequest { Name = "Reliability", PackageId = emulator.AddPackage("Reliability", "1.0.0", """{"type":"object"}"""), PackageVersionPin = PackageVersionPin.Latest })).Id;
}

/// <summary>How the leak and sanitising checks read a log record of <see cref="FakeLoggerProvider"/>.</summary>
internal static class LogText
{
    /// <summary>Category, level, event, message and structured state values, on one line.</summary>
    public static string Text(this FakeLogRecord record) =>
        $"{record.Category} {record.Level} {record.Id} {record.Message} " + string.Join(",", (record.StructuredState ?? []).Select(p => p.Key + "=" + p.Value));

    /// <summary>The line, then each scope the record was written in, each on its own.</summary>
    public static IEnumerable<string> Texts(this FakeLogRecord record) =>
        [record.Text(), .. record.Scopes.Select(scope => record.Category + " scope " + scope)];
}

/// <summary>Records the name, status, tags and events of every activity of the <c>Akua.Sdk</c> source while it lives.</summary>
internal sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Akua.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                Tags.Enqueue(a.DisplayName + " " + a.OperationName + " " + a.StatusDescription);
                foreach (var tag in a.TagObjects)
                {
                    Tags.Enqueue(tag.Key + "=" + tag.Value);
                }

                foreach (var e in a.Events)
                {
                    Tags.Enqueue(e.Name + string.Join(",", e.Tags.Select(t => t.Key + "=" + t.Value)));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<string> Tags { get; } = new();

    public void Dispose() => _listener.Dispose();
}
