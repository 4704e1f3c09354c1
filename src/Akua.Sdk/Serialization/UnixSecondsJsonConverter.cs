using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk.Serialization;

/// <summary>
/// Reads and writes a <see cref="DateTimeOffset"/> as the whole Unix seconds the Akua API uses
/// for every timestamp. Writing drops sub-second precision; the result is always UTC.
/// </summary>
/// <remarks>
/// The API allows any non-negative int64, which reaches past the year 9999 where
/// <see cref="DateTimeOffset"/> ends; such a value reads as <see cref="DateTimeOffset.MaxValue"/>
/// (in effect "never") rather than failing the whole response.
/// </remarks>
public sealed class UnixSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seconds))
        {
            throw new JsonException($"Expected a timestamp in whole Unix seconds, got {reader.TokenType}.");
        }

        return seconds > MaxSeconds ? DateTimeOffset.MaxValue
            : seconds < MinSeconds ? DateTimeOffset.MinValue
            : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
    }

    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
}
