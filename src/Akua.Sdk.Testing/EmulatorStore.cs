using System.Security.Cryptography;

namespace Akua.Sdk.Testing;

/// <summary>The emulator's state and settings, shared by every route. Collections are read and written under <see cref="Gate"/>.</summary>
internal sealed class EmulatorStore(AkuaEmulatorOptions options, AkuaFaultQueue faults)
{
    private const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly CancellationTokenSource _stopping = new();
    private long _sequence;

    public object Gate { get; } = new();

    public TimeProvider Time { get; } = options.TimeProvider;

    public string SellerName { get; } = options.SellerName;

    public bool TrustedPartner { get; } = options.TrustedPartner;

    /// <summary>How long an operation runs before it settles.</summary>
    public TimeSpan OperationDuration { get; } = options.OperationDuration;

    /// <summary>The server's origin, for <c>html_url</c>; set once the server listens.</summary>
    public Uri Origin { get; set; } = new("http://127.0.0.1/");

    public Dictionary<string, ProductRecord> Products { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OfferRecord> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OfferRecord> OffersByShortHash { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PackageRecord> Packages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PackageVersionRecord> PackageVersions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OperationRecord> Operations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OrderDraftRecord> OrderDrafts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InstallRecord> Installs { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Cancelled when the emulator stops, so long polls answer at once instead of holding the shutdown.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    public long NextSequence() => ++_sequence;

    public static string RandomLowerAlnum(int length) => RandomNumberGenerator.GetString(LowerAlnum, length);

    public static string NewId(string prefix) => prefix + RandomLowerAlnum(24);

    public string NewShortHash()
    {
        while (true)
        {
            var hash = RandomNumberGenerator.GetString(Base62, 8);
            if (!OffersByShortHash.ContainsKey(hash))
            {
                return hash;
            }
        }
    }

    public Uri Link(string relative) => new(Origin, relative);

    /// <summary>A product of the workspace, or null.</summary>
    public ProductRecord? FindProduct(string? workspace, string id) =>
        Products.TryGetValue(id, out var product) && product.WorkspaceId == workspace ? product : null;

    /// <summary>A package of the workspace, or null.</summary>
    public PackageRecord? FindPackage(string? workspace, string id) =>
        Packages.TryGetValue(id, out var package) && package.WorkspaceId == workspace ? package : null;

    /// <summary>A version of a package of the workspace, or null.</summary>
    public PackageVersionRecord? FindVersion(string? workspace, string versionId) =>
        PackageVersions.TryGetValue(versionId, out var version) && version.WorkspaceId == workspace ? version : null;

    /// <summary>The version a pin points at: the package's latest, or the one with the pinned semver; null when none has it.</summary>
    public PackageVersionRecord? Resolve(PackageRecord package, PackageVersionPin pin) =>
        pin.Kind == PackageVersionPinKind.Pinned
            ? package.Versions.FirstOrDefault(v => v.Semver == pin.Version)
            : package.Latest;

    public int Count<T>(IEnumerable<T> records, string workspaceId)
        where T : IStoredRecord
    {
        lock (Gate)
        {
            return records.Count(r => r.WorkspaceId == workspaceId);
        }
    }

    /// <summary>Registers a package with its first version (the emulator's catalogue, <c>packages:import</c>, a settled <c>packages.create</c>).</summary>
    public PackageRecord AddPackage(string workspace, string id, string name, PackageSourceKind kind, string? ociRef, string? repositoryId, string? description, string? displayImageUrl, IReadOnlyList<IReadOnlyDictionary<string, System.Text.Json.JsonElement>>? composedFrom)
    {
        var package = new PackageRecord
        {
            Id = id,
            WorkspaceId = workspace,
            Sequence = NextSequence(),
            CreatedAt = Now,
            Name = name,
            SourceKind = kind,
            OciRef = ociRef,
            RepositoryId = repositoryId,
            Description = description,
            DisplayImageUrl = displayImageUrl,
            ComposedFromSources = composedFrom,
        };
        Packages[package.Id] = package;
        return package;
    }

    /// <summary>Adds a version to a package; products that follow the latest version move to it when it is the latest.</summary>
    public PackageVersionRecord AddVersion(PackageRecord package, string semver, string reference, InputSchema schema)
    {
        var now = Now;
        var version = new PackageVersionRecord
        {
            Id = NewId("pkgv_"),
            PackageId = package.Id,
            WorkspaceId = package.WorkspaceId,
            Sequence = NextSequence(),
            Semver = semver,
            Ref = reference,
            Schema = schema,
            CreatedAt = now,
        };
        package.Versions.Add(version);
        package.Touch();
        PackageVersions[version.Id] = version;
        foreach (var product in Products.Values.Where(p => p.PackageId == package.Id && p.Pin.Kind == PackageVersionPinKind.Latest))
        {
            product.DefaultVersionId = package.Latest.Id;
        }

        return version;
    }

    /// <summary>
    /// Starts a long-running operation that settles after <see cref="OperationDuration"/>: it
    /// succeeds through <paramref name="succeed"/> (which returns the operation's <c>response</c>),
    /// or fails when <see cref="AkuaFaultQueue.FailNextOperation(string, int)"/> asked for it.
    /// A timer on <see cref="Time"/> settles it, so waiters wake when a fake clock is advanced.
    /// </summary>
    public OperationRecord StartOperation(string workspace, IReadOnlyCollection<string> visibleTo, OperationOwnerType ownerType, string ownerId, string kind, string idempotencyKey, string[] steps, Dictionary<string, string> metadata, Func<OperationRecord, Dictionary<string, string>> succeed, Action<OperationRecord>? failed = null)
    {
        var now = Now;
        var operation = new OperationRecord
        {
            Id = NewId("op_"),
            WorkspaceId = workspace,
            VisibleTo = [.. visibleTo],
            Sequence = NextSequence(),
            OwnerType = ownerType,
            OwnerId = ownerId,
            Kind = kind,
            IdempotencyKey = idempotencyKey,
            Metadata = metadata,
            StepNames = steps,
            StartedAt = now,
            SettlesAt = now + OperationDuration,
            FailureMessage = faults.TakeOperationFailure(),
            Succeed = succeed,
            Failed = failed,
            HtmlUrl = Link($"{(ownerType == OperationOwnerType.Package ? "packages" : "installs")}/{Uri.EscapeDataString(ownerId)}?tab=operations").AbsoluteUri,
        };
        metadata["type"] = kind;
        metadata["idempotency_key"] = idempotencyKey;
        metadata["workspace_id"] = workspace;
        Operations[operation.Id] = operation;

        // Without a duration, the next Settle (every request and emulator call runs one) ends it, so
        // the caller that starts it finishes its own changes first.
        if (OperationDuration > TimeSpan.Zero)
        {
            operation.Timer = Time.CreateTimer(
                static state =>
                {
                    var store = (EmulatorStore)state!;
                    lock (store.Gate)
                    {
                        store.Settle();
                    }
                },
                this,
                OperationDuration,
                Timeout.InfiniteTimeSpan);
        }

        return operation;
    }

    /// <summary>Brings time-driven state up to date: operations due to settle, order drafts past their time to live.</summary>
    public void Settle()
    {
        var now = Now;
        foreach (var operation in Operations.Values.Where(o => !o.IsTerminal && o.SettlesAt <= now).ToList())
        {
            operation.Settle(now);
        }

        foreach (var draft in OrderDrafts.Values.Where(d => !d.IsTerminal && d.TtlExpiresAt <= now).ToList())
        {
            CustomerJourney.Terminate(this, draft, OrderDraftTerminationReason.Timeout);
        }
    }
}
