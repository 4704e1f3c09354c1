using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Akua.Sdk.CodeGen;

/// <summary>Loads an OpenAPI document (YAML or JSON) as a JSON tree and resolves its local references.</summary>
public sealed class OpenApiJson
{
    private OpenApiJson(JsonObject root) => Root = root;

    /// <summary>The document.</summary>
    public JsonObject Root { get; }

    /// <summary>Loads a <c>.yaml</c>/<c>.yml</c> or <c>.json</c> document.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The document.</returns>
    public static OpenApiJson Load(string path)
    {
        var text = File.ReadAllText(path);
        JsonNode? root;
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            root = JsonNode.Parse(text);
        }
        else
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            root = ToJson(yaml.Documents[0].RootNode);
        }

        return new OpenApiJson(root as JsonObject ?? throw new InvalidDataException($"{path} is not an object."));
    }

    /// <summary>Follows <c>$ref</c> (local references only) until a node without one.</summary>
    /// <param name="node">A node that may be a reference.</param>
    /// <returns>The node referred to.</returns>
    public JsonObject Resolve(JsonObject node)
    {
        var seen = 0;
        while (node["$ref"] is JsonValue reference)
        {
            node = Pointer(reference.GetValue<string>());
            if (++seen > 32)
            {
                throw new InvalidDataException("A $ref chain is too long or cyclic.");
            }
        }

        return node;
    }

    /// <summary>The node at a local JSON pointer such as <c>#/components/schemas/Offer</c>.</summary>
    /// <param name="reference">The pointer.</param>
    /// <returns>The node.</returns>
    public JsonObject Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Only local references are supported: {reference}");
        }

        JsonNode current = Root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var key = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current[key] ?? throw new InvalidDataException($"Unresolved reference {reference}");
        }

        return current as JsonObject ?? throw new InvalidDataException($"{reference} is not an object.");
    }

    /// <summary>The schema name of a <c>#/components/schemas/X</c> reference, or null.</summary>
    /// <param name="node">A schema node.</param>
    /// <returns>The name.</returns>
    public static string? SchemaReferenceName(JsonObject node) =>
        node["$ref"] is JsonValue value && value.GetValue<string>() is { } text && text.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? text["#/components/schemas/".Length..]
            : null;

    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[((YamlScalarNode)key).Value!] = ToJson(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new InvalidDataException($"Unsupported YAML node at {node.Start}.");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "null" or "~" or "":
                return null;
            case "true":
                return JsonValue.Create(true);
            case "false":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}
