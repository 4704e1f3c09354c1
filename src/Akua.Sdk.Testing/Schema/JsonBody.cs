using System.Text.Json;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>Reads the properties of a body that has passed <see cref="SchemaValidator"/>, by their generated rules.</summary>
internal static class JsonBody
{
    public static bool Has(this JsonElement body, AkuaValueRule rule) => body.TryGetProperty(rule.Name, out _);

    /// <summary>The property's value; null when it is absent (JSON null reads as a value of kind Null).</summary>
    public static JsonElement? Element(this JsonElement body, AkuaValueRule rule) =>
        body.TryGetProperty(rule.Name, out var value) ? value : null;

    /// <summary>A string, or null when absent or JSON null.</summary>
    public static string? Text(this JsonElement body, AkuaValueRule rule) =>
        body.Element(rule) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>An integer (<c>3</c> or <c>3.0</c>), or null when absent or JSON null.</summary>
    public static long? Integer(this JsonElement body, AkuaValueRule rule) =>
        body.Element(rule) is { } value && SchemaValidator.TryGetInteger(value, out var integer) ? integer : null;

    /// <summary>A boolean, or null when absent or JSON null.</summary>
    public static bool? Flag(this JsonElement body, AkuaValueRule rule) =>
        body.Element(rule) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;
}
