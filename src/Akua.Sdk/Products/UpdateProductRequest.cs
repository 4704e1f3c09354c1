using System.Text.Json;
using System.Text.Json.Serialization;
using Akua.Sdk.Contract;

namespace Akua.Sdk;

/// <summary>
/// The product fields to change. Only what you touch is sent: a property left alone is absent
/// from the PATCH body and keeps its value on the server.
/// </summary>
/// <remarks>
/// <see cref="CustomImage"/> and <see cref="CustomDescription"/> can also be cleared, which the
/// API expresses as <c>null</c>: call <see cref="ClearCustomImage"/> or
/// <see cref="ClearCustomDescription"/>, or assign null.
/// </remarks>
public sealed class UpdateProductRequest : IAkuaValidatable
{
    private ClearableString? _customImage;
    private ClearableString? _customDescription;

    /// <summary>A new name, 2 to 64 characters.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>A new package version pin for future offers and installs.</summary>
    [JsonPropertyName("package_version_pin")]
    public PackageVersionPin? PackageVersionPin { get; set; }

    /// <summary>A new marketplace listing.</summary>
    [JsonPropertyName("marketplace")]
    public ProductMarketplace? Marketplace { get; set; }

    /// <summary>
    /// A new image URL (absolute) to show customers instead of the package's logo. Assigning null
    /// clears it (same as <see cref="ClearCustomImage"/>). A string, as <see cref="Product.CustomImage"/> is.
    /// </summary>
    [JsonIgnore]
    public string? CustomImage
    {
        get => _customImage?.Value;
        set => _customImage = new ClearableString(value);
    }

    /// <summary>
    /// A new description (up to 500 characters) to show customers instead of the package's own.
    /// Assigning null clears it (same as <see cref="ClearCustomDescription"/>).
    /// </summary>
    [JsonIgnore]
    public string? CustomDescription
    {
        get => _customDescription?.Value;
        set => _customDescription = new ClearableString(value);
    }

    /// <summary>True when the update will clear the custom image.</summary>
    [JsonIgnore]
    public bool ClearsCustomImage => _customImage is { Value: null };

    /// <summary>True when the update will clear the custom description.</summary>
    [JsonIgnore]
    public bool ClearsCustomDescription => _customDescription is { Value: null };

    /// <summary>True when nothing has been set, so there is nothing to send.</summary>
    [JsonIgnore]
    public bool IsEmpty =>
        Name is null && PackageVersionPin is null && Marketplace is null && _customImage is null && _customDescription is null;

    /// <summary>Go back to the package's own logo (sends <c>"custom_image": null</c>).</summary>
    /// <returns>This request, for chaining.</returns>
    public UpdateProductRequest ClearCustomImage()
    {
        _customImage = new ClearableString(null);
        return this;
    }

    /// <summary>Go back to the package's own description (sends <c>"custom_description": null</c>).</summary>
    /// <returns>This request, for chaining.</returns>
    public UpdateProductRequest ClearCustomDescription()
    {
        _customDescription = new ClearableString(null);
        return this;
    }

    /// <inheritdoc />
    void IAkuaValidatable.Validate(string paramName)
    {
        AkuaCheck.Text(UpdateProductRequestRules.Name, Name, paramName, ".Name");
        AkuaCheck.Text(UpdateProductRequestRules.CustomImage, CustomImage, paramName, ".CustomImage");
        AkuaCheck.Text(UpdateProductRequestRules.CustomDescription, CustomDescription, paramName, ".CustomDescription");
        if (Marketplace is not null)
        {
            AkuaCheck.Object(UpdateProductRequestRules.Marketplace, Marketplace, paramName, ".Marketplace");
        }
    }

    // The wire view of the two clearable fields: absent when untouched, null when cleared.
    [JsonInclude]
    [JsonPropertyName("custom_image")]
    internal ClearableString? CustomImageOnWire
    {
        get => _customImage;
        set => _customImage = value;
    }

    [JsonInclude]
    [JsonPropertyName("custom_description")]
    internal ClearableString? CustomDescriptionOnWire
    {
        get => _customDescription;
        set => _customDescription = value;
    }
}

/// <summary>A string field of a PATCH body that was touched: a new value, or null to clear it.</summary>
[JsonConverter(typeof(ClearableStringJsonConverter))]
internal readonly record struct ClearableString(string? Value);

internal sealed class ClearableStringJsonConverter : JsonConverter<ClearableString>
{
    public override bool HandleNull => true;

    public override ClearableString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.TokenType == JsonTokenType.Null ? null : reader.GetString());

    public override void Write(Utf8JsonWriter writer, ClearableString value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
