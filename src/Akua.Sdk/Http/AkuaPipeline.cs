using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Errors;

namespace Akua.Sdk;

/// <summary>How the handlers under an <see cref="HttpClient"/> treat the SDK's calls.</summary>
internal enum AkuaChain
{
    /// <summary>The SDK's chain with the resilience pipeline: attempts are timed, retried, stamped and buffered there.</summary>
    Resilient,

    /// <summary>The SDK's chain without resilience: attempts are stamped and buffered there; the pipeline bounds the call.</summary>
    Plain,

    /// <summary>A caller-owned HttpClient: the pipeline stamps, buffers and bounds the call itself.</summary>
    CallerOwned,
}

/// <summary>
/// The one send path of every call, whichever way the client was built: builds the request
/// (headers, idempotency key), sends it through the client's handlers (where the resilience
/// pipeline and the attempt handler run), and turns the response into a model or a typed exception.
/// </summary>
internal sealed class AkuaPipeline
{
    private static readonly string UserAgentBase = BuildUserAgent();

    private readonly Func<HttpClient> _http;
    private readonly Func<AkuaClientOptions> _options;
    private readonly bool _callerOwned;
    private readonly Func<bool> _isDisposed;
    private readonly CancellationToken _lifetime;
    private AkuaPipelineSettings? _settings;

    /// <param name="http">The HttpClient of each call (under DI, one from the factory, renewed as its handlers rotate).</param>
    /// <param name="options">The current options (under DI, they may reload).</param>
    /// <param name="callerOwned">True when the HttpClient is the caller's, without the SDK's handlers.</param>
    /// <param name="isDisposed">Whether the owning client was disposed.</param>
    /// <param name="lifetime">Cancelled when the owning client is disposed.</param>
    public AkuaPipeline(Func<HttpClient> http, Func<AkuaClientOptions> options, bool callerOwned, Func<bool> isDisposed, CancellationToken lifetime)
    {
        _http = http;
        _options = options;
        _callerOwned = callerOwned;
        _isDisposed = isDisposed;
        _lifetime = lifetime;
    }

    /// <summary>The settings of the current options, derived once per options instance (options may reload under DI).</summary>
    private AkuaPipelineSettings Settings
    {
        get
        {
            var options = _options();
            var settings = _settings;
            if (settings is null || !ReferenceEquals(settings.Options, options))
            {
                _settings = settings = new AkuaPipelineSettings(options, UserAgentBase);
            }

            return settings;
        }
    }

    /// <summary>The client's clock, for timestamps the SDK computes and pauses it makes itself.</summary>
    public TimeProvider TimeProvider => Settings.Options.TimeProvider;

    /// <summary>The client's attempt timeout (<see cref="AkuaClientOptions.Timeout"/>).</summary>
    public TimeSpan AttemptTimeout => Settings.Timeout;

    /// <summary>Sends a call and reads its JSON result.</summary>
    public Task<T> SendAsync<T>(AkuaCall call, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(call, resultType, static (response, call, type) => Read(response, call, type), cancellationToken);

    /// <summary>Sends a call whose success has no body the SDK reads (e.g. a delete).</summary>
    public Task SendAsync(AkuaCall call, CancellationToken cancellationToken) =>
        SendAsync(call, true, static (_, _, done) => done, cancellationToken);

    private async Task<TResult> SendAsync<TState, TResult>(
        AkuaCall call, TState state, Func<HttpResponseMessage, AkuaCall, TState, TResult> read, CancellationToken cancellationToken)
    {
        var settings = Settings;
        using var activity = AkuaActivity.Start(call.Operation, settings.ServerAddress);
        var started = Stopwatch.GetTimestamp();
        AkuaRequestMessage? request = null;
        CancellationTokenSource? bound = null;
        try
        {
            ObjectDisposedException.ThrowIf(_isDisposed(), typeof(AkuaClient));
            var chain = _callerOwned ? AkuaChain.CallerOwned : settings.Options.EnableResilience ? AkuaChain.Resilient : AkuaChain.Plain;
            request = CreateRequest(call, settings);
            var token = cancellationToken;
            if (chain != AkuaChain.Resilient)
            {
                // No resilience pipeline times the attempt: the call's own timeout bounds it, body included.
                bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime);
                bound.CancelAfter(call.Options?.Timeout ?? settings.Timeout);
                token = bound.Token;
            }

            var target = request.RequestUri;
            if (chain == AkuaChain.CallerOwned)
            {
                request.Attempts = 1;
                await settings.Authorization.StampAsync(request, token).ConfigureAwait(false);
            }

            var response = await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            using (response)
            {
                AkuaRedirects.ThrowIfFollowed(request, target, response);

                // A no-op behind the SDK's attempt handler, which already read it within the attempt.
                await AkuaBody.BufferAsync(response, call, settings.MaxResponseBytes, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw AkuaErrorMapper.Map(response, call, settings.Options.TimeProvider.GetUtcNow());
                }

                var result = read(response, call, state);
                AkuaActivity.Succeeded(activity, response);
                AkuaMetrics.RecordOperation(call.Operation, settings.ServerAddress, started, (int)response.StatusCode, errorType: null);
                return result;
            }
        }
        catch (AkuaTokenProviderException failure)
        {
            Observe(failure.InnerException!, activity, call, settings, started);
            failure.Rethrow();
            throw;
        }
        catch (Exception exception) when (Translate(exception, request, cancellationToken, bound) is { } translated)
        {
            Observe(translated, activity, call, settings, started);
            throw translated;
        }
        catch (Exception exception) when (Observe(exception, activity, call, settings, started))
        {
            throw; // Not reached: the filter records and returns false.
        }
        finally
        {
            bound?.Dispose();
            request?.Dispose();
        }
    }

    private AkuaRequestMessage CreateRequest(AkuaCall call, AkuaPipelineSettings settings)
    {
        var operation = call.Operation;
        var options = call.Options;
        options?.Validate();

        var request = new AkuaRequestMessage(call, new Uri(settings.BaseAddress + call.RelativeUri, UriKind.Absolute));
        var headers = request.Headers;
        headers.TryAddWithoutValidation("Accept", "application/json");
        headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);

        // Caller values are checked even where the operation ignores them: bad input never passes silently.
        if (options?.WorkspaceContext is { } overrideContext)
        {
            AkuaHeaders.Validate(overrideContext, Contract.AkuaHeaderRules.AkuaContextMaxLength, "options.WorkspaceContext");
        }

        if (options?.IdempotencyKey is { } callerKey)
        {
            AkuaHeaders.Validate(callerKey, Contract.AkuaHeaderRules.IdempotencyKeyMaxLength, "options.IdempotencyKey");
        }

        if (operation.WorkspaceContext is not null && (options?.WorkspaceContext ?? settings.WorkspaceContext) is { } workspace)
        {
            headers.TryAddWithoutValidation(AkuaHeaders.WorkspaceContext, workspace);
        }

        if (operation.IdempotencyKey is not null)
        {
            // The caller's key, or one per call: the same on every retry of it.
            headers.TryAddWithoutValidation(AkuaHeaders.IdempotencyKey, options?.IdempotencyKey ?? Guid.NewGuid().ToString("N"));
        }

        if (call.IfMatch is not null)
        {
            // Sent exactly as the API returned it: Akua etags are not quoted, so no EntityTagHeaderValue parsing.
            headers.TryAddWithoutValidation(AkuaHeaders.IfMatch, call.IfMatch);
        }

        if (call.Body is not null)
        {
            // Buffered content, so a retry can send the same message again.
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        return request;
    }

    private static T Read<T>(HttpResponseMessage response, AkuaCall call, JsonTypeInfo<T> resultType)
        where T : class
    {
        var statusCode = (int)response.StatusCode;
        var requestId = AkuaHeaders.RequestId(response);
        if (!IsJson(response.Content.Headers))
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            throw new AkuaInvalidResponseException(
                $"Akua {call.Operation.OperationId} answered {HttpStatusText.Describe(statusCode)} with content type '{AkuaHeaders.Sanitize(mediaType ?? "none")}' instead of JSON.",
                statusCode,
                requestId);
        }

        T value;
        try
        {
            value = JsonSerializer.Deserialize(((AkuaBufferedContent)response.Content).Span, resultType)
                ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new AkuaInvalidResponseException(
                $"Akua {call.Operation.OperationId} answered {HttpStatusText.Describe(statusCode)} with a body that is not a valid {typeof(T).Name}: {AkuaHeaders.Sanitize(exception.Message, 400)}",
                statusCode,
                requestId,
                exception);
        }

        if (value is IAkuaResponseCarrier carrier)
        {
            carrier.SetRawResponse(new AkuaResponse(response, requestId));
        }

        return value;
    }

    /// <summary>The exception a failure becomes, or null to let it through as it is.</summary>
    private Exception? Translate(Exception exception, AkuaRequestMessage? request, CancellationToken cancellationToken, CancellationTokenSource? bound)
    {
        if (exception is AkuaException or ArgumentException or ObjectDisposedException { ObjectName: nameof(AkuaClient) })
        {
            return null;
        }

        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The caller's own cancellation is never wrapped.
            return null;
        }

        if (_isDisposed())
        {
            return new ObjectDisposedException(nameof(AkuaClient), "The AkuaClient was disposed while the call was in flight.");
        }

        var operation = request?.Call.Operation.OperationId ?? "call";
        var attempts = request?.Attempts ?? 0;
        var sent = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        if (AkuaResilience.IsTimeout(exception) || (exception is OperationCanceledException && bound?.IsCancellationRequested == true))
        {
            return new AkuaConnectionException($"Akua {operation} timed out after {sent}.", isTimeout: true, exception);
        }

        if (AkuaResilience.IsBrokenCircuit(exception))
        {
            var message = attempts == 0
                ? $"Akua {operation} was not sent: the circuit breaker is open after repeated failures."
                : $"Akua {operation} failed after {sent}, and the circuit breaker then opened after repeated failures.";
            return new AkuaConnectionException(message, isTimeout: false, exception);
        }

        if (exception is HttpRequestException or IOException or SocketException or OperationCanceledException or TimeoutException)
        {
            return new AkuaConnectionException($"Akua {operation} could not reach the API after {sent}: {AkuaHeaders.Sanitize(exception.Message, 400)}", isTimeout: false, exception);
        }

        return null;
    }

    // An exception filter that records the failure and never catches.
    private static bool Observe(Exception exception, Activity? activity, AkuaCall call, AkuaPipelineSettings settings, long started)
    {
        AkuaActivity.Failed(activity, exception);
        var statusCode = exception switch
        {
            AkuaApiException api => api.StatusCode,
            AkuaInvalidResponseException invalid => invalid.StatusCode,
            _ => (int?)null,
        };
        AkuaMetrics.RecordOperation(call.Operation, settings.ServerAddress, started, statusCode, exception.GetType().FullName);
        return false;
    }

    /// <summary>
    /// True when the media type is <c>application/json</c> or <c>*+json</c>. Reads the header text
    /// as received (no <see cref="MediaTypeHeaderValue"/> is parsed and allocated per response).
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

/// <summary>What the pipeline derives from one options instance.</summary>
internal sealed class AkuaPipelineSettings(AkuaClientOptions options, string userAgentBase)
{
    public AkuaClientOptions Options { get; } = options;

    public string BaseAddress { get; } = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress.AbsoluteUri : options.BaseAddress.AbsoluteUri + "/";

    public string? WorkspaceContext { get; } = options.WorkspaceContext;

    /// <summary>The API's host, for telemetry (<c>server.address</c>).</summary>
    public string ServerAddress { get; } = options.BaseAddress.Host;

    public string UserAgent { get; } = options.ApplicationId is { } applicationId ? userAgentBase + " " + applicationId : userAgentBase;

    public TimeSpan Timeout { get; } = options.Timeout;

    public long MaxResponseBytes { get; } = options.MaxResponseBytes;

    /// <summary>Used only when no SDK attempt handler stamps each attempt (a caller-owned HttpClient).</summary>
    public AkuaAuthorization Authorization { get; } = new(options);
}
