using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk;

/// <summary>
/// How many times an offer may be redeemed: a number from 1 to 10000, or <see cref="Unlimited"/>.
/// Assign an <see cref="int"/> directly: <c>request.MaxUses = 5;</c>.
/// </summary>
/// <remarks>
/// <see cref="CreateOfferRequest.MaxUses"/> has three meanings: left null, the API's default
/// (single use) applies and nothing is sent; a number sends that number; <see cref="Unlimited"/>
/// sends <c>"max_uses": null</c>.
/// </remarks>
[JsonConverter(typeof(OfferUsageLimitJsonConverter))]
public readonly struct OfferUsageLimit : IEquatable<OfferUsageLimit>
{
    /// <summary>The smallest limit the API accepts.</summary>
    public const int MinMaxUses = Contract.CreateOfferRequestRules.MaxUsesMinimum;

    /// <summary>The largest limit the API accepts.</summary>
    public const int MaxMaxUses = Contract.CreateOfferRequestRules.MaxUsesMaximum;

    private readonly int _maxUses;
    private readonly bool _isLimited;

    private OfferUsageLimit(int maxUses)
    {
        _maxUses = maxUses;
        _isLimited = true;
    }

    /// <summary>Any number of redemptions.</summary>
    public static OfferUsageLimit Unlimited => default;

    /// <summary>At most <paramref name="maxUses"/> redemptions. The range is checked when the request is sent.</summary>
    /// <param name="maxUses">From 1 to 10000.</param>
    public static OfferUsageLimit Of(int maxUses) => new(maxUses);

    /// <summary>True for <see cref="Unlimited"/>.</summary>
    public bool IsUnlimited => !_isLimited;

    /// <summary>The limit, or null when <see cref="IsUnlimited"/>.</summary>
    public int? MaxUses => _isLimited ? _maxUses : null;

    /// <summary>At most <paramref name="maxUses"/> redemptions.</summary>
    /// <param name="maxUses">From 1 to 10000.</param>
    public static implicit operator OfferUsageLimit(int maxUses) => new(maxUses);

    /// <summary>True when both limits are the same.</summary>
    public static bool operator ==(OfferUsageLimit left, OfferUsageLimit right) => left.Equals(right);

    /// <summary>True when the limits differ.</summary>
    public static bool operator !=(OfferUsageLimit left, OfferUsageLimit right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OfferUsageLimit other) => _isLimited == other._isLimited && _maxUses == other._maxUses;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OfferUsageLimit other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_isLimited, _maxUses);

    /// <summary>The limit, or <c>unlimited</c>.</summary>
    public override string ToString() => _isLimited ? _maxUses.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unlimited";
}

/// <summary>Writes <see cref="OfferUsageLimit"/> as a number, or <c>null</c> for unlimited.</summary>
public sealed class OfferUsageLimitJsonConverter : JsonConverter<OfferUsageLimit>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override OfferUsageLimit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => OfferUsageLimit.Unlimited,
            JsonTokenType.Number when reader.TryGetInt32(out var maxUses) => OfferUsageLimit.Of(maxUses),
            _ => throw new JsonException($"Expected a whole number or null for max_uses, got {reader.TokenType}."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OfferUsageLimit value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.MaxUses is { } maxUses)
        {
            writer.WriteNumberValue(maxUses);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
