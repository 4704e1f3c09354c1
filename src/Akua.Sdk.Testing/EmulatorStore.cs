using System.Security.Cryptography;

namespace Akua.Sdk.Testing;

/// <summary>The emulator's state and settings, shared by every route. Collections are read and written under <see cref="Gate"/>.</summary>
internal sealed class EmulatorStore(AkuaEmulatorOptions options)
{
    private const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly Dictionary<string, string> _packageVersionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _packagesOfVersions = new(StringComparer.Ordinal);
    private long _sequence;

    public object Gate { get; } = new();

    public TimeProvider Time { get; } = options.TimeProvider;

    public string SellerName { get; } = options.SellerName;

    public bool TrustedPartner { get; } = options.TrustedPartner;

    /// <summary>The server's origin, for <c>html_url</c>; set once the server listens.</summary>
    public Uri Origin { get; set; } = new("http://127.0.0.1/");

    public Dictionary<string, ProductRecord> Products { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OfferRecord> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OfferRecord> OffersByShortHash { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => Time.GetUtcNow();

    public long NextSequence() => ++_sequence;

    public static string RandomLowerAlnum(int length) => RandomNumberGenerator.GetString(LowerAlnum, length);

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

    /// <summary>A product of the workspace, or null.</summary>
    public ProductRecord? FindProduct(string? workspace, string id) =>
        Products.TryGetValue(id, out var product) && product.WorkspaceId == workspace ? product : null;

    /// <summary>The package version a pin points at, invented on first use and stable after.</summary>
    public string VersionIdFor(string packageId, PackageVersionPin pin)
    {
        var key = packageId + "\n" + pin;
        if (!_packageVersionIds.TryGetValue(key, out var id))
        {
            id = "pkgv_" + RandomLowerAlnum(24);
            _packageVersionIds[key] = id;
            _packagesOfVersions[id] = packageId;
        }

        return id;
    }

    /// <summary>The package behind a package version, invented on first use and stable after.</summary>
    public string PackageIdFor(string packageVersionId)
    {
        if (!_packagesOfVersions.TryGetValue(packageVersionId, out var id))
        {
            id = "pkg_" + RandomLowerAlnum(24);
            _packagesOfVersions[packageVersionId] = id;
        }

        return id;
    }

    public int Count<T>(IEnumerable<T> records, string workspaceId)
        where T : IStoredRecord
    {
        lock (Gate)
        {
            return records.Count(r => r.WorkspaceId == workspaceId);
        }
    }

    /// <summary>Redeems an offer once, as a customer accepting it would.</summary>
    public void Redeem(string offerId)
    {
        lock (Gate)
        {
            if (!Offers.TryGetValue(offerId, out var offer))
            {
                throw new KeyNotFoundException($"The emulator holds no offer '{offerId}'.");
            }

            var now = Now;
            var status = offer.StatusAt(now);
            if (status != OfferStatus.Active)
            {
                throw new InvalidOperationException($"The offer '{offerId}' is {status.Value} and cannot be redeemed.");
            }

            offer.UsedCount++;
            offer.Touch(now);
        }
    }
}
