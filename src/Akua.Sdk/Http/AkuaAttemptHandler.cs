using Microsoft.Extensions.Logging;

namespace Akua.Sdk;

/// <summary>
/// The SDK's handler inside the resilience pipeline, so it runs once per attempt: it stamps the
/// attempt's <c>Authorization</c>, sends, refuses a redirect another handler followed, reads the
/// body within the attempt (bounded in size and time) and logs the attempt.
/// </summary>
internal sealed class AkuaAttemptHandler(AkuaAuthorization authorization, long maxResponseBytes, TimeProvider timeProvider, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is not AkuaRequestMessage message)
        {
            // Not a call of this SDK (someone reused the named HttpClient): pass it through untouched.
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var attempt = ++message.Attempts;
        var started = timeProvider.GetTimestamp();
        try
        {
            await authorization.StampAsync(request, cancellationToken).ConfigureAwait(false);
            var target = request.RequestUri;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            AkuaRedirects.ThrowIfFollowed(message, target, response);
            await AkuaBody.BufferAsync(response, message.Call, maxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                AkuaLog.AttemptCompleted(logger, message.Call.Operation.OperationId, request.Method.Method, (int)response.StatusCode, ElapsedMs(started), attempt, AkuaHeaders.RequestId(response));
            }

            return response;
        }
        catch (Exception exception) when (LogFailure(message, exception, started, attempt))
        {
            throw; // Not reached: the filter logs and returns false.
        }
    }

    private bool LogFailure(AkuaRequestMessage message, Exception exception, long started, int attempt)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            AkuaLog.AttemptFailed(logger, message.Call.Operation.OperationId, message.Method.Method, exception.GetType().Name, ElapsedMs(started), attempt);
        }

        return false;
    }

    private long ElapsedMs(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>Redirects are never followed: nothing a call carries may reach another address.</summary>
internal static class AkuaRedirects
{
    /// <summary>
    /// Throws when a handler below followed a redirect to another origin (a caller's transport that
    /// follows redirects). A handler that only rewrites the path, such as a gateway's, is not a redirect.
    /// </summary>
    public static void ThrowIfFollowed(AkuaRequestMessage message, Uri? target, HttpResponseMessage response)
    {
        if (target is null || message.RequestUri is not { } now || Uri.Compare(now, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return;
        }

        var authority = AkuaHeaders.Sanitize(now.Authority);
        response.Dispose();
        throw new AkuaApiException(
            $"Akua {message.Call.Operation.OperationId} was redirected to {authority} by a handler that follows redirects, so what the call carried may already have reached it; the SDK never follows them. Use a transport with AllowAutoRedirect = false.",
            (int)response.StatusCode);
    }

    /// <summary>
    /// The host (and port, when not the scheme's default) a 3xx response points to, for its error
    /// message: another port of the same host is another server. Never the user info.
    /// </summary>
    public static string? Target(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? AkuaHeaders.Sanitize(location.IsAbsoluteUri ? location.Authority : "a relative location on the same host")
            : null;
}
