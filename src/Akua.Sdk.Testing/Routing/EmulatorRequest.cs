using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Akua.Sdk.Contract;
using Microsoft.AspNetCore.Http;

namespace Akua.Sdk.Testing;

/// <summary>One request on its way through the shared conventions to its route's handler.</summary>
internal sealed class EmulatorRequest(HttpContext http, EmulatorRoute route, IReadOnlyDictionary<string, string> pathValues)
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public HttpContext Http { get; } = http;

    public EmulatorRoute Route { get; } = route;

    public AkuaOperationInfo Operation => Route.Operation;

    /// <summary>The caller; null for an anonymous call of an operation that needs no token.</summary>
    public Caller? Caller { get; set; }

    /// <summary>The workspace acted in (<c>akua-context</c> or the token's own); null for operations without that header.</summary>
    public string? Workspace { get; set; }

    /// <summary>The body, checked against the operation's schema; <c>{}</c> when there is none.</summary>
    public JsonElement Body { get; set; } = EmptyObject;

    /// <summary>A path parameter, percent-decoded.</summary>
    public string Path(AkuaValueRule rule) => pathValues.GetValueOrDefault(rule.Name)!;

    public string? Query(AkuaValueRule rule) =>
        Http.Request.Query.TryGetValue(rule.Name, out var value) ? value.ToString() : null;

    /// <summary>An integer query parameter that has passed its rule; null when absent.</summary>
    public long? QueryInteger(AkuaValueRule rule) =>
        Query(rule) is { } text && SchemaValidator.TryParseInteger(text, out var integer) ? integer : null;

    public string? Header(AkuaValueRule rule) =>
        Http.Request.Headers.TryGetValue(rule.Name, out var value) ? value.ToString() : null;

    /// <summary>
    /// The convention of every <c>if-match</c> write: the record must exist (else 404) and the etag
    /// sent must be its current one (else 409 with <c>current_etag</c>).
    /// </summary>
    public bool Guard<T>(T? record, string kind, string id, [NotNullWhen(true)] out T? found, out Reply refused)
        where T : class, IStoredRecord
    {
        found = record;
        refused = record is null ? Replies.NotFound(kind, id)
            : !IfMatches(record.Etag) ? Replies.Stale(record.Etag)
            : default;
        return refused.Body is null;
    }

    /// <summary>Whether the <c>if-match</c> sent names <paramref name="etag"/> (quoted or weak forms too).</summary>
    private bool IfMatches(string etag)
    {
        var sent = (Operation.IfMatch is { } rule ? Header(rule) : null)?.Trim() ?? "";
        if (sent.StartsWith("W/", StringComparison.Ordinal))
        {
            sent = sent[2..];
        }

        return string.Equals(sent.Trim('"'), etag, StringComparison.Ordinal);
    }

    /// <summary>A problem with the request found by its handler, answered like the document's own rules.</summary>
    public Reply Invalid(string[] path, string message) =>
        Replies.Error(Replies.InvalidStatus(Operation), ErrorCodes.Validation, message, path);
}
