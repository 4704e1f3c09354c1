using System.Runtime.ExceptionServices;

namespace Akua.Sdk;

/// <summary>
/// Supplies the <c>Authorization</c> header of each attempt: a static token, or the caller's
/// <see cref="AkuaClientOptions.TokenProvider"/> asked anew every attempt, never cached. A provider
/// that does not return before the attempt's token is cancelled (its timeout) fails that attempt.
/// </summary>
internal sealed class AkuaAuthorization
{
    private readonly string? _staticValue;
    private readonly Func<CancellationToken, ValueTask<string>>? _provider;

    public AkuaAuthorization(AkuaClientOptions options)
    {
        _provider = options.TokenProvider;
        _staticValue = _provider is null && options.ApiToken is { } token ? "Bearer " + token : null;
    }

    public async ValueTask StampAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var value = _staticValue;
        if (_provider is not null)
        {
            string token;
            try
            {
                var pending = _provider(cancellationToken);
                token = pending.IsCompletedSuccessfully
                    ? pending.Result
                    : await pending.AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                // The caller's own code failed: not a transport error to retry or to report as one.
                throw new AkuaTokenProviderException(exception);
            }

            AkuaClientOptionsValidator.ValidateToken(token, "TokenProvider");
            value = "Bearer " + token;
        }

        request.Headers.Remove("Authorization");
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", value);
        }
    }
}

/// <summary>Carries an exception of the caller's token provider through the pipeline, to be rethrown as it was.</summary>
internal sealed class AkuaTokenProviderException(Exception inner) : Exception("The TokenProvider failed.", inner)
{
    public void Rethrow() => ExceptionDispatchInfo.Capture(InnerException!).Throw();
}
