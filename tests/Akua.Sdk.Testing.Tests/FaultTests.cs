using System.Diagnostics;

namespace Akua.Sdk.Testing.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Status_faults_answer_the_next_requests_then_service_resumes()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        emulator.Faults.Enqueue(AkuaFault.Status(503), count: 2);

        var first = await api.Get("products");
        var second = await api.Get("products");
        var third = await api.Get("products");

        Assert.Equal(503, first.Status);
        Assert.False(first.Json.GetProperty("success").GetBoolean());
        Assert.Equal(503, second.Status);
        Assert.Equal(200, third.Status);
        Assert.Equal(0, emulator.Faults.Count);
        Assert.Equal(3, emulator.RequestCount);
    }

    [Fact]
    public async Task A_faulted_write_changes_nothing()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        emulator.Faults.Enqueue(AkuaFault.Status(500));

        var answer = await api.Post("products", $$$"""{"name":"Good","package_id":"{{{api.PackageId}}}","package_version_pin":{"kind":"latest"}}""", ("idempotency-key", "k"));

        Assert.Equal(500, answer.Status);
        Assert.Equal(0, emulator.ProductCount());
        Assert.Equal(["k"], emulator.ReceivedIdempotencyKeys);
    }

    [Fact]
    public async Task Rate_limited_answers_429_with_retry_after_seconds()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        emulator.Faults.Enqueue(AkuaFault.RateLimited(TimeSpan.FromMilliseconds(1500)));

        var answer = await api.Get("offers");

        Assert.Equal(429, answer.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), answer.Response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/json", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(200, (await api.Get("offers")).Status);
    }

    [Fact]
    public async Task Delay_waits_then_serves_normally()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        emulator.Faults.Enqueue(AkuaFault.Delay(TimeSpan.FromMilliseconds(300)));

        var watch = Stopwatch.StartNew();
        var answer = await api.Get("products");

        Assert.Equal(200, answer.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Delay_lets_callers_time_out()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromMilliseconds(200) };
        emulator.Faults.Enqueue(AkuaFault.Delay(TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync(new Uri("products", UriKind.Relative)));
    }

    [Fact]
    public async Task Drop_connection_aborts_without_an_answer()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        emulator.Faults.Enqueue(AkuaFault.DropConnection());

        await Assert.ThrowsAsync<HttpRequestException>(() => api.Get("products"));
        Assert.Equal(200, (await api.Get("products")).Status);
    }

    [Fact]
    public async Task Drop_connection_also_fails_a_request_on_a_reused_connection()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        Assert.Equal(200, (await api.Get("products")).Status);
        emulator.Faults.Enqueue(AkuaFault.DropConnection());

        await Assert.ThrowsAsync<HttpRequestException>(() => api.Get("products"));
        Assert.Equal(2, emulator.RequestCount);
    }

    [Fact]
    public async Task Html_answers_a_gateway_page()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        emulator.Faults.Enqueue(AkuaFault.Html());

        var answer = await api.Get("products");

        Assert.Equal(502, answer.Status);
        Assert.Equal("text/html", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<html>", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Faults_check_their_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AkuaFault.Status(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => AkuaFault.Delay(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AkuaFault.Html(302));
        Assert.Equal("Status(503)", AkuaFault.Status(503).ToString());
    }

    [Fact]
    public async Task Queued_faults_can_be_cleared()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        emulator.Faults.Enqueue(AkuaFault.Status(500), 3);
        emulator.Faults.Clear();

        Assert.Equal(200, (await api.Get("products")).Status);
    }
}
