using System.Text.Json.Nodes;

namespace Akua.Sdk.CodeGen;

/// <summary>The JSON type of a value.</summary>
public enum ValueKind
{
    /// <summary>Any JSON value.</summary>
    Any,

    /// <summary>A string.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>An array; see <see cref="ValueFact.Items"/>.</summary>
    Array,

    /// <summary>An object with named properties; see <see cref="ValueFact.Schema"/>.</summary>
    Object,

    /// <summary>An object used as a map; see <see cref="ValueFact.Values"/>.</summary>
    Map,
}

/// <summary>The rules one value must meet, as the document states them.</summary>
public sealed record ValueFact
{
    public ValueKind Kind { get; init; }

    public bool Nullable { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public string? Format { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public decimal? ExclusiveMinimum { get; init; }

    public decimal? ExclusiveMaximum { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public ValueFact? Items { get; init; }

    public ValueFact? Values { get; init; }

    /// <summary>The object schema, for <see cref="ValueKind.Object"/>.</summary>
    public SchemaFact? Schema { get; init; }

    /// <summary>The allowed values, when the document lists them.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>The component name of a named enumeration (its C# type).</summary>
    public string? EnumName { get; init; }

    /// <summary>The smallest whole number allowed, exclusive bounds made inclusive.</summary>
    public long? IntegerMinimum => Minimum is { } min ? (long)Math.Ceiling(min) : ExclusiveMinimum is { } ex ? (long)Math.Floor(ex) + 1 : null;

    /// <summary>The largest whole number allowed, exclusive bounds made inclusive.</summary>
    public long? IntegerMaximum => Maximum is { } max ? (long)Math.Floor(max) : ExclusiveMaximum is { } ex ? (long)Math.Ceiling(ex) - 1 : null;
}

/// <summary>One property of an object schema.</summary>
public sealed record PropertyFact(string Name, bool Required, ValueFact Value, JsonObject Node)
{
    /// <summary>The C# type the templates give it (<c>x-akua-clr-type</c>), if any.</summary>
    public string? ClrType => Node["x-akua-clr-type"]?.GetValue<string>();

    /// <summary>True for Unix-seconds timestamps (<c>x-akua-timestamp</c>).</summary>
    public bool IsTimestamp => Node["x-akua-timestamp"]?.GetValue<string>() == "unix-seconds";
}

/// <summary>An object schema: its properties and which are required.</summary>
public sealed class SchemaFact(string name, JsonObject node, bool isNamed)
{
    /// <summary>The component name, or a name made from where an inline schema sits.</summary>
    public string Name { get; } = name;

    /// <summary>True for a schema of <c>components/schemas</c>, which the models have a class for.</summary>
    public bool IsNamed { get; } = isNamed;

    public JsonObject Node { get; } = node;

    public List<PropertyFact> Properties { get; } = [];

    /// <summary>False when the schema says <c>additionalProperties: false</c>.</summary>
    public bool AllowsOtherProperties { get; set; } = true;

    /// <summary>Sets of properties of which at least one set must be present (<c>anyOf</c> of <c>required</c>).</summary>
    public List<IReadOnlyList<string>> AnyOfRequired { get; } = [];

    /// <summary>Properties that need others when present (<c>if: required [a]</c>, <c>then: required [b]</c>).</summary>
    public List<(string If, IReadOnlyList<string> Then)> Dependencies { get; } = [];

    /// <summary>Sets of properties that must not all be present together (<c>not: required [...]</c>).</summary>
    public List<IReadOnlyList<string>> NotAllOf { get; } = [];

    public bool IsInternal => Node["x-akua-internal"]?.GetValue<bool>() == true;

    /// <summary>True for a union of object shapes read as one object (see <see cref="ContractFacts.Value"/>).</summary>
    public bool IsUnion { get; init; }

    /// <summary>
    /// For a union whose variants each fix one value of a required string property (such as
    /// <c>type</c>): that property's name. Null for other schemas.
    /// </summary>
    public string? Discriminator { get; set; }

    /// <summary>The variants of a discriminated union by discriminator value, variants sharing a value read as one.</summary>
    public IReadOnlyDictionary<string, SchemaFact>? Kinds { get; set; }

    /// <summary>
    /// True for a discriminated union with a variant for every other discriminator value (its
    /// discriminator lists no values): values the union does not name still read.
    /// </summary>
    public bool IsOpen { get; set; }
}

/// <summary>One parameter of an operation.</summary>
public sealed record ParameterFact(string Name, string In, bool Required, ValueFact Value, string? SdkName = null);

/// <summary>One operation: what the SDK and the emulator need to know of it.</summary>
public sealed record OperationFact(
    string Id,
    string Method,
    string Path,
    IReadOnlyList<ParameterFact> Parameters,
    ValueFact? RequestBody,
    bool RequestBodyRequired,
    IReadOnlyList<string> Statuses,
    IReadOnlyDictionary<string, ValueFact?> Responses,
    IReadOnlyList<string> Tags,
    bool RequiresAuthentication)
{
    public IEnumerable<ParameterFact> In(string location) => Parameters.Where(p => p.In == location);

    public ParameterFact? Header(string name) => Parameters.FirstOrDefault(p => p.In == "header" && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Reads the facts of an OpenAPI document: its operations and the schemas they use.</summary>
public sealed class ContractFacts
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly OpenApiJson _document;
    private readonly Dictionary<string, SchemaFact> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<JsonObject, SchemaFact> _inline = new(ReferenceEqualityComparer.Instance);

    private ContractFacts(OpenApiJson document)
    {
        _document = document;
        foreach (var (path, item) in document.Root["paths"]!.AsObject())
        {
            var pathItem = (JsonObject)item!;
            var shared = pathItem["parameters"] as JsonArray;
            foreach (var method in Methods)
            {
                if (pathItem[method] is JsonObject operation)
                {
                    Operations.Add(ReadOperation(path, method, operation, shared));
                }
            }
        }
    }

    public List<OperationFact> Operations { get; } = [];

    /// <summary>Every named object schema reached from the operations, by component name.</summary>
    public IReadOnlyDictionary<string, SchemaFact> Schemas => _schemas;

    public static ContractFacts Load(string path) => new(OpenApiJson.Load(path));

    public OperationFact Operation(string id) => Operations.Single(o => o.Id == id);

    private OperationFact ReadOperation(string path, string method, JsonObject operation, JsonArray? shared)
    {
        var parameters = new List<ParameterFact>();
        foreach (var node in (shared ?? []).Concat(operation["parameters"] as JsonArray ?? []))
        {
            var parameter = _document.Resolve((JsonObject)node!);
            parameters.Add(new ParameterFact(
                parameter["name"]!.GetValue<string>(),
                parameter["in"]!.GetValue<string>(),
                parameter["required"]?.GetValue<bool>() == true,
                Value((JsonObject)parameter["schema"]!, "parameter"),
                parameter["x-akua-sdk-name"]?.GetValue<string>()));
        }

        ValueFact? body = null;
        var bodyRequired = false;
        if (operation["requestBody"] is JsonObject requestBody)
        {
            requestBody = _document.Resolve(requestBody);
            bodyRequired = requestBody["required"]?.GetValue<bool>() == true;
            if (requestBody["content"]?["application/json"]?["schema"] is JsonObject schema)
            {
                body = Value(schema, OperationTypeName(operation) + "Request");
            }
        }

        var statuses = new List<string>();
        var responses = new Dictionary<string, ValueFact?>(StringComparer.Ordinal);
        foreach (var (status, responseNode) in operation["responses"]!.AsObject())
        {
            statuses.Add(status);
            var response = _document.Resolve((JsonObject)responseNode!);
            responses[status] = response["content"]?["application/json"]?["schema"] is JsonObject schema
                ? Value(schema, OperationTypeName(operation) + "Response" + status)
                : null;
        }

        var tags = (operation["tags"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [];
        var security = operation["security"] as JsonArray ?? _document.Root["security"] as JsonArray;
        var requiresAuth = security is { Count: > 0 } && security.All(s => s is JsonObject { Count: > 0 });
        return new OperationFact(
            operation["operationId"]!.GetValue<string>(), method.ToUpperInvariant(), path.TrimStart('/'),
            parameters, body, bodyRequired, statuses, responses, tags, requiresAuth);
    }

    private static string OperationTypeName(JsonObject operation) =>
        string.Concat(operation["operationId"]!.GetValue<string>().Split('.').Select(Names.Pascal));

    /// <summary>The rules of a schema node, following references.</summary>
    public ValueFact Value(JsonObject node, string nameHint)
    {
        if (OpenApiJson.SchemaReferenceName(node) is { } name)
        {
            var target = _document.Resolve(node);
            if (IsObjectSchema(target))
            {
                return new ValueFact { Kind = ValueKind.Object, Nullable = TypeOf(target).Nullable, Schema = Named(name, target) };
            }

            var value = Value(target, name);
            return value.Enum is not null ? value with { EnumName = name } : value;
        }

        // Nullable forms: oneOf/anyOf of null and one schema; allOf of one schema.
        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (node[combinator] is JsonArray { Count: 2 } choices && !node.ContainsKey("properties"))
            {
                var nonNull = choices.Where(c => !IsNullSchema((JsonObject)c!)).ToList();
                if (nonNull.Count == 1)
                {
                    return Value((JsonObject)nonNull[0]!, nameHint) with { Nullable = true };
                }
            }
        }

        // allOf of one schema, beside entries that only annotate it (a description), is that schema.
        if (node["allOf"] is JsonArray allOf && !node.ContainsKey("properties")
            && allOf.Where(e => !IsAnnotationOnly((JsonObject)e!)).ToList() is [var single])
        {
            return Value((JsonObject)single!, nameHint);
        }

        // A union of object shapes (the published document's oneOf of closed objects) reads as one object:
        // every property of any variant, required only where every variant requires it. A null
        // variant beside them makes the union nullable.
        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (node[combinator] is JsonArray { Count: > 1 } variants && !node.ContainsKey("properties"))
            {
                var objects = variants.Where(v => !IsNullSchema((JsonObject)v!)).ToList();
                if (objects.Count > 1 && objects.All(v => v is JsonObject o && IsObjectSchema(_document.Resolve(o))))
                {
                    return new ValueFact
                    {
                        Kind = ValueKind.Object,
                        Nullable = objects.Count < variants.Count,
                        Schema = Union(nameHint, node, objects.Select(v => _document.Resolve((JsonObject)v!)).ToList()),
                    };
                }
            }
        }

        var (kind, nullable) = TypeOf(node);
        var fact = new ValueFact
        {
            Kind = kind,
            Nullable = nullable || node["nullable"]?.GetValue<bool>() == true,
            MinLength = Int(node, "minLength"),
            MaxLength = Int(node, "maxLength"),
            Pattern = node["pattern"]?.GetValue<string>(),
            Format = node["format"]?.GetValue<string>(),
            Minimum = Number(node, "minimum"),
            Maximum = Number(node, "maximum"),
            ExclusiveMinimum = Number(node, "exclusiveMinimum"),
            ExclusiveMaximum = Number(node, "exclusiveMaximum"),
            MinItems = Int(node, "minItems"),
            MaxItems = Int(node, "maxItems"),
            Enum = (node["enum"] as JsonArray)?.Where(e => e is not null).Select(e => e!.ToString()).ToList(),
        };

        return kind switch
        {
            ValueKind.Array => fact with { Items = node["items"] is JsonObject items ? Value(items, nameHint + "Item") : new ValueFact() },
            ValueKind.Object => fact with { Schema = Inline(nameHint, node) },
            ValueKind.Map => fact with { Values = node["additionalProperties"] is JsonObject values ? Value(values, nameHint + "Value") : new ValueFact() },
            _ => fact,
        };
    }

    private SchemaFact Named(string name, JsonObject node)
    {
        if (_schemas.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var schema = new SchemaFact(name, node, isNamed: true);
        _schemas[name] = schema;
        Fill(schema);
        return schema;
    }

    private SchemaFact Inline(string nameHint, JsonObject node)
    {
        if (_inline.TryGetValue(node, out var existing))
        {
            return existing;
        }

        var schema = new SchemaFact(nameHint, node, isNamed: false);
        _inline[node] = schema;
        Fill(schema);
        return schema;
    }

    private SchemaFact Union(string nameHint, JsonObject node, List<JsonObject> variants)
    {
        if (_inline.TryGetValue(node, out var existing))
        {
            return existing;
        }

        var union = new SchemaFact(nameHint, node, isNamed: false) { IsUnion = true };
        _inline[node] = union;
        var parts = variants.Select((v, i) => Inline(nameHint + "Variant" + i, v)).ToList();
        Merge(union, parts);

        // A discriminated union: every variant requires one string property and fixes its value,
        // except at most one variant that takes every other value (no listed values): an open union.
        union.Discriminator = parts[0].Properties
            .Where(p => p.Required && p.Value.Kind == ValueKind.String)
            .Select(p => p.Name)
            .FirstOrDefault(name => parts.All(part => part.Properties.Any(q => q.Name == name && q.Required && q.Value.Kind == ValueKind.String && q.Value.Enum is null or { Count: 1 }))
                && parts.Count(part => Discriminant(part, name) is null) <= 1
                && parts.Any(part => Discriminant(part, name) is not null));
        if (union.Discriminator is { } discriminator)
        {
            union.IsOpen = parts.Any(part => Discriminant(part, discriminator) is null);
            union.Kinds = parts.Where(part => Discriminant(part, discriminator) is not null)
                .GroupBy(part => Discriminant(part, discriminator)!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single() : Merge(new SchemaFact(nameHint + Names.Pascal(g.Key), node, isNamed: false) { IsUnion = true }, [.. g]), StringComparer.Ordinal);
            if (union.IsOpen)
            {
                // Any value reads, so the merged discriminator lists none.
                var index = union.Properties.FindIndex(p => p.Name == discriminator);
                union.Properties[index] = union.Properties[index] with { Value = union.Properties[index].Value with { Enum = null } };
            }
        }

        return union;
    }

    /// <summary>The one value a variant fixes for the discriminator, or null when it lists none.</summary>
    private static string? Discriminant(SchemaFact part, string discriminator) =>
        part.Properties.Single(p => p.Name == discriminator).Value.Enum is [var value] ? value : null;

    /// <summary>Reads variants as one object: every property of any, required only where all require it, values of enumerations pooled.</summary>
    private static SchemaFact Merge(SchemaFact target, IReadOnlyList<SchemaFact> parts)
    {
        foreach (var name in parts.SelectMany(p => p.Properties.Select(q => q.Name)).Distinct(StringComparer.Ordinal))
        {
            var facts = parts.Select(p => p.Properties.FirstOrDefault(q => q.Name == name)).ToList();
            var present = facts.OfType<PropertyFact>().ToList();
            var value = present[0].Value;
            var enums = present.Where(p => p.Value.Enum is not null).SelectMany(p => p.Value.Enum!).Distinct(StringComparer.Ordinal).ToList();
            if (enums.Count > 0)
            {
                value = value with { Enum = enums };
            }

            target.Properties.Add(new PropertyFact(name, facts.All(f => f?.Required == true), value, present[0].Node));
        }

        target.AllowsOtherProperties = parts.Any(p => p.AllowsOtherProperties);
        return target;
    }

    private void Fill(SchemaFact schema)
    {
        var node = schema.Node;
        var required = (node["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (propertyName, propertyNode) in properties)
            {
                var property = (JsonObject)propertyNode!;
                schema.Properties.Add(new PropertyFact(propertyName, required.Contains(propertyName), Value(property, schema.Name + Names.Pascal(propertyName)), property));
            }
        }

        schema.AllowsOtherProperties = node["additionalProperties"] is not JsonValue value || value.GetValue<bool>();
        if (node["anyOf"] is JsonArray anyOf && anyOf.All(a => a is JsonObject o && o.Count == 1 && o["required"] is JsonArray))
        {
            foreach (var option in anyOf)
            {
                schema.AnyOfRequired.Add(Strings(option!["required"]));
            }
        }

        if (node["if"]?["required"] is JsonArray condition && condition.Count == 1 && node["then"]?["required"] is JsonArray consequence)
        {
            schema.Dependencies.Add((condition[0]!.GetValue<string>(), Strings(consequence)));
        }

        if (node["not"] is JsonObject { Count: 1 } not && not["required"] is JsonArray together)
        {
            schema.NotAllOf.Add(Strings(together));
        }
    }

    private static List<string> Strings(JsonNode? array) => ((JsonArray)array!).Select(r => r!.GetValue<string>()).ToList();


    private static bool IsObjectSchema(JsonObject node) =>
        node.ContainsKey("properties") || (TypeOf(node).Kind == ValueKind.Object && node["additionalProperties"] is not JsonObject);

    private static bool IsAnnotationOnly(JsonObject node) =>
        node.All(p => p.Key is "description" or "title" or "example" or "examples" or "deprecated");

    private static bool IsNullSchema(JsonObject node) =>
        node["type"] is JsonValue type && type.GetValue<string>() == "null";

    private static (ValueKind Kind, bool Nullable) TypeOf(JsonObject node)
    {
        var names = node["type"] switch
        {
            JsonValue single => [single.GetValue<string>()],
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            _ => new List<string>(),
        };
        var nullable = names.Remove("null");
        var kind = names.Count == 1 ? names[0] switch
        {
            "string" => ValueKind.String,
            "integer" => ValueKind.Integer,
            "number" => ValueKind.Number,
            "boolean" => ValueKind.Boolean,
            "array" => ValueKind.Array,
            "object" => node["additionalProperties"] is JsonObject && !node.ContainsKey("properties") ? ValueKind.Map : ValueKind.Object,
            _ => ValueKind.Any,
        }
        : node.ContainsKey("properties") ? ValueKind.Object : ValueKind.Any;
        return (kind, nullable);
    }

    private static int? Int(JsonObject node, string name) => Number(node, name) is { } value ? (int)value : null;

    private static decimal? Number(JsonObject node, string name)
    {
        if (node[name] is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var integer))
        {
            return integer;
        }

        if (value.TryGetValue<decimal>(out var number))
        {
            return number;
        }

        return value.TryGetValue<double>(out var real) ? (decimal)real : null;
    }
}

/// <summary>The naming rules shared with the NSwag templates.</summary>
public static class Names
{
    /// <summary><c>short_hash</c> becomes <c>ShortHash</c>, <c>orderDrafts</c> becomes <c>OrderDrafts</c>.</summary>
    public static string Pascal(string wireName) =>
        string.Concat(wireName.Split('_', '-', ' ').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary><c>product_id</c> becomes <c>productId</c>.</summary>
    public static string Camel(string wireName)
    {
        var pascal = Pascal(wireName);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }
}
