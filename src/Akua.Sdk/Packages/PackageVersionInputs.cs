using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk;

/// <summary>
/// The JSON Schema (2020-12, with Akua's <c>x-ui</c> extensions) of a package version's install
/// form: what an offer's <see cref="CreateOfferRequest.FieldValues"/> may pre-fill.
/// </summary>
[JsonConverter(typeof(PackageVersionInputsJsonConverter))]
public sealed class PackageVersionInputs : IAkuaResponseCarrier
{
    private AkuaResponse? _rawResponse;

    /// <summary>Wraps a schema, e.g. for a test double.</summary>
    /// <param name="schema">The schema object.</param>
    public PackageVersionInputs(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("An input schema is a JSON object.", nameof(schema));
        }

        Schema = schema;
    }

    /// <summary>The schema, as the API sent it.</summary>
    public JsonElement Schema { get; }

    /// <summary>The names of the properties the form has (the schema's top-level <c>properties</c>).</summary>
    public IReadOnlyList<string> PropertyNames =>
        Schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? [.. properties.EnumerateObject().Select(p => p.Name)]
            : [];

    /// <summary>The HTTP response this schema was read from; null when built by hand.</summary>
    /// <returns>The response, or null.</returns>
    public AkuaResponse? GetRawResponse() => _rawResponse;

    void IAkuaResponseCarrier.SetRawResponse(AkuaResponse response) => _rawResponse = response;

    /// <summary>The schema as JSON text.</summary>
    /// <returns>The JSON.</returns>
    public override string ToString() => Schema.GetRawText();
}

/// <summary>Reads and writes <see cref="PackageVersionInputs"/> as the schema object itself.</summary>
public sealed class PackageVersionInputsJsonConverter : JsonConverter<PackageVersionInputs>
{
    /// <inheritdoc />
    public override PackageVersionInputs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object for an input schema, got {reader.TokenType}.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return new PackageVersionInputs(document.RootElement.Clone());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PackageVersionInputs value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.Schema.WriteTo(writer);
    }
}
