using Akua.Sdk;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

/// <summary>
/// Turns what the Akua SDK throws into RFC 7807 problem details for this app's callers, so endpoints
/// need no try/catch: the caller's own mistakes are 4xx, Akua's answers map to what they mean for the
/// caller, and failures of the upstream API are 502/503/504 (the caller did nothing wrong). Akua's
/// request id goes into the problem, to quote to Akua support; the SDK's messages never hold the token.
/// </summary>
internal sealed class AkuaProblemDetails(IProblemDetailsService problemDetails, ILogger<AkuaProblemDetails> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            // Bad input the SDK refused before sending anything.
            ArgumentException => (StatusCodes.Status400BadRequest, "The request is invalid."),
            AkuaValidationException => (StatusCodes.Status422UnprocessableEntity, "Akua refused the request."),
            AkuaNotFoundException => (StatusCodes.Status404NotFound, "Not found."),
            AkuaConcurrencyException => (StatusCodes.Status409Conflict, "It changed since it was read; read it again."),
            AkuaConflictException => (StatusCodes.Status409Conflict, "The request conflicts with the current state."),
            AkuaRateLimitException => (StatusCodes.Status429TooManyRequests, "Too many requests; retry later."),
            // This app's own credentials or permissions at Akua: not the caller's fault.
            AkuaAuthenticationException or AkuaPermissionDeniedException => (StatusCodes.Status502BadGateway, "The app could not act at Akua."),
            AkuaConnectionException { IsTimeout: true } => (StatusCodes.Status504GatewayTimeout, "Akua did not answer in time."),
            AkuaConnectionException => (StatusCodes.Status503ServiceUnavailable, "Akua could not be reached."),
            AkuaException => (StatusCodes.Status502BadGateway, "Akua failed."),
            _ => (0, null),
        };
        if (title is null)
        {
            return false;
        }

        logger.LogWarning(exception, "Akua call failed: {Title}", title);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        switch (exception)
        {
            case ArgumentException { ParamName: { } parameter }:
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [parameter] = [exception.Message] };
                break;
            case AkuaApiException api:
                problem.Extensions["akuaRequestId"] = api.RequestId;
                problem.Extensions["errors"] = api.Errors
                    .GroupBy(e => e.Path.Count == 0 ? "" : string.Join('.', e.Path))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
                break;
        }

        if (exception is AkuaRateLimitException { RetryAfter: { } retryAfter })
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
