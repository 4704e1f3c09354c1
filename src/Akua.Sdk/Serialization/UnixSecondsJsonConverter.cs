using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk.Serialization;

/// <summary>
/// Reads and writes a <see cref="DateTimeOffset"/> as the whole Unix seconds the Akua API uses
/// for every timestamp. Writing drops sub-second precision; the result is always UTC.
/// </summary>
public sealed class UnixSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seconds))
        {
            throw new JsonException($"Expected a timestamp in whole Unix seconds, got {reader.TokenType}.");
        }

        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            throw new JsonException($"The timestamp {seconds} is outside the range a DateTimeOffset can hold.");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
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
