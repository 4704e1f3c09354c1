using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>
/// What a hostile or broken server gets: each test drives the SDK against raw TCP servers on
/// 127.0.0.1 that stall, trickle, bomb, redirect, set cookies, lie about encodings, loop their
/// paging or echo control characters, and asserts the typed outcome, the requests seen and the bound.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HostileServerTests(ScenarioReport report)
{
    /// <summary>No single call of these tests may take longer; a call that does fails its test.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Trickle = TimeSpan.FromMilliseconds(100);

    // 70 gzip members of 16 MiB of zeros each (deflate cannot pass ~1,030:1, so it takes ~1 MB) and one
    // brotli stream of 1,100 MiB of zeros (~200 KB): both expand to more than 1 GB.
    private static readonly Lazy<byte[]> GzipMember = new(() => Compress(s => new GZipStream(s, CompressionLevel.SmallestSize), 16));
    private const int GzipMembers = 70;
    private static readonly Lazy<byte[]> BrotliBomb = new(() => Compress(s => new BrotliStream(s, CompressionLevel.Fastest), 1100));

    private void Record(string scenario, string faults, long requests, string outcome, string notes) =>
        report.Record(new ScenarioRow("hostile server: " + scenario, faults, requests, 0, 0, outcome, notes));

    private static async Task<(Exception? Error, string Outcome, TimeSpan Elapsed)> Bounded(Func<Task> call) =>
        await Support.Outcome(call).WaitAsync(Bound);

    // ------------------------------------------------------------- 1. bodies bounded in time and size

    [Fact]
    public async Task StalledAndTricklingBodiesEndWithinTheAttemptTimeout()
    {
        (string Name, int Status, bool Trickles, bool Resilience)[] cases =
        [
            ("500 whose body stalls", 500, false, true),
            ("400 whose body stalls", 400, false, true),
            ("500 whose body trickles 1 byte / 100 ms", 500, true, true),
            ("400 whose body trickles 1 byte / 100 ms", 400, true, true),
            ("resilience off: 500 whose body stalls", 500, false, false),
            ("resilience off: 200 whose body stalls", 200, false, false),
            ("resilience off: 200 whose body trickles 1 byte / 100 ms", 200, true, false),
        ];

        // Side by side, so the suite waits for the slowest case, not for the sum of them.
        await Task.WhenAll(cases.Select(async c =>
        {
            await using var server = new FaultServer(async r =>
            {
                if (c.Trickles)
                {
                    await FaultServer.WriteHeadAsync(r, c.Status, "Content-Type: application/json", "Transfer-Encoding: chunked");
                    await FaultServer.TrickleAsync(r, Trickle);
                }
                else
                {
                    await FaultServer.WriteHeadAsync(r, c.Status, "Content-Type: application/json", "Content-Length: 1000");
                    await r.Stream.WriteAsync("{\"errors\":"u8.ToArray(), r.Lifetime);
                    await FaultServer.StallAsync(r);
                }
            });
            var options = Support.Options(server.BaseAddress, maxRetries: 1);
            options.EnableResilience = c.Resilience;
            using var client = new AkuaClient(options);
            var (error, outcome, elapsed) = await Bounded(() => client.Offers.GetAsync("offer_1"));

            // Each attempt is timed, body included; with resilience off the call's Timeout bounds it.
            var attempts = c.Resilience ? 2 : 1;
            var limit = options.Timeout * attempts + TimeSpan.FromSeconds(1.5);
            Record(c.Name, c.Trickles ? "status and head, then a chunked body of 1 byte / 100 ms, forever" : "status, head and 10 body bytes, then silence",
                server.RequestCount, outcome, $"Timeout 1 s, {(c.Resilience ? "1 retry" : "resilience off")}; ended in {elapsed.TotalMilliseconds:F0} ms (bound {limit.TotalMilliseconds:F0} ms)");
            var timeout = Assert.IsType<AkuaConnectionException>(error);
            Assert.True(timeout.IsTimeout, c.Name);
            Assert.Contains($"timed out after {attempts} attempt", timeout.Message, StringComparison.Ordinal);
            Assert.Equal(attempts, server.RequestCount);
            Assert.True(elapsed < limit, $"{c.Name}: {elapsed}");
        }));
    }

    [Fact]
    public async Task DisposeReleasesACallStalledOnABody()
    {
        await Task.WhenAll(new[] { true, false }.Select(async resilience =>
        {
            var bodyStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var server = new FaultServer(async r =>
            {
                await FaultServer.WriteHeadAsync(r, 200, "Content-Type: application/json", "Content-Length: 1000");
                await r.Stream.WriteAsync("{\"id\":"u8.ToArray(), r.Lifetime);
                bodyStarted.TrySetResult();
                await FaultServer.StallAsync(r);
            });
            var options = Support.Options(server.BaseAddress, maxRetries: 1);
            options.Timeout = TimeSpan.FromSeconds(30); // Only Dispose can end the call within the bound below.
            options.EnableResilience = resilience;
            var client = new AkuaClient(options);
            var call = Bounded(() => client.Offers.GetAsync("offer_1"));
            await bodyStarted.Task.WaitAsync(Bound);
            await Task.Delay(100);

            var released = Stopwatch.StartNew();
            client.Dispose();
            var (error, outcome, _) = await call;
            released.Stop();

            Record($"Dispose() during a stalled 200 body (resilience {(resilience ? "on" : "off")})", "head and 6 body bytes, then silence",
                server.RequestCount, outcome, $"Timeout 30 s; the call ended {released.Elapsed.TotalMilliseconds:F0} ms after Dispose()");
            var disposed = Assert.IsType<ObjectDisposedException>(error);
            Assert.Equal(nameof(AkuaClient), disposed.ObjectName);
            Assert.True(released.Elapsed < TimeSpan.FromSeconds(1), $"ended {released.Elapsed} after Dispose()");
            Assert.Equal(1, server.RequestCount);
        }));
    }

    [Fact]
    public async Task BombsAndOversizedBodiesEndAsInvalidResponses()
    {
        const long MinimumMaxResponseBytes = 64 * 1024;
        var gzipMember = GzipMember.Value;
        var brotli = BrotliBomb.Value;
        var spaces = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
        (string Name, string? Encoding, byte[] Piece, int Repeats, long MaxResponseBytes)[] cases =
        [
            ($"gzip bomb ({gzipMember.Length * GzipMembers / 1024} KB → {16L * GzipMembers} MiB)", "gzip", gzipMember, GzipMembers, MinimumMaxResponseBytes),
            ($"brotli bomb ({brotli.Length / 1024} KB → 1,100 MiB)", "br", brotli, 1, MinimumMaxResponseBytes),
            ($"brotli bomb ({brotli.Length / 1024} KB → 1,100 MiB), default MaxResponseBytes", "br", brotli, 1, AkuaClientOptions.DefaultMaxResponseBytes),
            ("plain 100 MiB body", null, spaces, 1600, MinimumMaxResponseBytes),
        ];

        // One at a time, so each allocation figure is its own.
        foreach (var c in cases)
        {
            long written = 0;
            await using var server = new FaultServer(async r =>
            {
                string[] encoding = c.Encoding is null ? [] : [$"Content-Encoding: {c.Encoding}"];
                await FaultServer.WriteHeadAsync(r, 200, ["Content-Type: application/json", $"Content-Length: {(long)c.Piece.Length * c.Repeats}", .. encoding]);
                for (var i = 0; i < c.Repeats; i++)
                {
                    await r.Stream.WriteAsync(c.Piece, r.Lifetime);
                    Interlocked.Add(ref written, c.Piece.Length);
                }
            });
            var options = Support.Options(server.BaseAddress, maxRetries: 2);
            options.MaxResponseBytes = c.MaxResponseBytes;
            using var client = new AkuaClient(options);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var (error, outcome, elapsed) = await Bounded(() => client.Offers.GetAsync("offer_1"));
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            Record(c.Name, $"200 of {(long)c.Piece.Length * c.Repeats / 1024} KB on the wire{(c.Encoding is null ? "" : ", Content-Encoding: " + c.Encoding)}", server.RequestCount, outcome,
                $"MaxResponseBytes {c.MaxResponseBytes / 1024} KiB, 2 retries configured; {elapsed.TotalMilliseconds:F0} ms; allocated {allocated / 1024:N0} KB; the server wrote {Interlocked.Read(ref written) / 1024} KB before the client left");
            var invalid = Assert.IsType<AkuaInvalidResponseException>(error);
            Assert.Equal(200, invalid.StatusCode);
            Assert.Contains("MaxResponseBytes", invalid.Message, StringComparison.Ordinal);
            Assert.Equal(1, server.RequestCount);
            Assert.True(allocated < 100L * 1024 * 1024, $"{c.Name}: allocated {allocated} bytes");
        }
    }

    // ------------------------------------------------------------- 2. redirects

    [Fact]
    public async Task RedirectsAreNeverFollowed()
    {
        // Nothing may reach it: not a connection, let alone the body, akua-context, idempotency key or if-match.
        await using var elsewhere = new FaultServer(r => FaultServer.Reply(r, 201, "application/json", "{}"));
        var location = $"http://localhost:{elsewhere.Port}/v1/offers";
        foreach (var status in new[] { 302, 307 })
        {
            await using var origin = new FaultServer(r => FaultServer.Reply(r, status, "text/plain", "moved", "Location: " + location));
            void Configure(AkuaClientOptions o)
            {
                Support.Configure(o, origin.BaseAddress);
                o.WorkspaceContext = "ws_redirected";
            }

            var own = new AkuaClientOptions();
            Configure(own);
            using var client = new AkuaClient(own);
            await RefusedRedirect("new AkuaClient(options)", client.Offers, status, origin, elsewhere);

            var services = new ServiceCollection();
            services.AddAkuaSdk(Configure);
            await using var provider = services.BuildServiceProvider();
            await RefusedRedirect("AddAkuaSdk", provider.GetRequiredService<IOffersClient>(), status, origin, elsewhere);
        }

        Assert.Equal(0, elsewhere.ConnectionCount);
    }

    private async Task RefusedRedirect(string construction, IOffersClient offers, int status, FaultServer origin, FaultServer elsewhere)
    {
        var before = origin.RequestCount;
        Func<Task>[] calls =
        [
            () => offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_j572abc123def456", Notes = "must not leave" }, new AkuaRequestOptions { IdempotencyKey = "redirect-key" }),
            () => offers.ArchiveAsync("offer_1", "etag_1"),
        ];
        var outcomes = new List<string>();
        foreach (var call in calls)
        {
            var (error, outcome, _) = await Bounded(call);
            outcomes.Add(outcome);
            var refused = Assert.IsType<AkuaApiException>(error);
            Assert.Equal(status, refused.StatusCode);
            Assert.Contains($"localhost:{elsewhere.Port}", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain($"127.0.0.1:{elsewhere.Port}", refused.Message, StringComparison.Ordinal);
        }

        Record($"{status} to another server on create and archive ({construction})", $"{status} Location: http://localhost:<other port>/v1/offers",
            origin.RequestCount - before, string.Join(", ", outcomes), $"the other server saw {elsewhere.ConnectionCount} connections");
        Assert.Equal(calls.Length, origin.RequestCount - before);
        Assert.Equal(0, elsewhere.ConnectionCount);
    }

    [Fact]
    public async Task TransportsThatFollowRedirectsAreRefusedOrDetected()
    {
        using var sockets = new SocketsHttpHandler { AllowAutoRedirect = true, UseCookies = false };
        using var classic = new HttpClientHandler { AllowAutoRedirect = true, UseCookies = false };
        foreach (var transport in new HttpMessageHandler[] { sockets, classic })
        {
            var options = Support.Options(new Uri("http://127.0.0.1:1/v1/"));
            options.Transport = transport;
            var refused = Assert.Throws<ArgumentException>(() => new AkuaClient(options));
            Assert.Equal("options", refused.ParamName);
            Assert.Contains("Transport follows redirects", refused.Message, StringComparison.Ordinal);
            Record($"Transport = {transport.GetType().Name} {{ AllowAutoRedirect = true }}", "none", 0, "ArgumentException", "refused by new AkuaClient(options), naming Transport");
        }

        // Under a handler of the caller's, a redirect is only seen once it was followed: what the
        // call carried has then already reached the other server, and the SDK can only refuse the answer.
        await using var elsewhere = new FaultServer(r => FaultServer.Reply(r, 201, "application/json", "{}"));
        await using var origin = new FaultServer(r => FaultServer.Reply(r, 307, null, "", $"Location: http://localhost:{elsewhere.Port}/v1/offers"));
        var hidden = Support.Options(origin.BaseAddress);
        hidden.WorkspaceContext = "ws_redirected";
        using var follows = new SocketsHttpHandler { AllowAutoRedirect = true, UseCookies = false };
        using var wrapper = new CallerHandler(follows);
        hidden.Transport = wrapper;
        using var client = new AkuaClient(hidden);
        var (error, outcome, _) = await Bounded(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_j572abc123def456" }));

        var detected = Assert.IsType<AkuaApiException>(error);
        Assert.Contains($"localhost:{elsewhere.Port}", detected.Message, StringComparison.Ordinal);
        var reached = Assert.Single(elsewhere.Requests);
        var carried = $"body {reached.Body.Length} bytes, idempotency-key {Has(reached, "idempotency-key")}, akua-context {Has(reached, "akua-context")}, authorization {Has(reached, "authorization")}";
        Record("307 followed by a caller's DelegatingHandler over a SocketsHttpHandler that follows", "307 Location: http://localhost:<other port>/v1/offers",
            origin.RequestCount + elsewhere.RequestCount, outcome, $"detected after the fact; the other server got {carried}");
        Assert.Equal(1, origin.RequestCount);

        // The same under AddAkuaSdk, when the host swaps in a primary handler that follows.
        var services = new ServiceCollection();
        services.AddAkuaSdk(o => Support.Configure(o, origin.BaseAddress))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true, UseCookies = false });
        await using var provider = services.BuildServiceProvider();
        var (viaDi, viaDiOutcome, _) = await Bounded(() => provider.GetRequiredService<IOffersClient>().CreateAsync(new CreateOfferRequest { ProductId = "prod_j572abc123def456" }));
        Assert.Contains($"localhost:{elsewhere.Port}", Assert.IsType<AkuaApiException>(viaDi).Message, StringComparison.Ordinal);
        Record("307 followed by a primary handler the host configured under AddAkuaSdk", "307 Location: http://localhost:<other port>/v1/offers",
            origin.RequestCount + elsewhere.RequestCount - 2, viaDiOutcome, $"detected after the fact; the other server got {elsewhere.RequestCount - 1} request");
        Assert.Equal(2, origin.RequestCount);
        Assert.Equal(2, elsewhere.RequestCount);

        static string Has(FaultRequest r, string header) => r.Header(header) is null ? "no" : "yes";
    }

    private sealed class CallerHandler(HttpMessageHandler inner) : DelegatingHandler(inner);

    // ------------------------------------------------------------- 3. no cookie jar

    [Fact]
    public async Task NoCookieJar()
    {
        var offer = Payloads.Offer;
        await using var server = new FaultServer(r => FaultServer.Reply(r, 200, "application/json", offer,
            $"Set-Cookie: akua_session=s{r.Number}; Path=/; HttpOnly", "Set-Cookie: tracker=t; Domain=127.0.0.1; Path=/; Max-Age=3600"));
        using (var first = new AkuaClient(Support.Options(server.BaseAddress)))
        {
            await first.Offers.GetAsync("offer_1").WaitAsync(Bound);
            await first.Offers.GetAsync("offer_1").WaitAsync(Bound);
            await first.Offers.GetAsync("offer_1", new AkuaRequestOptions { WorkspaceContext = "ws_other" }).WaitAsync(Bound);
        }

        using (var second = new AkuaClient(Support.Options(server.BaseAddress)))
        {
            await second.Offers.GetAsync("offer_1").WaitAsync(Bound);
        }

        var services = new ServiceCollection();
        services.AddAkuaSdk(o => Support.Configure(o, server.BaseAddress));
        services.AddAkuaSdk("tenant-b", o => Support.Configure(o, server.BaseAddress));
        await using (var provider = services.BuildServiceProvider())
        {
            var offers = provider.GetRequiredService<IOffersClient>();
            await offers.GetAsync("offer_1").WaitAsync(Bound);
            await offers.GetAsync("offer_1", new AkuaRequestOptions { WorkspaceContext = "ws_other" }).WaitAsync(Bound);
            await provider.GetRequiredKeyedService<IOffersClient>("tenant-b").GetAsync("offer_1").WaitAsync(Bound);
        }

        var withCookie = server.Requests.Count(r => r.Header("cookie") is not null);
        Record("Set-Cookie on every response", "2 cookies per response; calls: same client ×2, another workspace, another client, AddAkuaSdk ×2, a keyed registration",
            server.RequestCount, "success", $"{withCookie} requests carried a Cookie header");
        Assert.Equal(7, server.RequestCount);
        Assert.Equal(0, withCookie);
    }

    // ------------------------------------------------------------- 4. required means required

    [Fact]
    public async Task RequiredMeansRequired()
    {
        var offer = Payloads.Offer;
        var nullId = JsonNode.Parse(offer)!;
        nullId["id"] = null;
        var bodies = new Dictionary<string, string>
        {
            ["/v1/offers/offer_empty"] = "{}",
            ["/v1/offers/offer_null_id"] = nullId.ToJsonString(),
            ["/v1/offers"] = $"{{\"data\":[{offer},null],\"has_more\":false,\"next_cursor\":null}}",
            ["/v1/products"] = "{\"data\":[]}",
        };
        await using var server = new FaultServer(r => FaultServer.Reply(r, 200, "application/json", bodies[r.Target.Split('?')[0]]));
        using var client = Support.ClientFor(server.BaseAddress);
        (string Name, Func<Task> Call, string Names)[] cases =
        [
            ("offers.get answers 200 {}", () => client.Offers.GetAsync("offer_empty"), "'id'"),
            ("offers.get answers \"id\": null", () => client.Offers.GetAsync("offer_null_id"), "'id' is null"),
            ("offers.list answers a null item in data", () => client.Offers.ListPageAsync(), "'data' holds null at index 1"),
            ("products.list answers {\"data\":[]}", () => client.Products.ListPageAsync(), "'has_more'"),
        ];
        foreach (var c in cases)
        {
            var before = server.RequestCount;
            var (error, outcome, _) = await Bounded(c.Call);
            var invalid = Assert.IsType<AkuaInvalidResponseException>(error);
            Record(c.Name, "a 200 body missing what the document requires", server.RequestCount - before, outcome, AkuaText(invalid.Message));
            Assert.Contains(c.Names, invalid.Message, StringComparison.Ordinal);
            Assert.Equal(200, invalid.StatusCode);
            Assert.Equal(1, server.RequestCount - before);
        }
    }

    // ------------------------------------------------------------- 5. lying Content-Encoding

    [Fact]
    public async Task LyingContentEncodingIsAnInvalidResponse()
    {
        var plain = Encoding.UTF8.GetBytes(Payloads.Offer);
        foreach (var (encoding, status) in new[] { ("gzip", 200), ("br", 200), ("gzip", 500), ("br", 500) })
        {
            await using var server = new FaultServer(r => FaultServer.Reply(r, status, "application/json", plain, "Content-Encoding: " + encoding));
            using var client = Support.ClientFor(server.BaseAddress);
            var (error, outcome, _) = await Bounded(() => client.Offers.GetAsync("offer_1"));
            var invalid = Assert.IsType<AkuaInvalidResponseException>(error);
            Record($"Content-Encoding: {encoding} over plain JSON on a {status}", "uncompressed bytes, every attempt", server.RequestCount, outcome,
                $"2 retries configured; .NET threw {invalid.InnerException?.GetType().Name}");
            Assert.Equal(status, invalid.StatusCode);
            Assert.Contains("Content-Encoding", invalid.Message, StringComparison.Ordinal);
            Assert.Equal(1, server.RequestCount);
        }
    }

    // ------------------------------------------------------------- 6. paging always ends

    [Fact]
    public async Task PagingAlwaysEnds()
    {
        var offer = Payloads.Offer;
        string Page(string? next, bool empty = false) =>
            $"{{\"data\":[{(empty ? "" : offer)}],\"has_more\":true,\"next_cursor\":{(next is null ? "null" : JsonSerializer.Serialize(next))}}}";

        // The bounded run of empty pages the SDK believes (AkuaPaging.MaxEmptyPagesInARow).
        const int EmptyPagesBelieved = 10;
        (string Name, Func<FaultRequest, string?, string> Answer, int Requests, string Says)[] cases =
        [
            ("next_cursor cycles A → B → A", (_, cursor) => Page(cursor switch { null => "A", "A" => "B", _ => "A" }), 3, "already seen"),
            ("empty pages with has_more, forever", (r, _) => Page("c" + r.Number, empty: true), EmptyPagesBelieved, "empty pages in a row"),
            ("next_cursor \"\"", (_, _) => Page(""), 1, "empty next_cursor"),
            ("next_cursor \"   \"", (_, _) => Page("   "), 1, "blank next_cursor"),
            ("next_cursor of 5,000 characters", (_, _) => Page(new string('c', 5000)), 1, "longer than"),
        ];
        foreach (var c in cases)
        {
            await using var server = new FaultServer(r => FaultServer.Reply(r, 200, "application/json",
                c.Answer(r, HttpUtility.ParseQueryString(new Uri(new Uri("http://127.0.0.1"), r.Target).Query)["cursor"])));
            using var client = Support.ClientFor(server.BaseAddress);
            var items = 0;
            var (error, outcome, _) = await Bounded(async () =>
            {
                await foreach (var _ in client.Offers.ListAsync())
                {
                    items++;
                }
            });
            Record("ListAsync: " + c.Name, "a server whose paging never ends", server.RequestCount, outcome, $"{items} items yielded before it stopped");
            var invalid = Assert.IsType<AkuaInvalidResponseException>(error);
            Assert.Contains(c.Says, invalid.Message, StringComparison.Ordinal);
            Assert.Equal(c.Requests, server.RequestCount);
        }
    }

    // ------------------------------------------------------------- 7. server text is sanitised

    [Fact]
    public async Task ServerTextIsSanitised()
    {
        const int EchoCap = 200;
        const int ErrorMessageCap = 1000;
        var offer = Payloads.Offer;

        // Bare CR, obs-fold, ESC sequences, BEL, DEL, NEL (LF cannot be sent inside a header) and 10,000 characters.
        var requestId = "rid\u001b[2J\u001b[31m\r\u0007\u007f\u0085\r\n " + new string('r', 10_000);
        var message = "bad\r\nakua: FAKE LOG LINE\u001b[2J\u2028" + new string('m', 10_000);
        var hostileEntry = new { code = 7001, message, path = new[] { "body", "notes\r\n" + new string('p', 10_000) } };

        // Many entries, each short enough to keep, with the whole body under the 64 KiB kept of an error.
        var manyEntries = Enumerable.Range(0, 30).Select(i => new { code = 7002, message = $"entry {i}: " + new string('e', 900), path = new[] { "body" } });
        var errorBody = JsonSerializer.Serialize(new { success = false, errors = manyEntries.Prepend(hostileEntry) });
        await using var server = new FaultServer(r =>
        {
            var id = "x-request-id: " + requestId;
            return r.Target switch
            {
                "/v1/offers/offer_ok" => FaultServer.Reply(r, 200, "application/json", offer, id),
                "/v1/offers/offer_invalid" => FaultServer.Reply(r, 200, "application/json", "{}", id),
                "/v1/offers/offer_bad" => FaultServer.Reply(r, 400, "application/json", errorBody, id),
                _ => FaultServer.Reply(r, 503, "application/json", errorBody, id),
            };
        });

        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var activities = new ActivityCapture();
        using var client = new AkuaClient(Support.Options(server.BaseAddress), loggerFactory);
        var texts = new List<string>();
        await client.Offers.GetAsync("offer_ok").WaitAsync(Bound);
        foreach (var id in new[] { "offer_invalid", "offer_bad", "offer_unavailable" })
        {
            var (error, _, _) = await Bounded(() => client.Offers.GetAsync(id));
            texts.Add(error!.Message);
            switch (error)
            {
                case AkuaApiException api:
                    texts.Add(api.RequestId!);
                    texts.AddRange(api.Errors.SelectMany(e => (string[])[e.Message, .. e.Path, e.ToString()]));
                    break;
                case AkuaInvalidResponseException invalid:
                    texts.Add(invalid.RequestId!);
                    break;
                default:
                    Assert.Fail($"{id}: {error}");
                    break;
            }
        }

        var lines = logs.Collector.GetSnapshot();
        texts.AddRange(lines.SelectMany(l => l.Texts()));
        texts.AddRange(lines.SelectMany(l => Messages(l.Exception)));
        texts.AddRange(activities.Tags);
        var dirty = texts.Where(t => t.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')).ToList();
        var longestId = texts.Max(t => LongestRun(t, 'r'));
        var longestPath = texts.Max(t => LongestRun(t, 'p'));
        var longestMessage = texts.Max(t => LongestRun(t, 'm'));
        var longestText = texts.Max(t => t.Length);
        Record("x-request-id and error messages with CR, ESC sequences, BEL, DEL, NEL and 10,000 characters", "on a 200, an invalid 200, a 400 and 503s",
            server.RequestCount, "success, AkuaInvalidResponseException, AkuaValidationException, AkuaServerException",
            $"{texts.Count} texts checked ({lines.Count} log lines, {activities.Tags.Count} tags): {dirty.Count} with control characters; longest echo of the request id {longestId}, of a path {longestPath}, of a message {longestMessage}; longest text {longestText} characters");
        Assert.Empty(dirty);
        Assert.InRange(longestId, 1, EchoCap);
        Assert.InRange(longestPath, 1, EchoCap);
        Assert.InRange(longestMessage, 1, ErrorMessageCap);
        Assert.True(longestText < 2 * ErrorMessageCap, $"a text of {longestText} characters");
        Assert.Contains(lines, l => l.Text().Contains("rid", StringComparison.Ordinal));
        Assert.Contains(activities.Tags, t => t.StartsWith("akua.request_id=rid", StringComparison.Ordinal));

        static IEnumerable<string> Messages(Exception? exception)
        {
            for (; exception is not null; exception = exception.InnerException)
            {
                yield return exception.Message;
            }
        }
    }

    // ------------------------------------------------------------- 8. exceptions say what happened

    [Fact]
    public async Task ExceptionsSayWhatHappened()
    {
        // A body over the limit is an invalid response, not a connection failure.
        await using (var endless = new FaultServer(async r =>
        {
            await FaultServer.WriteHeadAsync(r, 200, "Content-Type: application/json", "Transfer-Encoding: chunked");
            var chunk = Encoding.ASCII.GetBytes($"4000\r\n{new string(' ', 0x4000)}\r\n");
            for (var i = 0; i < 6400; i++)
            {
                await r.Stream.WriteAsync(chunk, r.Lifetime);
            }
        }))
        {
            foreach (var resilience in new[] { true, false })
            {
                var options = Support.Options(endless.BaseAddress);
                options.MaxResponseBytes = 64 * 1024;
                options.EnableResilience = resilience;
                using var client = new AkuaClient(options);
                var before = endless.RequestCount;
                var (error, outcome, _) = await Bounded(() => client.Offers.GetAsync("offer_1"));
                var invalid = Assert.IsType<AkuaInvalidResponseException>(error);
                Record($"endless chunked 200 past MaxResponseBytes (resilience {(resilience ? "on" : "off")})", "100 MiB of spaces, chunked", endless.RequestCount - before, outcome, AkuaText(invalid.Message));
                Assert.DoesNotContain("could not reach", invalid.Message, StringComparison.Ordinal);
                Assert.Equal(1, endless.RequestCount - before);
            }
        }

        // A call on a disposed client names the client, and sends nothing.
        await using var failing = new FaultServer(r => FaultServer.Reply(r, 500, "application/json", "{}"));
        var disposedClient = Support.ClientFor(failing.BaseAddress);
        disposedClient.Dispose();
        var (afterDispose, disposedOutcome, _) = await Bounded(() => disposedClient.Offers.GetAsync("offer_1"));
        var disposed = Assert.IsType<ObjectDisposedException>(afterDispose);
        Record("a call on a disposed AkuaClient", "none", failing.RequestCount, disposedOutcome, "ObjectName " + disposed.ObjectName);
        Assert.Equal(nameof(AkuaClient), disposed.ObjectName);
        Assert.Equal(0, failing.RequestCount);

        // The circuit breaker: opened by a call, then rejecting one, then a half-open trial that is sent and fails.
        var breakerOptions = Support.Options(failing.BaseAddress, maxRetries: 2);
        breakerOptions.CircuitBreaker.Enabled = true;
        breakerOptions.CircuitBreaker.MinimumThroughput = 2;
        breakerOptions.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(500);
        using var breaker = new AkuaClient(breakerOptions);
        var messages = new List<string>();
        var sent = new List<int>();
        foreach (var wait in new[] { TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(700) })
        {
            await Task.Delay(wait);
            var before = failing.RequestCount;
            var (error, _, _) = await Bounded(() => breaker.Offers.GetAsync("offer_1"));
            messages.Add(Assert.IsType<AkuaConnectionException>(error).Message);
            sent.Add(failing.RequestCount - before);
        }

        Record("circuit breaker: opens, rejects, half-open trial fails", "500 on every request; MinimumThroughput 2, BreakDuration 500 ms, 2 retries",
            failing.RequestCount, "AkuaConnectionException ×3", $"requests per call {string.Join(", ", sent)}: " + string.Join(" / ", messages));
        Assert.Equal(new[] { 2, 0, 1 }, sent);
        Assert.Contains("failed after 2 attempts", messages[0], StringComparison.Ordinal);
        Assert.Contains("was not sent", messages[1], StringComparison.Ordinal);
        Assert.Contains("failed after 1 attempt,", messages[2], StringComparison.Ordinal);
        Assert.DoesNotContain("not sent", messages[2], StringComparison.Ordinal);

        // A connection failure says how many attempts were made.
        using var refused = Support.ClientFor(new Uri($"http://127.0.0.1:{FaultServer.RefusedPort()}/v1/"), maxRetries: 2);
        var (refusal, refusedOutcome, _) = await Bounded(() => refused.Offers.GetAsync("offer_1"));
        var connection = Assert.IsType<AkuaConnectionException>(refusal);
        Record("connection refused, 2 retries", "no listener on the port", 0, refusedOutcome, AkuaText(connection.Message));
        Assert.Contains("after 3 attempts", connection.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------- 9. a token per attempt

    [Fact]
    public async Task TokenProviderIsAskedOnEveryAttempt()
    {
        var offer = Payloads.Offer;
        await using var server = new FaultServer(r => r.Number <= 2
            ? FaultServer.Reply(r, 503, "application/json", "{}")
            : FaultServer.Reply(r, 200, "application/json", offer));
        var asked = 0;
        var options = Support.Options(server.BaseAddress, maxRetries: 2);
        options.ApiToken = null;
        options.TokenProvider = _ => ValueTask.FromResult("sk_akua_attempt_" + Interlocked.Increment(ref asked));
        using (var client = new AkuaClient(options))
        {
            await client.Offers.GetAsync("offer_1").WaitAsync(Bound);
        }

        var carried = server.Requests.Select(r => r.Header("authorization")).ToList();
        Record("TokenProvider over 503, 503, 200", "two 503s", server.RequestCount, "success", $"provider asked {asked} times; attempts carried {string.Join(", ", carried)}");
        Assert.Equal(3, asked);
        Assert.Equal(new[] { "Bearer sk_akua_attempt_1", "Bearer sk_akua_attempt_2", "Bearer sk_akua_attempt_3" }, carried);

        // A provider that never returns (and ignores its token) fails each attempt at the attempt timeout.
        var never = new TaskCompletionSource<string>();
        var hanging = 0;
        var stuck = Support.Options(server.BaseAddress, maxRetries: 1);
        stuck.ApiToken = null;
        stuck.TokenProvider = _ =>
        {
            Interlocked.Increment(ref hanging);
            return new ValueTask<string>(never.Task);
        };
        var before = server.RequestCount;
        using (var client = new AkuaClient(stuck))
        {
            var (error, outcome, elapsed) = await Bounded(() => client.Offers.GetAsync("offer_1"));
            Record("TokenProvider that never returns", "none (the provider hangs)", server.RequestCount - before, outcome,
                $"Timeout 1 s, 1 retry; provider asked {hanging} times; ended in {elapsed.TotalMilliseconds:F0} ms");
            Assert.True(Assert.IsType<AkuaConnectionException>(error).IsTimeout);
            Assert.Equal(2, hanging);
            Assert.True(elapsed < TimeSpan.FromSeconds(3.5), $"took {elapsed}");
        }

        Assert.Equal(before, server.RequestCount);

        // What the provider throws reaches the caller as it is, and is not retried.
        var thrown = new InvalidOperationException("the vault is sealed");
        var throwing = 0;
        var failing = Support.Options(server.BaseAddress, maxRetries: 2);
        failing.ApiToken = null;
        failing.TokenProvider = _ =>
        {
            Interlocked.Increment(ref throwing);
            throw thrown;
        };
        using (var client = new AkuaClient(failing))
        {
            var (error, outcome, _) = await Bounded(() => client.Offers.GetAsync("offer_1"));
            Record("TokenProvider that throws", "none (the provider throws)", server.RequestCount - before, outcome, $"2 retries configured; provider asked {throwing} times; the same exception instance: {ReferenceEquals(error, thrown)}");
            Assert.Same(thrown, error);
            Assert.Equal(1, throwing);
        }

        Assert.Equal(before, server.RequestCount);
        never.TrySetCanceled();
    }

    // ------------------------------------------------------------- 10. DI retention

    [Fact]
    public async Task ResolvesDoNotAccumulateClients()
    {
        const int Resolves = 500;
        var offer = Payloads.Offer;
        await using var server = new FaultServer(r => FaultServer.Reply(r, 200, "application/json", offer));
        var services = new ServiceCollection();
        services.AddAkuaSdk(o => Support.Configure(o, server.BaseAddress));
        services.AddAkuaSdk("tenant-a", o => Support.Configure(o, server.BaseAddress));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IOffersClient>().GetAsync("offer_1").WaitAsync(Bound);

        var clients = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var offers = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var keyed = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Resolves; i++)
        {
            clients.Add(provider.GetRequiredService<IAkuaClient>());
            offers.Add(provider.GetRequiredService<IOffersClient>());
            keyed.Add(provider.GetRequiredKeyedService<IOffersClient>("tenant-a"));
            using var scope = provider.CreateScope();
            offers.Add(scope.ServiceProvider.GetRequiredService<IOffersClient>());
        }

        var growth = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        await provider.GetRequiredKeyedService<IOffersClient>("tenant-a").GetAsync("offer_1").WaitAsync(Bound);
        Record($"{Resolves} resolves of IAkuaClient, IOffersClient (root and scoped) and a keyed IOffersClient", "none", server.RequestCount, "success",
            $"distinct instances: IAkuaClient {clients.Count}, IOffersClient {offers.Count}, keyed {keyed.Count}; retained growth {growth / 1024} KB");
        Assert.Single(clients);
        Assert.Single(offers);
        Assert.Single(keyed);
        Assert.NotSame(offers.Single(), keyed.Single());
        Assert.True(growth < 1024 * 1024, $"retained {growth} bytes over {Resolves} resolves");
    }

    // ------------------------------------------------------------- helpers

    private static byte[] Compress(Func<Stream, Stream> encoder, int mebibytesOfZeros)
    {
        var output = new MemoryStream();
        var zeros = new byte[1024 * 1024];
        using (var stream = encoder(output))
        {
            for (var i = 0; i < mebibytesOfZeros; i++)
            {
                stream.Write(zeros);
            }
        }

        return output.ToArray();
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    // The SDK's message, shortened for a table cell.
    private static string AkuaText(string message) => message.Length > 160 ? message[..160] + "…" : message;
}
