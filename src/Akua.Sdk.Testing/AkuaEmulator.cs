using System.Net;
using Akua.Sdk.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Akua.Sdk.Testing;

/// <summary>
/// A local stand-in for the Akua API: a real HTTP server on 127.0.0.1 (an ephemeral port by default) that
/// serves the twelve Offers and Products operations with Akua's semantics, keeping its state in
/// memory. Point a client at <see cref="BaseAddress"/> with <see cref="ApiToken"/>.
/// </summary>
/// <remarks>
/// <para>
/// What it emulates: bearer-token authentication, workspaces (the <c>akua-context</c> header),
/// Akua-style ids and short hashes, <c>etag</c>/<c>if-match</c> concurrency, idempotency-key
/// replay, cursor pagination, the document's validation rules with error paths, derived offer
/// status, product archiving with cascade, and the customer view of <c>offers:resolve</c> for
/// anonymous callers and signed-in customers (<see cref="AddCustomer(string)"/>).
/// </para>
/// <para>
/// What it adds for tests: <see cref="Faults"/> to inject failures, <see cref="RedeemOffer(string)"/>
/// to use up offers, and counters such as <see cref="RequestCount"/> and <see cref="OfferCount(string?)"/>.
/// Dispose it to stop the server. It is thread-safe.
/// </para>
/// </remarks>
public sealed class AkuaEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorStore _store;
    private readonly Callers _callers;
    private readonly EmulatorHandler _handler;
    private int _disposed;

    private AkuaEmulator(WebApplication app, AkuaEmulatorOptions options)
    {
        _app = app;
        ApiToken = options.ApiToken;
        DefaultWorkspaceId = options.DefaultWorkspaceId;
        _store = new EmulatorStore(options);
        _callers = new Callers(options);
        _handler = new EmulatorHandler(_store, _callers, Faults);
    }

    /// <summary>The API's base address, such as <c>http://127.0.0.1:54321/v1/</c>; it ends with <c>/v1/</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>A token the emulator accepts, acting in <see cref="DefaultWorkspaceId"/>. Send it as <c>Authorization: Bearer ...</c>.</summary>
    public string ApiToken { get; }

    /// <summary>The workspace <see cref="ApiToken"/> acts in when a request names none.</summary>
    public string DefaultWorkspaceId { get; }

    /// <summary>The failures to answer the next requests with, first in first out.</summary>
    public AkuaFaultQueue Faults { get; } = new();

    /// <summary>How many requests the emulator has received, faulted ones included.</summary>
    public long RequestCount => _handler.RequestCount;

    /// <summary>The <c>idempotency-key</c> header of every request received that had one, in arrival order.</summary>
    public IReadOnlyList<string> ReceivedIdempotencyKeys => _handler.ReceivedIdempotencyKeys();

    /// <summary>The routes of the document's operations, for the emulator's own convention tests.</summary>
    internal RouteTable Routes => _handler.Routes;

    /// <summary>Starts an emulator on 127.0.0.1, on an ephemeral port unless <see cref="AkuaEmulatorOptions.Port"/> names one.</summary>
    /// <param name="options">Tokens, workspaces, clock, port and logging; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">A token or workspace id in <paramref name="options"/> is empty, or the port is out of range.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<AkuaEmulator> StartAsync(AkuaEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AkuaEmulatorOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiToken, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DefaultWorkspaceId, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, $"AkuaEmulatorOptions.Port must be 0 (an ephemeral port) to {IPEndPoint.MaxPort}.");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(AkuaEmulator).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        // An embedded server must not take over the process's Ctrl+C and SIGTERM (the default console lifetime does).
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(options.LoggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));

        var app = builder.Build();
        var emulator = new AkuaEmulator(app, options);
        ((IApplicationBuilder)app).Run(emulator._handler.HandleAsync);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The emulator's server did not report its address.");
            var origin = new Uri(address.TrimEnd('/') + "/");
            emulator.BaseAddress = new Uri(origin, "v1/");
            emulator._store.Origin = origin;
            return emulator;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates an <see cref="AkuaClient"/> wired to this emulator with <see cref="ApiToken"/>. Dispose
    /// it before the emulator.
    /// </summary>
    /// <param name="configure">Adjusts the options further, e.g. a <c>WorkspaceContext</c> or retry settings.</param>
    /// <returns>A client whose requests go to <see cref="BaseAddress"/>.</returns>
    public AkuaClient CreateClient(Action<AkuaClientOptions>? configure = null)
    {
        var options = new AkuaClientOptions { BaseAddress = BaseAddress, ApiToken = ApiToken };
        configure?.Invoke(options);
        return new AkuaClient(options);
    }

    /// <summary>How many offers a workspace holds, archived ones included.</summary>
    /// <param name="workspaceId">The workspace; <see cref="DefaultWorkspaceId"/> when null.</param>
    /// <returns>The number of offers.</returns>
    public int OfferCount(string? workspaceId = null) => _store.Count(_store.Offers.Values, workspaceId ?? DefaultWorkspaceId);

    /// <summary>How many products a workspace holds, archived ones included.</summary>
    /// <param name="workspaceId">The workspace; <see cref="DefaultWorkspaceId"/> when null.</param>
    /// <returns>The number of products.</returns>
    public int ProductCount(string? workspaceId = null) => _store.Count(_store.Products.Values, workspaceId ?? DefaultWorkspaceId);

    /// <summary>
    /// Signs a customer in: returns a bearer token the emulator accepts as that customer, whose
    /// email counts as verified. With it, <c>offers:resolve</c> answers 403 for an offer whose
    /// allowlist leaves the email out, and otherwise also shows the offer's note and pre-filled
    /// values. A customer's token cannot call the seller operations (403).
    /// </summary>
    /// <param name="email">The customer's email address.</param>
    /// <returns>A new token for that customer; each call returns another one.</returns>
    /// <exception cref="ArgumentException"><paramref name="email"/> is not an email address.</exception>
    public string AddCustomer(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (CreateOfferRequestRules.AllowedEmails.Items!.TextProblem(email) is { } problem)
        {
            throw new ArgumentException($"{nameof(email)} {problem}", nameof(email));
        }

        return _callers.AddCustomer(email);
    }

    /// <summary>
    /// Redeems an offer once, as a customer accepting it would: its <c>used_count</c> goes up by
    /// one, its etag changes, and it reads <c>redeemed</c> once <c>used_count</c> reaches <c>max_uses</c>.
    /// </summary>
    /// <param name="offerId">The offer's id, in any workspace.</param>
    /// <exception cref="KeyNotFoundException">No offer has that id.</exception>
    /// <exception cref="InvalidOperationException">The offer is not active (archived, expired or used up).</exception>
    public void RedeemOffer(string offerId)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        _store.Redeem(offerId);
    }

    /// <summary>Stops the server and releases its port.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long; disposing below still releases the port.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A host lifetime that leaves process signals to the process that embeds the emulator.</summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
