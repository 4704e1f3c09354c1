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
/// serves the document's Offers, Products, Packages, Operations, Order Drafts and Installs
/// operations with Akua's semantics, keeping its state in memory. Point a client at <see cref="BaseAddress"/> with <see cref="ApiToken"/>.
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
/// What it adds for tests: a package catalogue (<see cref="AddPackage(string, string, string?, string?)"/>),
/// <see cref="Faults"/> to inject failures (of requests and of long-running operations), the
/// customer's side of a redemption (<see cref="SimulateOrderDraft(string, string)"/>,
/// <see cref="AdvanceOrderDraft(string, string?)"/>, <see cref="RedeemOffer(string)"/>), and counters such as <see cref="RequestCount"/> and <see cref="OfferCount(string?)"/>.
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
        _store = new EmulatorStore(options, Faults);
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
        if (options.OperationDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OperationDuration, "AkuaEmulatorOptions.OperationDuration must be zero or more.");
        }

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
    /// Redeems an offer once, as a customer accepting it would: a customer the allowlist admits
    /// starts an order draft (<see cref="SimulateOrderDraft(string, string)"/>) and takes it through
    /// every phase to <c>done</c> (<see cref="AdvanceOrderDraft(string, string?)"/>), so the offer's
    /// <c>used_count</c> goes up by one, its etag changes, and it reads <c>redeemed</c> once
    /// <c>used_count</c> reaches <c>max_uses</c>. The draft's install and its operation are created too.
    /// </summary>
    /// <param name="offerId">The offer's id, in any workspace.</param>
    /// <exception cref="KeyNotFoundException">No offer has that id.</exception>
    /// <exception cref="InvalidOperationException">The offer is not active (archived, expired or used up), or its pre-filled values leave a required input empty.</exception>
    public void RedeemOffer(string offerId)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        lock (_store.Gate)
        {
            _store.Settle();
            var email = _store.Offers.TryGetValue(offerId, out var offer) ? offer.AllowedEmails.FirstOrDefault() ?? "customer@example.com" : "";
            var draft = CustomerJourney.Start(_store, offerId, email);
            try
            {
                while (!draft.IsTerminal)
                {
                    CustomerJourney.Advance(_store, draft.Id, null);
                }
            }
            catch (InvalidOperationException)
            {
                // A redemption that cannot finish leaves no draft holding a use.
                CustomerJourney.Terminate(_store, draft, OrderDraftTerminationReason.Revoked);
                throw;
            }

            if (draft.Status != OrderDraftStatus.Done)
            {
                throw new InvalidOperationException($"The redemption of '{offerId}' ended {draft.Status.Value} ({draft.TerminationReason?.Value}).");
            }
        }
    }

    /// <summary>
    /// Adds a package to a workspace's catalogue, imported from an OCI artifact, with one version:
    /// products and offers can then name it. It is listed by <c>packages.list</c> at once.
    /// </summary>
    /// <param name="name">The package's name, up to 120 characters.</param>
    /// <param name="semver">Its first version, a semantic version such as <c>1.0.0</c>.</param>
    /// <param name="inputSchemaJson">
    /// The version's input schema (a JSON Schema object: the install wizard's form, against which
    /// offers' <c>field_values</c> and customers' configuration are judged); null for a version
    /// without inputs. Local <c>$ref</c>s are supported, remote ones are not.
    /// </param>
    /// <param name="workspaceId">The workspace; <see cref="DefaultWorkspaceId"/> when null.</param>
    /// <returns>The package's id (<c>pkg_...</c>); its version's id is its <c>latest_version_id</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or too long, <paramref name="semver"/> is no semantic version, or <paramref name="inputSchemaJson"/> is no usable JSON Schema.</exception>
    public string AddPackage(string name, string semver = "1.0.0", string? inputSchemaJson = null, string? workspaceId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > ImportPackageRequestRules.NameMaxLength)
        {
            throw new ArgumentException($"{nameof(name)} is longer than {ImportPackageRequestRules.NameMaxLength} characters.", nameof(name));
        }

        CheckSemver(semver);
        var schema = ReadSchema(inputSchemaJson);
        if (workspaceId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        }

        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        var ociRef = $"oci://registry.emulator.test/{(slug.Length > 0 ? slug : "package")}-{EmulatorStore.RandomLowerAlnum(6)}";
        lock (_store.Gate)
        {
            var package = _store.AddPackage(workspaceId ?? DefaultWorkspaceId, EmulatorStore.NewId("pkg_"), name, PackageSourceKind.Oci, ociRef, null, null, null, null);
            _store.AddVersion(package, semver, $"{ociRef}:{semver}", schema);
            return package.Id;
        }
    }

    /// <summary>
    /// Adds a version to a package; it becomes the package's <c>latest_version_id</c>, and products
    /// pinned to <c>latest</c> move to it.
    /// </summary>
    /// <param name="packageId">The package's id, in any workspace.</param>
    /// <param name="semver">The version, a semantic version the package does not have yet.</param>
    /// <param name="inputSchemaJson">The version's input schema, as for <see cref="AddPackage(string, string, string?, string?)"/>; null for none.</param>
    /// <returns>The version's id (<c>pkgv_...</c>).</returns>
    /// <exception cref="ArgumentException"><paramref name="semver"/> is no semantic version or one the package has, or <paramref name="inputSchemaJson"/> is no usable JSON Schema.</exception>
    /// <exception cref="KeyNotFoundException">No package has that id.</exception>
    public string AddPackageVersion(string packageId, string semver, string? inputSchemaJson = null)
    {
        ArgumentNullException.ThrowIfNull(packageId);
        CheckSemver(semver);
        var schema = ReadSchema(inputSchemaJson);
        lock (_store.Gate)
        {
            if (!_store.Packages.TryGetValue(packageId, out var package))
            {
                throw new KeyNotFoundException($"The emulator holds no package '{packageId}'.");
            }

            if (package.Versions.Any(v => v.Semver == semver))
            {
                throw new ArgumentException($"The package '{packageId}' already has a version {semver}.", nameof(semver));
            }

            return _store.AddVersion(package, semver, $"{package.OciRef ?? package.Id}:{semver}", schema).Id;
        }
    }

    /// <summary>
    /// Starts an order draft as a signed-in customer opening the offer's link would: in phase
    /// <c>auth</c>, visible to the seller through <c>orderDrafts.list</c>. The offer's rules apply: it
    /// must be active (not archived, expired or used up), its allowlist must admit the email, and
    /// drafts in progress count against <c>max_uses</c>.
    /// </summary>
    /// <param name="offerId">The offer's id, in any workspace.</param>
    /// <param name="customerEmail">The customer's (verified) email address.</param>
    /// <returns>The draft's id (<c>odft_...</c>); move it on with <see cref="AdvanceOrderDraft(string, string?)"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerEmail"/> is not an email address.</exception>
    /// <exception cref="KeyNotFoundException">No offer has that id.</exception>
    /// <exception cref="InvalidOperationException">The offer refuses the start; the message says why.</exception>
    public string SimulateOrderDraft(string offerId, string customerEmail)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        ArgumentNullException.ThrowIfNull(customerEmail);
        if (CreateOfferRequestRules.AllowedEmails.Items!.TextProblem(customerEmail) is { } problem)
        {
            throw new ArgumentException($"{nameof(customerEmail)} {problem}", nameof(customerEmail));
        }

        lock (_store.Gate)
        {
            _store.Settle();
            return CustomerJourney.Start(_store, offerId, customerEmail).Id;
        }
    }

    /// <summary>
    /// Moves an order draft one phase on, as its customer would: <c>auth</c> → <c>workspace</c> →
    /// <c>compute</c> → <c>compute_bootstrap</c> → <c>configure</c> → <c>payment</c> (the
    /// configuration is submitted and a checkout session opens) → <c>install</c> (payment completes;
    /// an install and its <c>install.create</c> operation start, whose id is the draft's
    /// <c>install_operation_id</c>) → <c>done</c> (the install finishes, at once if its operation was
    /// still running, and the offer's <c>used_count</c> grows). Each step changes the draft's etag. A
    /// failed or cancelled install ends the draft <c>terminated</c> (<c>install_failed</c>) instead.
    /// </summary>
    /// <param name="orderDraftId">The draft's id.</param>
    /// <param name="configurationJson">
    /// What the customer submits when leaving <c>configure</c>: a JSON object of input values, over
    /// the offer's pre-filled ones (a locked one cannot change). The whole configuration must meet
    /// the version's input schema, required inputs included. Ignored in the other phases.
    /// </param>
    /// <returns>The draft as its customer sees it (with <c>field_values</c>, which sellers never see).</returns>
    /// <exception cref="ArgumentException"><paramref name="configurationJson"/> is not a JSON object.</exception>
    /// <exception cref="KeyNotFoundException">No draft has that id.</exception>
    /// <exception cref="InvalidOperationException">The draft has ended, or the configuration is refused (the draft stays in <c>configure</c>).</exception>
    public OrderDraft AdvanceOrderDraft(string orderDraftId, string? configurationJson = null)
    {
        ArgumentNullException.ThrowIfNull(orderDraftId);
        if (configurationJson is not null)
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(configurationJson);
                if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    throw new ArgumentException($"{nameof(configurationJson)} must be a JSON object.", nameof(configurationJson));
                }
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ArgumentException($"{nameof(configurationJson)} is not JSON: {e.Message}", nameof(configurationJson), e);
            }
        }

        lock (_store.Gate)
        {
            _store.Settle();
            return CustomerJourney.Advance(_store, orderDraftId, configurationJson).ToModel(seller: false);
        }
    }

    private static void CheckSemver(string semver)
    {
        ArgumentNullException.ThrowIfNull(semver);
        if (CreatePackageVersionRequestRules.Semver.TextProblem(semver) is { } problem)
        {
            throw new ArgumentException($"{nameof(semver)} {problem}", nameof(semver));
        }
    }

    private static InputSchema ReadSchema(string? inputSchemaJson)
    {
        try
        {
            return inputSchemaJson is null ? InputSchema.Empty : InputSchema.Parse(inputSchemaJson);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{nameof(inputSchemaJson)} {e.Message}", nameof(inputSchemaJson), e);
        }
    }

    /// <summary>Stops the server and releases its port.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _store.Stop();
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
