using System.Globalization;
using System.Text.Json;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>
/// Judges request values by the document's generated rules (<see cref="AkuaSchemaRules"/> and
/// <see cref="AkuaValueRule"/>) as a JSON Schema validator would, and collects every problem as an
/// API error entry whose path names the value: <c>["body","customer","display_name"]</c>,
/// <c>["query","limit"]</c>, <c>["header","if-match"]</c>.
/// </summary>
internal sealed class SchemaValidator
{
    private readonly List<ApiErrorItem> _errors = [];

    public IReadOnlyList<ApiErrorItem> Errors => _errors;

    public bool IsValid => _errors.Count == 0;

    /// <summary>Records a problem; the message starts with the value's name, e.g. <c>'customer.display_name' is required.</c></summary>
    public void Add(string[] path, string problem) =>
        _errors.Add(new ApiErrorItem { Code = ErrorCodes.Validation, Message = $"{Describe(path)} {problem}", Path = [.. path] });

    /// <summary>A JSON object against an object schema: its properties, required ones, and the rules across properties.</summary>
    public void Object(JsonElement value, AkuaSchemaRules schema, string[] path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(path, "must be a JSON object.");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (schema.Property(property.Name) is { } rule)
            {
                Value(property.Value, rule, [.. path, property.Name]);
            }
            else if (!schema.AllowsOtherProperties)
            {
                Add([.. path, property.Name], "is not a known property.");
            }
        }

        bool Has(string name) => value.TryGetProperty(name, out _);
        foreach (var rule in schema.Properties)
        {
            if (rule.Required && !Has(rule.Name))
            {
                Add([.. path, rule.Name], "is required.");
            }
        }

        if (schema.AnyOfRequired.Count > 0 && !schema.AnyOfRequired.Any(set => set.All(Has)))
        {
            // Named after the first choice: "'product_id' or 'package_version_id' is required (or more than one)."
            var others = string.Concat(schema.AnyOfRequired.Skip(1).Select(set => " or " + string.Join(" and ", set.Select(n => $"'{n}'"))));
            Add([.. path, schema.AnyOfRequired[0][0]], others.Length == 0 ? "is required." : $"{others[1..]} is required (or more than one).");
        }

        foreach (var (property, needed) in schema.Dependencies)
        {
            foreach (var other in needed)
            {
                if (Has(property) && !Has(other))
                {
                    Add([.. path, property], $"needs '{other}'.");
                }
            }
        }

        foreach (var together in schema.NotAllOf)
        {
            if (together.All(Has))
            {
                Add([.. path, together[^1]], $"cannot be combined with {string.Join(" and ", together[..^1].Select(n => $"'{n}'"))}.");
            }
        }
    }

    /// <summary>One JSON value against its rule.</summary>
    public void Value(JsonElement value, AkuaValueRule rule, string[] path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!rule.Nullable && rule.Kind != AkuaValueKind.Any)
            {
                Add(path, $"must be {Describe(rule.Kind)}, not null.");
            }

            return;
        }

        if (!HasKind(value, rule.Kind))
        {
            Add(path, $"must be {Describe(rule.Kind)}{(rule.Nullable ? " or null" : "")}.");
            return;
        }

        switch (rule.Kind)
        {
            case AkuaValueKind.String when rule.TextProblem(value.GetString()!) is { } problem:
                Add(path, problem);
                break;
            case AkuaValueKind.Integer or AkuaValueKind.Number:
                Number(value, rule, path);
                break;
            case AkuaValueKind.Boolean when rule.Enum is { } allowed && !allowed.Contains(value.GetRawText(), StringComparer.Ordinal):
                Add(path, $"must be {string.Join(" or ", allowed)}.");
                break;
            case AkuaValueKind.Array:
                Items(value, rule, path);
                break;
            case AkuaValueKind.Object when rule.Schema is { } schema:
                Object(value, schema(), path);
                break;
            case AkuaValueKind.Map:
                foreach (var entry in value.EnumerateObject())
                {
                    if (rule.Values is { } values)
                    {
                        Value(entry.Value, values, [.. path, entry.Name]);
                    }
                }

                break;
        }
    }

    /// <summary>A value from the URI or a header, as sent; <paramref name="text"/> is null when it is absent.</summary>
    public void Parameter(string? text, AkuaValueRule rule, string[] path)
    {
        if (text is null)
        {
            if (rule.Required)
            {
                Add(path, "is required.");
            }

            return;
        }

        switch (rule.Kind)
        {
            case AkuaValueKind.Integer:
                if (!TryParseInteger(text, out var number))
                {
                    Add(path, "must be an integer.");
                }
                else if (rule.NumberProblem(number) is { } range)
                {
                    Add(path, range);
                }

                break;
            case AkuaValueKind.Boolean when text is not ("true" or "false"):
                Add(path, "must be true or false.");
                break;
            case AkuaValueKind.String when rule.TextProblem(text) is { } problem:
                Add(path, problem);
                break;
        }
    }

    /// <summary>
    /// An integer as JSON Schema has it: any number whose fraction is zero, so <c>1.0</c> and
    /// <c>1e2</c> are integers.
    /// </summary>
    public static bool TryGetInteger(JsonElement value, out long integer)
    {
        integer = 0;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number != decimal.Truncate(number)
            || number < long.MinValue || number > long.MaxValue)
        {
            return false;
        }

        integer = (long)number;
        return true;
    }

    /// <summary>An integer in a query string, by the same rule as <see cref="TryGetInteger"/>.</summary>
    public static bool TryParseInteger(string text, out long integer)
    {
        integer = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            || number != decimal.Truncate(number) || number < long.MinValue || number > long.MaxValue)
        {
            return false;
        }

        integer = (long)number;
        return true;
    }

    private void Number(JsonElement value, AkuaValueRule rule, string[] path)
    {
        if (!value.TryGetDecimal(out var number))
        {
            Add(path, "is too large a number.");
        }
        else if (rule.Kind == AkuaValueKind.Integer && number != decimal.Truncate(number))
        {
            Add(path, "must be an integer.");
        }
        else if (rule.Format == "int64" && !TryGetInteger(value, out _))
        {
            Add(path, "must fit in 64 bits.");
        }
        else if (rule.NumberProblem(number) is { } problem)
        {
            Add(path, problem);
        }
    }

    private void Items(JsonElement value, AkuaValueRule rule, string[] path)
    {
        if (rule.CountProblem(value.GetArrayLength()) is { } problem)
        {
            Add(path, problem);
            return;
        }

        if (rule.Items is not { } items)
        {
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            Value(item, items, [.. path, index.ToString(CultureInfo.InvariantCulture)]);
            index++;
        }
    }

    private static bool HasKind(JsonElement value, AkuaValueKind kind) => kind switch
    {
        AkuaValueKind.String => value.ValueKind == JsonValueKind.String,
        AkuaValueKind.Integer or AkuaValueKind.Number => value.ValueKind == JsonValueKind.Number,
        AkuaValueKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        AkuaValueKind.Array => value.ValueKind == JsonValueKind.Array,
        AkuaValueKind.Object or AkuaValueKind.Map => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Describe(AkuaValueKind kind) => kind switch
    {
        AkuaValueKind.String => "a string",
        AkuaValueKind.Integer => "an integer",
        AkuaValueKind.Number => "a number",
        AkuaValueKind.Boolean => "true or false",
        AkuaValueKind.Array => "an array",
        _ => "a JSON object",
    };

    // "'customer.display_name'", "'allowed_emails.3'", "The body".
    private static string Describe(string[] path) =>
        path.Length > 1 ? $"'{string.Join('.', path.Skip(1))}'" : "The " + path[0];
}
