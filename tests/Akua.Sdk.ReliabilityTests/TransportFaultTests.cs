using System.Globalization;
using System.Text;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>Transport faults from a raw TCP server; each asserts the typed outcome and the requests seen.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class TransportFaultTests(ScenarioReport report)
{
    private const int Retries = 2; // three attempts in all

    private static Func<FaultRequest, Task> Ok(string body) => r => FaultServer.Reply(r, 200, "application/json", body);

    private async Task<(Exception? Error, int Requests)> Run(string scenario, string faults, Func<FaultRequest, Task> script, int maxRetries = Retries, TimeSpan? within = null, string note = "")
    {
        await using var server = new FaultServer(script);
        using var client = Support.ClientFor(server.BaseAddress, maxRetries);
        var (error, outcome, elapsed) = await Support.Outcome(() => client.Offers.GetAsync("offer_1"));
        if (within is { } bound)
        {
            Assert.True(elapsed < bound, $"{scenario} took {elapsed}, more than {bound}");
        }

        report.Record(new ScenarioRow("transport: " + scenario, faults, server.RequestCount, 0, 0, outcome,
            $"{maxRetries} retries configured; {elapsed.TotalMilliseconds:F0} ms{note}"));
        return (error, server.RequestCount);
    }

    [Fact]
    public async Task ConnectionRefused()
    {
        var port = FaultServer.RefusedPort();
        using var client = Support.ClientFor(new Uri($"http://127.0.0.1:{port}/v1/"));
        var (error, outcome, elapsed) = await Support.Outcome(() => client.Offers.GetAsync("offer_1"));
        report.Record(new ScenarioRow("transport: connection refused", "no listener on the port", 0, 0, 0, outcome, $"{Retries} retries configured; {elapsed.TotalMilliseconds:F0} ms"));
        var e = Assert.IsType<AkuaConnectionException>(error);
        Assert.False(e.IsTimeout);
    }

    [Fact]
    public async Task ResetMidResponse()
    {
        var (error, requests) = await Run("connection reset mid-response", "head + 6 body bytes, then RST, every attempt", r =>
            FaultServer.WriteAndResetAsync(r, Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":")), note: "; a body that breaks is retried like a failed request");
        var e = Assert.IsType<AkuaConnectionException>(error);
        Assert.False(e.IsTimeout);
        // Success bodies are read inside the attempt, so a body that breaks is retried.
        Assert.Equal(Retries + 1, requests);
    }

    [Fact]
    public async Task TruncatedBody()
    {
        var (error, requests) = await Run("truncated body", "Content-Length 1000, 100 bytes sent, then close, every attempt", r =>
            FaultServer.WriteAndCloseAsync(r, [.. Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"), .. Encoding.ASCII.GetBytes(new string(' ', 99) + "{")]), note: "; a body that breaks is retried like a failed request");
        var e = Assert.IsType<AkuaConnectionException>(error);
        Assert.False(e.IsTimeout);
        Assert.Equal(Retries + 1, requests);
    }

    [Fact]
    public async Task WrongContentType()
    {
        var (error, requests) = await Run("wrong content type", "200 text/plain", r => FaultServer.Reply(r, 200, "text/plain", "hello"));
        var e = Assert.IsType<AkuaInvalidResponseException>(error);
        Assert.Equal(200, e.StatusCode);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task Html502()
    {
        var (error, requests) = await Run("HTML 502", "502 text/html, every attempt", r =>
            FaultServer.Reply(r, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"));
        var e = Assert.IsType<AkuaServerException>(error);
        Assert.Equal(502, e.StatusCode);
        Assert.Equal(Retries + 1, requests);
    }

    [Fact]
    public async Task Empty500()
    {
        var (error, requests) = await Run("empty 500", "500, no body, every attempt", r => FaultServer.Reply(r, 500, null, ""));
        var e = Assert.IsType<AkuaServerException>(error);
        Assert.Equal(500, e.StatusCode);
        Assert.Equal(Retries + 1, requests);
    }

    [Fact]
    public async Task RateLimitedRetryAfterSeconds()
    {
        var offer = Payloads.Offer;
        var (error, requests) = await Run("429 Retry-After: 1 (seconds), then 200", "one 429", r => r.Number == 1
            ? FaultServer.Reply(r, 429, "application/json", "{}", "Retry-After: 1")
            : Ok(offer)(r), within: TimeSpan.FromSeconds(10));
        Assert.Null(error);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task RateLimitedRetryAfterDate()
    {
        var offer = Payloads.Offer;
        var (error, requests) = await Run("429 Retry-After: HTTP-date, then 200", "one 429 (date 1 s ahead)", r => r.Number == 1
            ? FaultServer.Reply(r, 429, "application/json", "{}", "Retry-After: " + DateTimeOffset.UtcNow.AddSeconds(1).ToString("R", CultureInfo.InvariantCulture))
            : Ok(offer)(r), within: TimeSpan.FromSeconds(10));
        Assert.Null(error);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task RateLimitedBeyondMaxRetryAfter()
    {
        var (error, requests) = await Run("429 Retry-After: 3600 (above MaxRetryAfter)", "one 429", r =>
            FaultServer.Reply(r, 429, "application/json", "{}", "Retry-After: 3600"), within: TimeSpan.FromSeconds(5));
        var e = Assert.IsType<AkuaRateLimitException>(error);
        Assert.Equal(TimeSpan.FromSeconds(3600), e.RetryAfter);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task ServiceUnavailableBurstThenOk()
    {
        var offer = Payloads.Offer;
        var (error, requests) = await Run("503 burst, then 200", "two 503s", r => r.Number <= 2
            ? FaultServer.Reply(r, 503, "application/json", "{}")
            : Ok(offer)(r));
        Assert.Null(error);
        Assert.Equal(3, requests);
    }

    [Fact]
    public async Task SlowResponsePastTimeout()
    {
        var (error, requests) = await Run("slow response past the 1 s timeout", "5 s stall before the head, every attempt", async r =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), r.Lifetime);
            await FaultServer.Reply(r, 200, "application/json", "{}");
        }, maxRetries: 1, within: TimeSpan.FromSeconds(5));
        var e = Assert.IsType<AkuaConnectionException>(error);
        Assert.True(e.IsTimeout);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task EndlessErrorBody()
    {
        long written = 0;
        var chunk = Encoding.ASCII.GetBytes("4000\r\n" + new string('x', 0x4000) + "\r\n");
        var (error, requests) = await Run("endless 500 body (chunked)", "500 with a chunked body written until the client leaves (cap 10 s / 100 MB)", async r =>
        {
            await r.Stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"), r.Lifetime);
            using var cap = CancellationTokenSource.CreateLinkedTokenSource(r.Lifetime);
            cap.CancelAfter(TimeSpan.FromSeconds(10));
            var mine = 0L;
            while (mine < 100_000_000 && !cap.IsCancellationRequested)
            {
                await r.Stream.WriteAsync(chunk, cap.Token);
                mine += chunk.Length;
                Interlocked.Add(ref written, chunk.Length);
            }
        }, maxRetries: 1, within: TimeSpan.FromSeconds(5));
        var e = Assert.IsType<AkuaServerException>(error);
        Assert.Equal(500, e.StatusCode);
        Assert.NotNull(e.ResponseBody);
        Assert.True(e.ResponseBody!.Length <= AkuaApiException.MaxResponseBodyLength, $"ResponseBody has {e.ResponseBody.Length} characters");
        Assert.Equal(2, requests);
        Assert.True(Interlocked.Read(ref written) < 100_000_000, "the client read the whole 100 MB");
    }
}
