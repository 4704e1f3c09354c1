using System.Text.Json;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>Serves one operation; it runs under the store's lock, after every shared convention.</summary>
internal delegate Reply RouteHandler(EmulatorRequest request);

/// <summary>A check of a body beyond what the generated rules state, adding its problems to the others.</summary>
internal delegate void BodyCheck(JsonElement body, SchemaValidator problems);

/// <summary>Work a route does before its handler, outside the store's lock (a long poll).</summary>
internal delegate Task RoutePreparation(EmulatorRequest request);

/// <summary>One operation of the document and the code that serves it.</summary>
internal sealed class EmulatorRoute
{
    private readonly Segment[] _segments;

    public EmulatorRoute(AkuaOperationInfo operation, RouteHandler handler, BodyCheck? checkBody = null)
    {
        Operation = operation;
        Handler = handler;
        CheckBody = checkBody;
        _segments = [.. operation.PathTemplate.Split('/').Select(Segment.Parse)];
    }

    public AkuaOperationInfo Operation { get; }

    public RouteHandler Handler { get; }

    public BodyCheck? CheckBody { get; }

    /// <summary>Runs after the shared conventions and before <see cref="Handler"/>, without the lock held.</summary>
    public RoutePreparation? Prepare { get; init; }

    /// <summary>Matches a path's raw (still escaped) segments against the template, decoding the parameters it holds.</summary>
    public bool TryMatch(string[] rawSegments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rawSegments.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < rawSegments.Length; i++)
        {
            if (!_segments[i].TryMatch(rawSegments[i], values))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A template segment: literal (<c>offers:resolve</c>) or a parameter between a literal prefix
    /// and suffix (<c>{id}:archive</c>).
    /// </summary>
    private sealed record Segment(string Prefix, string? Parameter, string Suffix)
    {
        public static Segment Parse(string template)
        {
            var open = template.IndexOf('{', StringComparison.Ordinal);
            if (open < 0)
            {
                return new Segment(template, null, "");
            }

            var close = template.IndexOf('}', open);
            return new Segment(template[..open], template[(open + 1)..close], template[(close + 1)..]);
        }

        public bool TryMatch(string raw, Dictionary<string, string> values)
        {
            if (Parameter is null)
            {
                return raw == Prefix;
            }

            if (raw.Length <= Prefix.Length + Suffix.Length || !raw.StartsWith(Prefix, StringComparison.Ordinal) || !raw.EndsWith(Suffix, StringComparison.Ordinal))
            {
                return false;
            }

            // A raw colon ends an id and starts a custom method (":archive"); a colon inside an id is sent escaped.
            var value = raw[Prefix.Length..^Suffix.Length];
            if (value.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }

            values[Parameter] = Uri.UnescapeDataString(value);
            return true;
        }
    }
}

/// <summary>Finds the route of a request by the method and path templates of the document's operations.</summary>
internal sealed class RouteTable
{
    private readonly EmulatorRoute[] _routes;

    public RouteTable(IEnumerable<EmulatorRoute> routes)
    {
        _routes = [.. routes];
        ByOperationId = _routes.ToDictionary(r => r.Operation.OperationId, StringComparer.Ordinal);
    }

    /// <summary>Every route, by the id of the operation it serves.</summary>
    public IReadOnlyDictionary<string, EmulatorRoute> ByOperationId { get; }

    /// <summary>
    /// The route for a method and the raw segments of a path below <c>/v1/</c>; null with the
    /// methods the path allows (405) when only the method is wrong, or with none (404).
    /// </summary>
    public EmulatorRoute? Match(string method, string[] rawSegments, out Dictionary<string, string> values, out string? allow)
    {
        List<string>? methods = null;
        foreach (var route in _routes)
        {
            if (!route.TryMatch(rawSegments, out var matched))
            {
                continue;
            }

            if (string.Equals(route.Operation.Method.Method, method, StringComparison.Ordinal))
            {
                values = matched;
                allow = null;
                return route;
            }

            (methods ??= []).Add(route.Operation.Method.Method);
        }

        values = [];
        allow = methods is null ? null : string.Join(", ", methods.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return null;
    }
}
