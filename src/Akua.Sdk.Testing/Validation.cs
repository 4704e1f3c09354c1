using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Akua.Sdk.Testing;

/// <summary>Checks a JSON body against the document's schema rules and collects every problem.</summary>
internal sealed partial class Validation
{
    public List<ApiErrorItem> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    public void Add(string message, params string[] path) =>
        Errors.Add(new ApiErrorItem { Code = ErrorCodes.Validation, Message = message, Path = [.. path] });

    public static string[] Body(params string[] rest) => ["body", .. rest];

    /// <summary>Rejects properties the schema does not declare (additionalProperties: false).</summary>
    public void NoUnknownProperties(JsonElement obj, string[] path, params string[] allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                Add($"Unrecognized property '{property.Name}'.", [.. path, property.Name]);
            }
        }
    }

    /// <summary>A required or optional string. Returns null when absent or invalid.</summary>
    public string? String(JsonElement obj, string name, string[] path, int minLength, int maxLength, bool required = false, bool nullable = false)
    {
        string[] at = [.. path, name];
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Add($"'{name}' is required.", at);
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Null && nullable)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add($"'{name}' must be a string.", at);
            return null;
        }

        var text = value.GetString()!;
        var length = new StringInfo(text).LengthInTextElements;
        if (length < minLength)
        {
            Add(minLength == 1 ? $"'{name}' must not be empty." : $"'{name}' must be at least {minLength} characters.", at);
            return null;
        }

        if (length > maxLength)
        {
            Add($"'{name}' must be at most {maxLength} characters.", at);
            return null;
        }

        return text;
    }

    /// <summary>An optional integer in a range. Returns null when absent or invalid.</summary>
    public long? Integer(JsonElement obj, string name, string[] path, long minimum, long maximum)
    {
        string[] at = [.. path, name];
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Add($"'{name}' must be an integer.", at);
            return null;
        }

        if (number < minimum || number > maximum)
        {
            Add($"'{name}' must be from {minimum} to {maximum}.", at);
            return null;
        }

        return number;
    }

    /// <summary>An optional boolean. Returns null when absent or invalid.</summary>
    public bool? Boolean(JsonElement obj, string name, string[] path, bool required = false)
    {
        string[] at = [.. path, name];
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Add($"'{name}' is required.", at);
            }

            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add($"'{name}' must be a boolean.", at);
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An optional string from a closed set. Returns null when absent or invalid.</summary>
    public string? Enum(JsonElement obj, string name, string[] path, bool required, params string[] values)
    {
        var text = String(obj, name, path, 1, 64, required);
        if (text is not null && Array.IndexOf(values, text) < 0)
        {
            Add($"'{name}' must be one of: {string.Join(", ", values)}.", [.. path, name]);
            return null;
        }

        return text;
    }

    /// <summary>An optional object; reports a type error when present and not an object.</summary>
    public bool Object(JsonElement obj, string name, string[] path, out JsonElement value, bool required = false)
    {
        if (!obj.TryGetProperty(name, out value))
        {
            if (required)
            {
                Add($"'{name}' is required.", [.. path, name]);
            }

            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Add($"'{name}' must be an object.", [.. path, name]);
            return false;
        }

        return true;
    }

    /// <summary>An absolute http(s) URI string.</summary>
    public string? Uri(JsonElement obj, string name, string[] path, bool nullable = false)
    {
        var text = String(obj, name, path, 1, 2048, nullable: nullable);
        if (text is not null && !(System.Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http")))
        {
            Add($"'{name}' must be an absolute http or https URL.", [.. path, name]);
            return null;
        }

        return text;
    }

    /// <summary>A package version pin: <c>{"kind":"latest"}</c> or <c>{"kind":"pinned","version":"1.2.3"}</c>.</summary>
    public PackageVersionPin? Pin(JsonElement obj, string name, string[] path, bool required)
    {
        if (!Object(obj, name, path, out var pin, required))
        {
            return null;
        }

        string[] at = [.. path, name];
        NoUnknownProperties(pin, at, "kind", "version");
        var kind = Enum(pin, "kind", at, required: true, "latest", "pinned");
        var version = String(pin, "version", at, 1, PackageVersionPin.MaxVersionLength);
        if (version is not null && !SemanticVersion().IsMatch(version))
        {
            Add("'version' must be a semantic version such as 1.2.3.", [.. at, "version"]);
            return null;
        }

        switch (kind)
        {
            case "latest" when pin.TryGetProperty("version", out _):
                Add("'version' is only allowed with kind 'pinned'.", [.. at, "version"]);
                return null;
            case "latest":
                return PackageVersionPin.Latest;
            case "pinned" when !pin.TryGetProperty("version", out _):
                Add("'version' is required with kind 'pinned'.", [.. at, "version"]);
                return null;
            case "pinned" when version is not null:
                return PackageVersionPin.Pinned(version);
            default:
                return null;
        }
    }

    public static bool IsEmail(string text) => text.Length <= 254 && Email().IsMatch(text);

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Email();
}
