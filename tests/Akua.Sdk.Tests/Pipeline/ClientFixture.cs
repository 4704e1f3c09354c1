using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace Akua.Sdk.Tests.Pipeline;

/// <summary>An AkuaClient over MockHttp that records each request as it was on the wire.</summary>
internal sealed class ClientFixture : IDisposable
{
    public const string Token = "sk_akua_test_unit";
    public const string Base = "https://api.akua.dev/v1/";

    /// <param name="configure">Adjusts the options.</param>
    /// <param name="fullChain">
    /// True: the SDK's whole chain (resilience pipeline, attempt handler) over MockHttp as the
    /// <see cref="AkuaClientOptions.Transport"/>. False: MockHttp in a caller-owned HttpClient.
    /// </param>
    public ClientFixture(Action<AkuaClientOptions>? configure = null, bool fullChain = false)
    {
        var options = new AkuaClientOptions { ApiToken = Token };
        if (fullChain)
        {
            options.Transport = Mock;
        }

        configure?.Invoke(options);
        Client = fullChain ? new AkuaClient(options) : new AkuaClient(new HttpClient(Mock), options);
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public AkuaClient Client { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public RecordedRequest Single => Assert.Single(Requests);

    /// <summary>Answers every request with the given status and body, recording it first.</summary>
    public void RespondWith(HttpStatusCode status, string body, string contentType = "application/json", Action<HttpResponseMessage>? configure = null) =>
        Mock.Fallback.Respond(async request =>
        {
            Requests.Add(await RecordedRequest.FromAsync(request));
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            configure?.Invoke(response);
            return response;
        });

    /// <summary>Answers requests in turn with the given responses.</summary>
    public void RespondInTurn(params Func<HttpResponseMessage>[] responses)
    {
        var next = 0;
        Mock.Fallback.Respond(async request =>
        {
            Requests.Add(await RecordedRequest.FromAsync(request));
            return responses[Math.Min(next++, responses.Length - 1)]();
        });
    }

    /// <summary>Asserts that the call is refused naming <paramref name="paramName"/>, before anything is sent.</summary>
    public async Task<TException> Refused<TException>(Func<Task> call, string paramName)
        where TException : ArgumentException
    {
        var error = await Assert.ThrowsAnyAsync<TException>(call);
        Assert.Equal(paramName, error.ParamName);
        Assert.Empty(Requests);
        return error;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public void Dispose()
    {
        Client.Dispose();
        Mock.Dispose();
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string? Body, string? ContentType)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<RecordedRequest> FromAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
        return new RecordedRequest(request.Method, request.RequestUri!, headers, body, request.Content?.Headers.ContentType?.ToString());
    }
}

/// <summary>What the request shape tests check on every recorded request.</summary>
internal static class WireAssert
{
    public static void AssertCommonHeaders(RecordedRequest request)
    {
        Assert.Equal("Bearer " + ClientFixture.Token, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.StartsWith("Akua.Sdk/0.1.0", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    public static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual!)), actual);
}
