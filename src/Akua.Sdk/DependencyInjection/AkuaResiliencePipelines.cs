using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Akua.Sdk.DependencyInjection;

/// <summary>
/// One resilience pipeline per registration, kept for the container's lifetime so the circuit
/// breaker's state survives <c>IHttpClientFactory</c> rotating its handlers.
/// </summary>
internal sealed class AkuaResiliencePipelines(IOptionsMonitor<AkuaClientOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory?.CreateLogger(AkuaResilience.LoggerCategory) ?? NullLogger.Instance;

    /// <summary>A handler over the registration's pipeline, or null when the host switched the SDK's pipeline off.</summary>
    public DelegatingHandler? CreateHandler(string name)
    {
        var clientOptions = options.Get(name);
        if (!clientOptions.EnableResilience)
        {
            return null;
        }

        var pipeline = _pipelines.GetOrAdd(name, _ =>
            AkuaResilience.CreatePipeline(clientOptions.Retry, clientOptions.CircuitBreaker, clientOptions.Timeout, timeProvider, _logger, AkuaMetrics.Retries));
        return new AkuaResilienceHandler(pipeline, timeProvider, _logger);
    }
}
