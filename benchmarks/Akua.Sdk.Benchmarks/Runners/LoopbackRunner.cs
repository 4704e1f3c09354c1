using System.Diagnostics;
using System.Net;
using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Akua.Sdk.Benchmarks.Runners.Report;

namespace Akua.Sdk.Benchmarks.Runners;

internal sealed record LoopbackSettings(double WarmupSeconds, double SegmentSeconds, int Cycles, int[] Concurrency)
{
    public static readonly LoopbackSettings Full = new(6, 2, 5, [32, 256]);
    public static readonly LoopbackSettings Quick = new(2, 1, 2, [32, 256]);

    /// <summary>Measured seconds per contender.</summary>
    public double MeasuredSeconds => SegmentSeconds * 2 * Cycles;
}

/// <summary>
/// Throughput over real sockets: a minimal Kestrel server (a child process, so the client's CPU
/// is measured alone) on 127.0.0.1 serves the canned payloads; 32 and then 256 concurrent callers
/// run the SDK (<c>AddAkuaSdk</c>, resilience on) or raw HttpClient + AddStandardResilienceHandler +
/// System.Text.Json (the floor's calls) for a fixed time each. Every segment stops by itself.
/// </summary>
internal static class LoopbackRunner
{
    private const double ThroughputTarget = 0.95;
    private const double AaTolerance = 0.03;
    private const string Raw = "raw HttpClient";

    public static async Task RunAsync(LoopbackSettings settings)
    {
        using var server = StartServerProcess(out var address);
        var baseAddress = new Uri(address + "/v1/");
        Console.WriteLine($"Loopback server at {baseAddress} (pid {server.Id}).");
        try
        {
            var rows = new List<string[]>();
            foreach (var concurrency in settings.Concurrency)
            {
                foreach (var op in new[] { Operations.Get, Operations.Create })
                {
                    // Fresh clients (and connection pools) per table row, so connections opened are the row's own.
                    var transports = new Dictionary<string, CountingTransport>();
                    using var clients = new ResilientClients(name => transports[name] = new CountingTransport(), baseAddress, "raw", "raw-aa");
                    var rawCall = Operations.Bind(new FloorContender(clients.Raw("raw"), baseAddress, Raw), op);
                    var aaCall = Operations.Bind(new FloorContender(clients.Raw("raw-aa"), baseAddress, Raw), op);
                    var sdkCall = Operations.Bind(new SdkContender(clients.Sdk, ContenderSet.SdkDi), op);

                    // Warm-up: all three, in turn, for the warm-up time in total.
                    var sixth = settings.WarmupSeconds / 6;
                    foreach (var call in new[] { rawCall, sdkCall, aaCall, aaCall, sdkCall, rawCall })
                    {
                        await Segment(call, sixth, concurrency).ConfigureAwait(false);
                    }

                    // Measured: cycles of A B C C B A (raw, sdk, the raw A/A twin), so drift on the shared machine hits all alike.
                    var rawTotal = default(Totals);
                    var sdkTotal = default(Totals);
                    var aaTotal = default(Totals);
                    for (var cycle = 0; cycle < settings.Cycles; cycle++)
                    {
                        rawTotal += await Segment(rawCall, settings.SegmentSeconds, concurrency).ConfigureAwait(false);
                        sdkTotal += await Segment(sdkCall, settings.SegmentSeconds, concurrency).ConfigureAwait(false);
                        aaTotal += await Segment(aaCall, settings.SegmentSeconds, concurrency).ConfigureAwait(false);
                        aaTotal += await Segment(aaCall, settings.SegmentSeconds, concurrency).ConfigureAwait(false);
                        sdkTotal += await Segment(sdkCall, settings.SegmentSeconds, concurrency).ConfigureAwait(false);
                        rawTotal += await Segment(rawCall, settings.SegmentSeconds, concurrency).ConfigureAwait(false);
                    }

                    var throughput = sdkTotal.PerSecond / rawTotal.PerSecond;
                    var aa = aaTotal.PerSecond / rawTotal.PerSecond;
                    foreach (var (name, t, transport) in new[] { (Raw, rawTotal, transports["raw"]), ("sdk (AddAkuaSdk)", sdkTotal, transports[ResilientClients.SdkName]), (Raw + " (A/A twin)", aaTotal, transports["raw-aa"]) })
                    {
                        rows.Add(
                        [
                            concurrency.ToString(C), op, name, F(t.PerSecond, "N0"), F(t.PerSecond / rawTotal.PerSecond, "F3"),
                            F(t.CpuMicrosPerRequest, "F1") + " µs", F(t.CpuMicrosPerRequest / rawTotal.CpuMicrosPerRequest, "F3"),
                            Bytes(t.BytesPerRequest), transport.Connections.ToString(C), t.Requests.ToString("N0", C),
                        ]);
                    }

                    var control = Math.Abs(aa - 1) <= AaTolerance ? $"A/A {F(aa, "F3")}, valid" : $"A/A {F(aa, "F3")}, VOID (outside 1.00 ± {F(AaTolerance, "F2")})";
                    Verdict($"loopback {op}, {concurrency} callers: SDK throughput {F(throughput, "P1")} of raw HttpClient + standard resilience (target ≥ {F(ThroughputTarget, "P0")}; {control}): {(throughput >= ThroughputTarget ? "holds" : "MISSED")}; client CPU per request {F(sdkTotal.CpuMicrosPerRequest / rawTotal.CpuMicrosPerRequest, "F3")}x; connections opened {transports[ResilientClients.SdkName].Connections} vs {transports["raw"].Connections}.");
                }
            }

            var body = $"Kestrel on 127.0.0.1 in a child process; the client process runs {string.Join(" and ", settings.Concurrency)} concurrent callers, {F(settings.WarmupSeconds, "F0")} s warm-up then {F(settings.MeasuredSeconds, "F0")} s measured per contender ({settings.Cycles} cycles of A B C C B A segments of {F(settings.SegmentSeconds, "F0")} s each, C being a second raw client as the A/A control; every segment stops by itself). Both contenders come from one IHttpClientFactory: raw = a named HttpClient with AddStandardResilienceHandler running the floor's calls; sdk = AddAkuaSdk (its resilience handler \"akua\"). Each has its own SocketsHttpHandler whose ConnectCallback counts the connections it opens (warm-up included). Client CPU is Process.TotalProcessorTime of the client process; bytes are GC.GetTotalAllocatedBytes deltas (all threads). Both share the 2 cores with the server and other builds.\n\n"
                + Table(["callers", "operation", "client", "requests/s", "throughput ratio", "client CPU per request", "CPU ratio", "allocated per request", "connections opened", "requests"], rows);
            Section("Throughput: Kestrel on 127.0.0.1, 32 and 256 concurrent callers", body);
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
            {
                server.Kill();
            }
        }
    }

    /// <summary>A SocketsHttpHandler (no redirects, no cookies, as the SDK requires) that counts the connections it opens.</summary>
    private sealed class CountingTransport : DelegatingHandler
    {
        private int _connections;

        public CountingTransport()
        {
            InnerHandler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = async (context, cancellationToken) =>
                {
                    Interlocked.Increment(ref _connections);
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                        return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
        }

        public int Connections => Volatile.Read(ref _connections);
    }

    private readonly record struct Totals(long Requests, double Seconds, double CpuSeconds, long Bytes)
    {
        public double PerSecond => Requests / Seconds;

        public double CpuMicrosPerRequest => CpuSeconds * 1e6 / Requests;

        public double BytesPerRequest => Bytes / (double)Requests;

        public static Totals operator +(Totals a, Totals b) => new(a.Requests + b.Requests, a.Seconds + b.Seconds, a.CpuSeconds + b.CpuSeconds, a.Bytes + b.Bytes);
    }

    private static async Task<Totals> Segment(Func<Task> call, double seconds, int concurrency)
    {
        using var process = Process.GetCurrentProcess();
        var stop = 0;
        long requests = 0;
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var bytes0 = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        var workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                long mine = 0;
                while (Volatile.Read(ref stop) == 0)
                {
                    await call().ConfigureAwait(false);
                    mine++;
                }

                Interlocked.Add(ref requests, mine);
            });
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(workers).ConfigureAwait(false);
        watch.Stop();
        process.Refresh();
        return new Totals(requests, watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds, GC.GetTotalAllocatedBytes(precise: false) - bytes0);
    }

    internal static Process StartServerProcess(out string address)
    {
        var path = Environment.ProcessPath!;
        var info = new ProcessStartInfo(path) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(LoopbackRunner).Assembly.Location);
        }

        info.ArgumentList.Add("server");
        var process = Process.Start(info)!;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                address = line["LISTENING ".Length..].TrimEnd('/');
                return process;
            }
        }

        throw new InvalidOperationException("The loopback server did not start.");
    }

    /// <summary>The child process: serves the canned payloads until its stdin closes.</summary>
    public static async Task ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var firstPage = CannedBodies.ListPage(0, 10);
        var slowPages = Enumerable.Range(0, ReadAheadRunner.Pages).Select(i => CannedBodies.ListPage(i, ReadAheadRunner.Pages)).ToArray();
        app.Run(async context =>
        {
            var request = context.Request;
            await request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            var path = request.Path.Value ?? "";
            byte[]? body = null;
            var status = StatusCodes.Status200OK;
            if (HttpMethods.IsGet(request.Method) && path.StartsWith("/v1/offers/", StringComparison.Ordinal))
            {
                body = CannedBodies.Offer;
            }
            else if (HttpMethods.IsPost(request.Method) && path == "/v1/offers")
            {
                body = CannedBodies.OfferCreated;
                status = StatusCodes.Status201Created;
            }
            else if (HttpMethods.IsPatch(request.Method) && path.StartsWith("/v1/products/", StringComparison.Ordinal))
            {
                body = CannedBodies.Product;
                context.Response.Headers.ETag = Payloads.ProductEtag;
            }
            else if (HttpMethods.IsGet(request.Method) && path == "/v1/offers")
            {
                body = firstPage;
            }
            else if (HttpMethods.IsGet(request.Method) && path == ReadAheadRunner.SlowPath + "offers")
            {
                // The read-ahead measurement's pages: each answered after the added latency.
                await Task.Delay(ReadAheadRunner.PageLatency).ConfigureAwait(false);
                var cursor = request.Query["cursor"].ToString();
                body = slowPages[cursor.Length > 1 ? int.Parse(cursor.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) : 0];
            }

            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            context.Response.Headers["x-request-id"] = "req_0123456789abcdef";
            await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine("LISTENING " + address);
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
    }
}
