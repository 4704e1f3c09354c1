namespace Akua.Sdk.Tests.Pipeline;

public class ClientOptionsTests
{
    [Theory]
    [InlineData("http://api.akua.dev/v1/", "BaseAddress must use https")]
    [InlineData("ftp://api.akua.dev/v1/", "BaseAddress must use https")]
    [InlineData("https://api.akua.dev/v1/?x=1", "BaseAddress must not have a query")]
    public void Bad_base_addresses_are_refused(string baseAddress, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { ApiToken = "t", BaseAddress = new Uri(baseAddress) }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1/")]
    [InlineData("http://localhost:5000/v1/")]
    [InlineData("http://[::1]:5000/v1/")]
    public void Plain_http_is_allowed_for_loopback_hosts(string baseAddress)
    {
        using var client = new AkuaClient(new AkuaClientOptions { ApiToken = "t", BaseAddress = new Uri(baseAddress) });

        Assert.NotNull(client.Offers);
    }

    [Fact]
    public void A_relative_base_address_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { ApiToken = "t", BaseAddress = new Uri("/v1/", UriKind.Relative) }));

        Assert.Contains("BaseAddress must be an absolute URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_is_required_unless_anonymous_is_allowed()
    {
        var error = Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions()));
        Assert.Contains("ApiToken or TokenProvider is required", error.Message, StringComparison.Ordinal);

        using var anonymous = new AkuaClient(new AkuaClientOptions { AllowAnonymous = true });
        using var provided = new AkuaClient(new AkuaClientOptions { TokenProvider = _ => ValueTask.FromResult("jwt") });
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(601)]
    public void Timeouts_out_of_range_are_refused(double seconds)
    {
        var error = Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { ApiToken = "t", Timeout = TimeSpan.FromSeconds(seconds) }));

        Assert.Contains("Timeout must be between", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_tokens_and_workspaces_are_refused_without_echoing_the_token()
    {
        const string secret = "sk_akua_test_secret\r\nX-Evil: 1";
        var error = Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { ApiToken = secret, WorkspaceContext = new string('w', 54) }));

        Assert.Contains("ApiToken may only contain printable ASCII", error.Message, StringComparison.Ordinal);
        Assert.Contains("WorkspaceContext must be 1 to 53", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_are_copied_so_later_changes_do_not_leak_in()
    {
        using var mock = new RichardSzalay.MockHttp.MockHttpMessageHandler();
        Uri? sentTo = null;
        string? workspace = null;
        mock.Fallback.Respond(request =>
        {
            sentTo = request.RequestUri;
            workspace = request.Headers.TryGetValues("akua-context", out var values) ? values.Single() : null;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(Payloads.Product, System.Text.Encoding.UTF8, "application/json") });
        });
        var options = new AkuaClientOptions { ApiToken = "t", WorkspaceContext = "ws_1" };
        using var client = new AkuaClient(new HttpClient(mock), options);

        options.BaseAddress = new Uri("http://evil.example/");
        options.WorkspaceContext = "ws_2";
        await client.Products.GetAsync("prod_1");

        Assert.Equal("https://api.akua.dev/v1/products/prod_1", sentTo!.AbsoluteUri);
        Assert.Equal("ws_1", workspace);
    }

    [Fact]
    public void A_null_http_client_is_refused()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new AkuaClient(null!, new AkuaClientOptions { ApiToken = "t" }));

        Assert.Equal("httpClient", error.ParamName);
    }
}
