using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Errors;

namespace Akua.Sdk;

/// <summary>
/// Sends one logical call: builds the request (headers, token, idempotency key), sends it through
/// the client's handler chain (where retries happen, re-sending the same message), and turns the
/// response into a model or a typed exception.
/// </summary>
internal sealed class AkuaPipeline
{
    private static readonly string UserAgentBase = BuildUserAgent();

    private readonly HttpClient _http;
    private readonly string _baseAddress;
    private readonly string? _workspaceContext;
    private readonly string? _staticAuthorization;
    private readonly Func<CancellationToken, ValueTask<string>>? _tokenProvider;
    private readonly string _userAgent;

    public AkuaPipeline(HttpClient http, AkuaClientOptions options)
    {
        _http = http;
        _baseAddress = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress.AbsoluteUri : options.BaseAddress.AbsoluteUri + "/";
        _workspaceContext = options.WorkspaceContext;
        _tokenProvider = options.TokenProvider;
        _staticAuthorization = _tokenProvider is null && options.ApiToken is { } token ? "Bearer " + token : null;
        _userAgent = options.ApplicationId is { } applicationId ? UserAgentBase + " " + applicationId : UserAgentBase;
    }

    public async Task<T> SendAsync<T>(AkuaRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var activity = AkuaActivity.Start(request.Operation, request.Method);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var message = await CreateMessageAsync(request, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsConnectionFailure(ex))
            {
                throw ConnectionFailure(request, ex);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await AkuaErrorMapper.ReadAsync(response, request, cancellationToken).ConfigureAwait(false);
                }

                var result = await ReadAsync(response, request, responseType, cancellationToken).ConfigureAwait(false);
                AkuaActivity.Succeeded(activity, response);
                AkuaMetrics.RecordOperation(request.Operation.OperationId, started, (int)response.StatusCode, errorType: null);
                return result;
            }
        }
        catch (Exception ex) when (Observe(ex, activity, request, started))
        {
            throw;
        }
    }

    // An exception filter that records the failure and never catches.
    private static bool Observe(Exception exception, System.Diagnostics.Activity? activity, AkuaRequest request, long started)
    {
        AkuaActivity.Failed(activity, exception);
        var statusCode = exception switch
        {
            AkuaApiException api => api.StatusCode,
            AkuaInvalidResponseException invalid => invalid.StatusCode,
            _ => (int?)null,
        };
        AkuaMetrics.RecordOperation(request.Operation.OperationId, started, statusCode, exception.GetType().FullName);
        return false;
    }

    private async ValueTask<HttpRequestMessage> CreateMessageAsync(AkuaRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options;
        string? workspace = null;
        if (request.Operation.AcceptsWorkspaceContext)
        {
            workspace = options?.WorkspaceContext ?? _workspaceContext;
        }

        if (options?.WorkspaceContext is { } overrideContext)
        {
            AkuaHeaders.Validate(overrideContext, AkuaClientOptions.MaxWorkspaceContextLength, "options.WorkspaceContext");
        }

        string? idempotencyKey = null;
        if (request.Operation.IsWrite)
        {
            if (options?.IdempotencyKey is { } key)
            {
                AkuaHeaders.Validate(key, AkuaRequestOptions.MaxIdempotencyKeyLength, "options.IdempotencyKey");
                idempotencyKey = key;
            }
            else
            {
                idempotencyKey = Guid.NewGuid().ToString("N");
            }
        }

        var authorization = _staticAuthorization;
        if (_tokenProvider is not null)
        {
            var token = await _tokenProvider(cancellationToken).ConfigureAwait(false);
            AkuaClientOptionsValidator.ValidateToken(token, "TokenProvider");
            authorization = "Bearer " + token;
        }

        var message = new HttpRequestMessage(request.Method, new Uri(_baseAddress + request.RelativeUri, UriKind.Absolute));
        var headers = message.Headers;
        headers.TryAddWithoutValidation("Accept", "application/json");
        headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (authorization is not null)
        {
            headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (workspace is not null)
        {
            headers.TryAddWithoutValidation(AkuaHeaders.WorkspaceContext, workspace);
        }

        if (idempotencyKey is not null)
        {
            headers.TryAddWithoutValidation(AkuaHeaders.IdempotencyKey, idempotencyKey);
        }

        if (request.IfMatch is not null)
        {
            // Sent exactly as the API returned it: Akua etags are not quoted, so no EntityTagHeaderValue parsing.
            headers.TryAddWithoutValidation(AkuaHeaders.IfMatch, request.IfMatch);
        }

        if (request.Body is not null)
        {
            // Buffered content, so a retry can send the same message again.
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        return message;
    }

    // A ValueTask: over a buffered or in-memory response the read completes synchronously and allocates no task.
    private static async ValueTask<T> ReadAsync<T>(HttpResponseMessage response, AkuaRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        var statusCode = (int)response.StatusCode;
        if (!IsJson(response.Content.Headers))
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            throw new AkuaInvalidResponseException(
                $"Akua {request.Operation.Name} answered {HttpStatusText.Describe(statusCode)} with content type '{mediaType ?? "none"}' instead of JSON.",
                statusCode,
                AkuaHeaders.RequestId(response));
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The body is JSON null.");
            }
        }
        catch (JsonException ex)
        {
            throw new AkuaInvalidResponseException(
                $"Akua {request.Operation.Name} answered {HttpStatusText.Describe(statusCode)} with a body that is not a valid {typeof(T).Name}: {ex.Message}",
                statusCode,
                AkuaHeaders.RequestId(response),
                ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsConnectionFailure(ex))
        {
            throw ConnectionFailure(request, ex);
        }
    }

    /// <summary>
    /// True when the media type is <c>application/json</c> or <c>*+json</c>. Reads the header text
    /// as received (no <see cref="MediaTypeHeaderValue"/> is parsed and allocated per response);
    /// a header that does not parse as a media type is not JSON, as before.
    /// </summary>
    private static bool IsJson(HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("Content-Type", out var values) || values.Count != 1)
        {
            return headers.ContentType?.MediaType is { } parsed && IsJsonMediaType(parsed);
        }

        foreach (var value in values)
        {
            var semicolon = value.IndexOf(';', StringComparison.Ordinal);
            var mediaType = (semicolon < 0 ? value.AsSpan() : value.AsSpan(0, semicolon)).Trim(" \t");
            if (mediaType.IndexOfAny(" \t\",") >= 0)
            {
                // Not a plain media type: let the typed parser decide.
                return headers.ContentType?.MediaType is { } parsed && IsJsonMediaType(parsed);
            }

            return IsJsonMediaType(mediaType);
        }

        return false;
    }

    private static bool IsJsonMediaType(ReadOnlySpan<char> mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    internal static bool IsConnectionFailure(Exception exception) =>
        exception is HttpRequestException or IOException or OperationCanceledException or TimeoutException
        || AkuaResilience.IsTimeout(exception) || AkuaResilience.IsBrokenCircuit(exception);

    private static AkuaConnectionException ConnectionFailure(AkuaRequest request, Exception exception)
    {
        var isTimeout = exception is OperationCanceledException or TimeoutException || AkuaResilience.IsTimeout(exception);
        var reason = isTimeout ? "timed out"
            : AkuaResilience.IsBrokenCircuit(exception) ? "was not sent because the circuit breaker is open after repeated failures"
            : "could not reach the API";
        return new AkuaConnectionException($"Akua {request.Operation.Name} {reason}: {exception.Message}", isTimeout, exception);
    }

    private static string BuildUserAgent()
    {
        var version = typeof(AkuaPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            version = version[..plus];
        }

        var os = new StringBuilder();
        foreach (var c in RuntimeInformation.OSDescription)
        {
            // Keep the header valid whatever the OS calls itself.
            os.Append(c is >= ' ' and <= '~' and not '(' and not ')' ? c : ' ');
        }

        return $"Akua.Sdk/{version} (.NET {Environment.Version}; {os.ToString().Trim()})";
    }
}
