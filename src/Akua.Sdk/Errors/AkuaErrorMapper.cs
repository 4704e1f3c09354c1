using System.Globalization;
using System.Text;
using System.Text.Json;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Errors;

/// <summary>Turns an error response into the matching typed exception.</summary>
internal static class AkuaErrorMapper
{
    // How much of an error body is read at most: enough for any real error, bounded against endless bodies.
    internal const int MaxErrorBodyBytes = 64 * 1024;

    public static async Task<AkuaApiException> ReadAsync(HttpResponseMessage response, AkuaRequest request, CancellationToken cancellationToken)
    {
        var statusCode = (int)response.StatusCode;
        var requestId = AkuaHeaders.RequestId(response);
        var body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var errors = Parse(body);
        var text = body.Length == 0 ? null : Encoding.UTF8.GetString(body);

        var message = new StringBuilder()
            .Append("Akua ").Append(request.Operation.Name).Append(" failed with ").Append(HttpStatusText.Describe(statusCode));
        if (errors.Count > 0)
        {
            message.Append(": ").AppendJoin("; ", errors);
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
            409 when request.IfMatch is not null => new AkuaConcurrencyException(summary, CurrentEtag(errors), errors, requestId, text),
            409 => new AkuaConflictException(summary, statusCode, errors, requestId, text),
            429 => new AkuaRateLimitException(summary, AkuaResilience.TryGetRetryAfter(response, DateTimeOffset.UtcNow, out var retryAfter) ? retryAfter : null, errors, requestId, text),
            >= 500 => new AkuaServerException(summary, statusCode, errors, requestId, text),
            _ => new AkuaApiException(summary, statusCode, errors, requestId, text),
        };
    }

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

    private static IReadOnlyList<AkuaError> Parse(byte[] body)
    {
        if (body.Length == 0 || body.Length >= MaxErrorBodyBytes)
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

            var errors = new AkuaError[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                errors[i] = new AkuaError(entry.Code, entry.Message, entry.Path, entry.Metadata);
            }

            return errors;
        }
        catch (JsonException)
        {
            // HTML from a proxy, a truncated body, another error format: the status code still decides the type.
            return [];
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            try
            {
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // The connection broke mid-body; what arrived is still worth reporting.
            }

            return buffer.AsSpan(0, length).ToArray();
        }
    }
}
