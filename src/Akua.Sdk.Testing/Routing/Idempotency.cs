using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Akua.Sdk.Testing;

/// <summary>
/// Idempotent writes: the first successful answer to a key (in one workspace) is kept, and a
/// later request with that key gets it again when it means the same (same operation, path and
/// JSON body, whatever the property order, whitespace, escapes or number spelling), else 409.
/// Every call holds the store's lock.
/// </summary>
internal sealed class Idempotency
{
    private readonly Dictionary<string, (string Fingerprint, Reply Reply)> _replies = new(StringComparer.Ordinal);

    public Reply Run(EmulatorRequest request, Func<Reply> execute)
    {
        if (request.Operation.IdempotencyKey is not { } rule || request.Header(rule) is not { } key)
        {
            return execute();
        }

        var fingerprint = Fingerprint(request);
        var slot = request.Workspace + "\n" + key;
        if (_replies.TryGetValue(slot, out var earlier))
        {
            return earlier.Fingerprint == fingerprint
                ? earlier.Reply
                : Replies.Error(409, ErrorCodes.IdempotencyConflict, "This idempotency key was already used with a different request.", ["header", rule.Name]);
        }

        var reply = execute();
        if (reply.IsSuccess)
        {
            _replies[slot] = (fingerprint, reply);
        }

        return reply;
    }

    private static string Fingerprint(EmulatorRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(request.Operation.OperationId);
            foreach (var rule in request.Operation.PathParameters)
            {
                writer.WriteStringValue(request.Path(rule));
            }

            WriteCanonical(writer, request.Body);
            writer.WriteEndArray();
        }

        return Convert.ToHexString(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Writes a value in one spelling per meaning: sorted properties, plain numbers, strings re-escaped from their text.</summary>
    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when value.TryGetDecimal(out var number):
                // "G29" drops trailing zeros: 1, 1.0 and 1e0 are one number.
                writer.WriteRawValue(number.ToString("G29", CultureInfo.InvariantCulture));
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
