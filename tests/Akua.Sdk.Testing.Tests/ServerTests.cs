using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Akua.Sdk.Testing.Tests;

public sealed class ServerTests
{
    [Fact]
    public async Task Starts_on_loopback_with_a_v1_base_address_and_a_fake_token()
    {
        await using var emulator = await AkuaEmulator.StartAsync();

        Assert.Equal("127.0.0.1", emulator.BaseAddress.Host);
        Assert.NotEqual(0, emulator.BaseAddress.Port);
        Assert.EndsWith("/v1/", emulator.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith("sk_akua_", emulator.ApiToken, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("^sk_akua_[A-Za-z0-9]{24,}$"), emulator.ApiToken);
        Assert.Equal("ws_emulator", emulator.DefaultWorkspaceId);
    }

    [Fact]
    public async Task Listens_on_the_port_asked_for_and_refuses_one_that_is_taken_or_out_of_range()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        await using var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { Port = port });
        using var api = new Api(emulator);

        Assert.Equal(port, emulator.BaseAddress.Port);
        Assert.Equal(200, (await api.Get("products")).Status);
        await Assert.ThrowsAnyAsync<IOException>(() => AkuaEmulator.StartAsync(new AkuaEmulatorOptions { Port = port }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AkuaEmulator.StartAsync(new AkuaEmulatorOptions { Port = 65536 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AkuaEmulator.StartAsync(new AkuaEmulatorOptions { Port = -1 }));
    }

    [Fact]
    public async Task Every_response_is_json_with_a_request_id()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        foreach (var answer in new[] { await api.Get("products"), await api.Get("nothing/here"), await api.Get("products/prod_missing") })
        {
            Assert.Equal("application/json", answer.Response.Content.Headers.ContentType?.MediaType);
            Assert.Matches("^req_[a-z0-9]+$", answer.Response.Headers.GetValues("x-request-id").Single());
        }
    }

    [Fact]
    public async Task Request_ids_differ_between_requests()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var first = (await api.Get("products")).Response.Headers.GetValues("x-request-id").Single();
        var second = (await api.Get("products")).Response.Headers.GetValues("x-request-id").Single();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Dispose_stops_the_server()
    {
        var emulator = await AkuaEmulator.StartAsync();
        var address = emulator.BaseAddress;
        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(address, "products")));
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_refused()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        Assert.Equal(404, (await api.Get("widgets")).Status);
        Assert.Equal(404, (await api.Post("products/prod_x:explode", null)).Status);
        var wrongMethod = await api.Send(HttpMethod.Delete, "products", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Response.StatusCode);
        Assert.False(wrongMethod.Json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Requests_without_a_valid_token_get_401_with_an_akua_error_body()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var anonymous = new Api(emulator, token: null);
        using var wrong = new Api(emulator, token: "sk_akua_test_wrong");

        foreach (var answer in new[]
        {
            await anonymous.Get("products"),
            await anonymous.Post("offers", """{"package_version_id":"pkgv_1"}"""),
            await anonymous.Get("offers/offer_x"),
            await wrong.Get("products"),
            await wrong.Get("offers"),
        })
        {
            Assert.Equal(401, answer.Status);
            Assert.False(answer.Json.GetProperty("success").GetBoolean());
            Assert.Equal(10000, answer.Json.GetProperty("errors")[0].GetProperty("code").GetInt32());
            Assert.Equal(System.Text.Json.JsonValueKind.Object, answer.Json.GetProperty("result").ValueKind);
        }

        Assert.Equal(0, emulator.ProductCount());

        // offers:resolve needs no token (the document gives it no security): a wrong one is anonymous.
        Assert.Equal(404, (await wrong.Get("offers:resolve?short_hash=abcdefgh")).Status);
    }

    [Fact]
    public async Task Request_count_counts_every_request()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        await api.Get("products");
        await api.Get("offers");
        await api.Get("nowhere");

        Assert.Equal(3, emulator.RequestCount);
    }
}
