using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace Akua.Sdk.ContractTests.Dynamic;

/// <summary>
/// Keeps the last request and response body, so a failing round shows exactly what the SDK could
/// not read, and normalises the two kinds of schema-valid values the SDK legitimately cannot hold
/// (see <see cref="KnownLimits"/>), counting each one.
/// </summary>
internal sealed class ResponseRecorder : DelegatingHandler
{
    /// <summary>Unix seconds of 9999-12-31T23:59:59Z, the last instant a DateTimeOffset holds.</summary>
    public const long MaxUnixSeconds = 253402300799;

    private static readonly HashSet<string> TimestampProperties = ["created_at", "updated_at", "archived_at", "expires_at"];

    public ResponseRecorder()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>How many values of each kind were normalised, across every recorder.</summary>
    public static ConcurrentDictionary<string, int> Normalised { get; } = new();

    public string? LastRequest { get; private set; }

    public string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = $"{request.Method} {request.RequestUri}";
        LastBody = null;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content is not { } content)
        {
            return response;
        }

        var body = await content.ReadAsStringAsync(cancellationToken);
        LastBody = body;
        if (response.IsSuccessStatusCode && JsonNode.Parse(body) is { } root)
        {
            if (Normalise(root))
            {
                body = root.ToJsonString();
            }

            var normalised = new StringContent(body, Encoding.UTF8, "application/json");
            response.Content = normalised;
            content.Dispose();
        }

        return response;
    }

    private static bool Normalise(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (TimestampProperties.Contains(name) && value is JsonValue number && number.TryGetValue<long>(out var seconds) && seconds > MaxUnixSeconds)
                    {
                        // KnownLimits.TimestampBeyondYear9999: keep variety, stay in range.
                        obj[name] = seconds % (MaxUnixSeconds + 1);
                        Normalised.AddOrUpdate($"{name} beyond year 9999", 1, (_, n) => n + 1);
                        changed = true;
                    }
                    else if (name == "html_url" && value is JsonValue text && text.TryGetValue<string>(out var url) && !Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out _))
                    {
                        // KnownLimits.UriThatSystemUriRejects.
                        obj[name] = "https://app.akua.dev/products/normalised";
                        Normalised.AddOrUpdate("html_url System.Uri rejects", 1, (_, n) => n + 1);
                        changed = true;
                    }
                    else
                    {
                        changed |= Normalise(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        changed |= Normalise(item);
                    }
                }

                break;
        }

        return changed;
    }
}
