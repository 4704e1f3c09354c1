using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk;

/// <summary>
/// Which package version a product's future offers and installs use: always the
/// <see cref="Latest"/> release, or one <see cref="Pinned(string)"/> semantic version.
/// </summary>
/// <remarks>
/// The API states this as a union of two closed objects, which code generators handle poorly,
/// so this type is written by hand and is the only way to build a pin that the API accepts.
/// </remarks>
[JsonConverter(typeof(PackageVersionPinJsonConverter))]
public sealed class PackageVersionPin : IEquatable<PackageVersionPin>
{
    /// <summary>The longest version string the API accepts.</summary>
    public const int MaxVersionLength = Contract.PackageVersionPinRules.VersionMaxLength;

    private PackageVersionPin(PackageVersionPinKind kind, string? version)
    {
        Kind = kind;
        Version = version;
    }

    /// <summary>Follow the newest published version of the package.</summary>
    public static PackageVersionPin Latest { get; } = new(PackageVersionPinKind.Latest, null);

    /// <summary>Stay on one version of the package.</summary>
    /// <param name="version">A semantic version such as <c>1.2.3</c> or <c>2.0.0-rc.1</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="version"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="version"/> is not a semantic version.</exception>
    public static PackageVersionPin Pinned(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (Contract.PackageVersionPinRules.Version.TextProblem(version) is not null)
        {
            throw new ArgumentException(
                $"'{Truncate(version)}' is not a semantic version (for example 1.2.3) of at most {MaxVersionLength} characters.",
                nameof(version));
        }

        return new PackageVersionPin(PackageVersionPinKind.Pinned, version);
    }

    /// <summary>The kind of pin: <see cref="PackageVersionPinKind.Latest"/>, <see cref="PackageVersionPinKind.Pinned"/>, or a kind newer than this SDK.</summary>
    public PackageVersionPinKind Kind { get; }

    /// <summary>The pinned version; null unless <see cref="Kind"/> is <see cref="PackageVersionPinKind.Pinned"/>.</summary>
    public string? Version { get; }

    /// <inheritdoc />
    public bool Equals(PackageVersionPin? other) =>
        other is not null && Kind == other.Kind && string.Equals(Version, other.Version, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PackageVersionPin);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Version);

    /// <summary>True when both pins are the same kind and version (or both null).</summary>
    /// <param name="left">A pin.</param>
    /// <param name="right">Another pin.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PackageVersionPin? left, PackageVersionPin? right) => left is null ? right is null : left.Equals(right);

    /// <summary>True when the pins differ.</summary>
    /// <param name="left">A pin.</param>
    /// <param name="right">Another pin.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PackageVersionPin? left, PackageVersionPin? right) => !(left == right);

    /// <summary>The pin as people read it: <c>latest</c> or <c>pinned 1.2.3</c>.</summary>
    public override string ToString() => Version is null ? Kind.Value : $"{Kind.Value} {Version}";

    // Reads keep whatever the API sent, even a kind this SDK does not know yet.
    internal static PackageVersionPin FromWire(PackageVersionPinKind kind, string? version) =>
        kind == PackageVersionPinKind.Latest && version is null ? Latest : new PackageVersionPin(kind, version);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

}

/// <summary>Reads and writes <see cref="PackageVersionPin"/> as the API's <c>{"kind": ..., "version": ...}</c> object.</summary>
public sealed class PackageVersionPinJsonConverter : JsonConverter<PackageVersionPin>
{
    /// <inheritdoc />
    public override PackageVersionPin Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object for a package version pin, got {reader.TokenType}.");
        }

        string? kind = null;
        string? version = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Malformed package version pin.");
            }

            if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                kind = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("The pin's kind must be a string.");
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                version = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new JsonException("The pin's version must be a string."),
                };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (kind is null)
        {
            throw new JsonException("A package version pin needs a kind.");
        }

        return PackageVersionPin.FromWire(new PackageVersionPinKind(kind), version);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PackageVersionPin value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("kind"u8, value.Kind.Value);
        if (value.Version is not null)
        {
            writer.WriteString("version"u8, value.Version);
        }

        writer.WriteEndObject();
    }
}
