namespace Akua.Sdk.ContractTests.Infrastructure;

/// <summary>
/// Prism in static mode with <c>--errors</c>: any request that breaks the document is answered
/// with an error status (422, 400 or 401), which the SDK turns into an exception.
/// </summary>
public sealed class StaticPrismFixture : IAsyncLifetime
{
    public PrismServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PrismServer.StartAsync(["--errors"]);

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>
/// Prism in dynamic mode: every response is generated at random from the document's schemas.
/// </summary>
/// <remarks>
/// Prism re-seeds its generator for every request, so with <c>--seed</c> every response to the
/// same operation is identical and rounds would repeat one sample. The fixture therefore runs
/// unseeded by default (a new sample per round; a failing round reports the whole body it could
/// not read); set <c>AKUA_CONTRACT_SEED</c> to pin one reproducible sample per operation.
/// </remarks>
public sealed class DynamicPrismFixture : IAsyncLifetime
{
    public PrismServer Server { get; private set; } = null!;

    /// <summary>The seed passed to Prism, or null when unseeded.</summary>
    public string? Seed { get; } = Environment.GetEnvironmentVariable("AKUA_CONTRACT_SEED") is { Length: > 0 } seed ? seed : null;

    public async Task InitializeAsync()
    {
        // No --errors here: Prism's generator writes 0 for `exclusiveMinimum: 0` integers
        // (max_uses, order_ttl_minutes, channel_policy_version), and with --errors Prism then
        // refuses its own response with 500. Request violations are still logged, and the
        // tests fail on them by scanning the log.
        List<string> arguments = ["--dynamic"];
        if (Seed is not null)
        {
            arguments.AddRange(["--seed", Seed]);
        }

        Server = await PrismServer.StartAsync(arguments);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StaticPrismCollection : ICollectionFixture<StaticPrismFixture>
{
    public const string Name = "Prism static";
}

[CollectionDefinition(Name)]
public sealed class DynamicPrismCollection : ICollectionFixture<DynamicPrismFixture>
{
    public const string Name = "Prism dynamic";
}
