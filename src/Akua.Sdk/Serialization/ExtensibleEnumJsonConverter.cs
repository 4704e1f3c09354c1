using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk.Serialization;

/// <summary>Reads and writes an <see cref="IExtensibleEnum{TSelf}"/> as its JSON string.</summary>
/// <typeparam name="T">The enumeration type.</typeparam>
/// <remarks>
/// Reading a value this SDK knows allocates nothing after the first time: the converter keeps
/// each known value it has read with its UTF-8 text and compares the JSON text against those
/// (<see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>, which also handles escaped
/// text). Unknown values are never kept, so a server cannot grow the table; they are read as new
/// strings each time.
/// </remarks>
public sealed class ExtensibleEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnum<T>
{
    // More than any Akua enumeration has; a bound in case IsKnown is implemented loosely.
    private const int MaxRemembered = 64;

    // Copy-on-write: readers take a snapshot, writers swap in a longer array.
    private static KnownValue[] _known = [];

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}.");
        }

        foreach (var known in Volatile.Read(ref _known))
        {
            if (reader.ValueTextEquals(known.Utf8))
            {
                return known.Value;
            }
        }

        var value = T.FromValue(reader.GetString()!);
        if (value.IsKnown)
        {
            Remember(value);
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }

    private static void Remember(T value)
    {
        var entry = new KnownValue(Encoding.UTF8.GetBytes(value.Value), value);
        while (true)
        {
            var current = Volatile.Read(ref _known);
            if (current.Length >= MaxRemembered || Array.Exists(current, k => k.Value.Equals(value)))
            {
                return;
            }

            KnownValue[] next = [.. current, entry];
            if (ReferenceEquals(Interlocked.CompareExchange(ref _known, next, current), current))
            {
                return;
            }
        }
    }

    private sealed class KnownValue(byte[] utf8, T value)
    {
        public byte[] Utf8 { get; } = utf8;

        public T Value { get; } = value;
    }
}
