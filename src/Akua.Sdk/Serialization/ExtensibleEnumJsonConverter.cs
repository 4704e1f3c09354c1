using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk.Serialization;

/// <summary>Reads and writes an <see cref="IExtensibleEnum{TSelf}"/> as its JSON string.</summary>
/// <typeparam name="T">The enumeration type.</typeparam>
public sealed class ExtensibleEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnum<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}.");
        }

        return T.FromValue(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
