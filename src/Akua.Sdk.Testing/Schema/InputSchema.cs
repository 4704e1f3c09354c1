using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Infrastructure;
using NJsonSchema.Validation;

namespace Akua.Sdk.Testing;

/// <summary>
/// A package version's input schema (the install wizard's JSON Schema), judged by NJsonSchema.
/// Local <c>$ref</c>s are inlined first so the schema is read without NJsonSchema's asynchronous
/// reference resolver (the emulator judges under its lock, synchronously); remote references are
/// refused, as the emulator has no network.
/// </summary>
internal sealed class InputSchema
{
    private const int MaxRefDepth = 32;

    private static readonly Newtonsoft.Json.Serialization.IContractResolver Resolver = JsonSchema.CreateJsonSerializerContractResolver(SchemaType.JsonSchema);

    private readonly JsonSchema _schema;
    private readonly HashSet<string>? _inputs;

    private InputSchema(JsonElement json, JsonSchema schema, HashSet<string>? inputs)
    {
        Json = json;
        _schema = schema;
        _inputs = inputs;
    }

    /// <summary>The schema as registered.</summary>
    public JsonElement Json { get; }

    /// <summary>The schema as a map of its keywords, as the models carry it.</summary>
    public IReadOnlyDictionary<string, JsonElement> Map =>
        Json.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);

    /// <summary>A schema without inputs: no pre-filled value or configuration key is accepted.</summary>
    public static InputSchema Empty { get; } = Parse("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{}}""");

    /// <summary>Reads a schema; <see cref="FormatException"/> says why one is not usable.</summary>
    public static InputSchema Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"is not JSON: {e.Message}", e);
        }

        if (root is not JsonObject rootObject)
        {
            throw new FormatException("must be a JSON object (a JSON Schema).");
        }

        var inlined = Inline(rootObject.DeepClone(), rootObject, 0);
        JsonSchema schema;
        try
        {
            schema = JsonSchemaSerialization.FromJson<JsonSchema>(inlined!.ToJsonString(), Resolver) ?? throw new FormatException("is not a JSON Schema.");
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"is not a JSON Schema: {e.Message}", e);
        }

        // A form's inputs are its "properties": other keys are refused, unless the schema says how
        // to take them (patternProperties, or an additionalProperties other than false).
        var open = rootObject.ContainsKey("patternProperties")
            || (rootObject["additionalProperties"] is { } additional && !(additional is JsonValue flag && flag.TryGetValue<bool>(out var allowed) && !allowed));
        var inputs = !open && rootObject["properties"] is JsonObject properties ? properties.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) : null;
        using var document = JsonDocument.Parse(json);
        return new InputSchema(document.RootElement.Clone(), schema, inputs);
    }

    /// <summary>
    /// Pre-filled values (an offer's <c>field_values</c>): every key must be an input and every value
    /// must meet its schema; inputs the schema requires may be left for the customer.
    /// </summary>
    public IEnumerable<(string Key, string Problem)> CheckValues(IReadOnlyDictionary<string, JsonElement> values) =>
        Check(values, requireAll: false);

    /// <summary>A submitted configuration: as <see cref="CheckValues"/>, and every required input present.</summary>
    public IEnumerable<(string Key, string Problem)> CheckConfiguration(IReadOnlyDictionary<string, JsonElement> values) =>
        Check(values, requireAll: true);

    private List<(string Key, string Problem)> Check(IReadOnlyDictionary<string, JsonElement> values, bool requireAll)
    {
        var problems = new List<(string Key, string Problem)>();
        foreach (var key in values.Keys.Where(k => _inputs is not null && !_inputs.Contains(k)).Order(StringComparer.Ordinal))
        {
            problems.Add((key, "is not an input of this package version."));
        }

        var json = JsonSerializer.Serialize(values, EmulatorJsonContext.Default.IReadOnlyDictionaryStringJsonElement);
        foreach (var error in _schema.Validate(json).SelectMany(Flatten))
        {
            var key = TopKey(error);
            if (problems.Any(p => p.Key == key) || (!requireAll && error.Kind == ValidationErrorKind.PropertyRequired && !values.ContainsKey(key)))
            {
                continue;
            }

            problems.Add((key, $"does not meet the input schema: {error.Kind} at {error.Path}."));
        }

        return problems;
    }

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten)
            : [error];

    /// <summary>The top-level input an error is about: <c>#/size.unit</c> is about <c>size</c>.</summary>
    private static string TopKey(ValidationError error)
    {
        var path = error.Path ?? "";
        path = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        var end = path.IndexOfAny(['.', '[']);
        var key = end >= 0 ? path[..end] : path;
        return key.Length > 0 ? key : error.Property ?? "";
    }

    private static JsonNode? Inline(JsonNode? node, JsonObject root, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target):
                if (depth >= MaxRefDepth)
                {
                    throw new FormatException($"has '$ref' chains deeper than {MaxRefDepth} (a recursive schema), which the emulator does not support.");
                }

                var resolved = Inline(Pointer(root, target).DeepClone(), root, depth + 1);
                obj.Remove("$ref");
                if (obj.Count == 0)
                {
                    return resolved;
                }

                // Keywords beside a $ref apply too (2020-12): both must hold.
                var rest = Inline(obj, root, depth);
                return new JsonObject { ["allOf"] = new JsonArray(resolved, rest) };
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    obj[name] = Inline(obj[name]?.DeepClone(), root, depth);
                }

                return obj;
            case JsonArray array:
                var items = array.Select(item => Inline(item?.DeepClone(), root, depth)).ToList();
                array.Clear();
                foreach (var item in items)
                {
                    array.Add(item);
                }

                return array;
            default:
                return node;
        }
    }

    private static JsonNode Pointer(JsonObject root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new FormatException($"refers to '{reference}': only local references ('#/...') are supported by the emulator.");
        }

        JsonNode? current = root;
        foreach (var raw in Uri.UnescapeDataString(reference[1..]).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                throw new FormatException($"refers to '{reference}', which the schema does not hold.");
            }
        }

        return current!;
    }
}
