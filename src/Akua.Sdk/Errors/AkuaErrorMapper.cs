using System.Text;
using System.Text.Json;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Errors;

/// <summary>Turns an error response (its body already read, bounded) into the matching typed exception.</summary>
internal static class AkuaErrorMapper
{
    /// <summary>How much of the error entries an exception's message repeats.</summary>
    private const int MaxErrorsInMessageLength = 1000;

    public static AkuaApiException Map(HttpResponseMessage response, AkuaCall call, DateTimeOffset now)
    {
        var statusCode = (int)response.StatusCode;
        var requestId = AkuaHeaders.RequestId(response);
        var body = response.Content is AkuaBufferedContent buffered ? buffered.Span : default;
        var errors = Parse(body);
        var text = body.Length == 0 ? null : Encoding.UTF8.GetString(body);

        var message = new StringBuilder()
            .Append("Akua ").Append(call.Operation.OperationId).Append(" failed with ").Append(HttpStatusText.Describe(statusCode));
        if (statusCode is >= 300 and < 400)
        {
            message.Append(": it redirects to ").Append(AkuaRedirects.Target(response) ?? "an unnamed location")
                .Append(", and the SDK never follows redirects (nothing was sent there)");
        }
        else if (errors.Count > 0)
        {
            // Each entry is bounded, their number is not: the message stays readable, Errors keeps them all.
            message.Append(": ").Append(AkuaHeaders.Sanitize(string.Join("; ", errors), MaxErrorsInMessageLength));
        }

        if (requestId is not null)
        {
            message.Append(" (request id ").Append(requestId).Append(')');
        }

        var summary = message.Append('.').ToString();
        return statusCode switch
        {
            400 or 422 => new AkuaValidationException(summary, statusCode, errors, requestId, text),
            401 => new AkuaAuthenticationException(summary, statusCode, errors, requestId, text),
            403 => new AkuaPermissionDeniedException(summary, statusCode, errors, requestId, text),
            404 => new AkuaNotFoundException(summary, statusCode, errors, requestId, text),
            409 when call.IfMatch is not null && IsStaleEtag(errors) => new AkuaConcurrencyException(summary, CurrentEtag(errors), errors, requestId, text),
            409 => new AkuaConflictException(summary, statusCode, errors, requestId, text),
            429 => new AkuaRateLimitException(summary, AkuaResilience.TryGetRetryAfter(response, now, out var retryAfter) ? retryAfter : null, errors, requestId, text),
            >= 500 => new AkuaServerException(summary, statusCode, errors, requestId, text),
            _ => new AkuaApiException(summary, statusCode, errors, requestId, text),
        };
    }

    /// <summary>
    /// Whether a 409 on an <c>if-match</c> write reports a stale etag: the API then names the current
    /// etag in the error's metadata. A reused idempotency key, or another conflict (a package still in
    /// use), names none; a body without error entries is taken as the guard failing, as before.
    /// </summary>
    private static bool IsStaleEtag(IReadOnlyList<AkuaError> errors) =>
        errors.Count == 0 || CurrentEtag(errors) is not null;

    private static string? CurrentEtag(IReadOnlyList<AkuaError> errors)
    {
        foreach (var error in errors)
        {
            if (error.Metadata.TryGetValue("current_etag", out var etag) || error.Metadata.TryGetValue("etag", out etag))
            {
                return etag;
            }
        }

        return null;
    }

    private static IReadOnlyList<AkuaError> Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0 || body.Length >= AkuaBody.MaxErrorBodyBytes)
        {
            return [];
        }

        try
        {
            var response = JsonSerializer.Deserialize(body, AkuaJsonContext.Default.ApiErrorResponse);
            if (response?.Errors is not { Count: > 0 } entries)
            {
                return [];
            }

            var errors = new List<AkuaError>(entries.Count);
            foreach (var entry in entries)
            {
                if (entry is null)
                {
                    continue;
                }

                // Server text goes into messages and logs: no control characters, bounded.
                errors.Add(new AkuaError(
                    entry.Code,
                    AkuaHeaders.Sanitize(entry.Message ?? string.Empty, 1000),
                    entry.Path?.Select(p => AkuaHeaders.Sanitize(p ?? string.Empty)).ToArray(),
                    entry.Metadata?.Where(m => m.Value is not null).ToDictionary(m => AkuaHeaders.Sanitize(m.Key), m => AkuaHeaders.Sanitize(m.Value, 1000), StringComparer.Ordinal)));
            }

            return errors;
        }
        catch (JsonException)
        {
            // HTML from a proxy, a truncated body, another error format: the status code still decides the type.
            return [];
        }
    }
}
