using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Akua.Sdk.Testing;
using Microsoft.Extensions.Logging;

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

    private static readonly Lazy<Task<string>> s_offerJson = new(async () =>
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient();
        var productId = await NewProductAsync(emulator, client);
        var created = await client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiToken);
        return await http.GetStringAsync(new Uri("offers/" + created.Id, UriKind.Relative));
    });

    /// <summary>A real offer body, as the emulator writes it.</summary>
    public static Task<string> OfferJsonAsync() => s_offerJson.Value;
}

/// <summary>One captured log line: its text (category, level, event, message and state values) and its exception.</summary>
public sealed record CapturedLog(string Text, Exception? Exception)
{
    public override string ToString() => $"{Text} {Exception}";
}

/// <summary>Keeps every log line and scope of every category, at every level.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<CapturedLog> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            sink.Enqueue(new CapturedLog(category + " scope " + state, null));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{category} {logLevel} {eventId} {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                line += " " + string.Join(",", pairs.Select(p => p.Key + "=" + p.Value));
            }

            sink.Enqueue(new CapturedLog(line, exception));
        }
    }
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
