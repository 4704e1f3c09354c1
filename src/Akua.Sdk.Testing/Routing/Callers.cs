using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Akua.Sdk.Testing;

/// <summary>
/// Who sent a request: a workspace token (the seller's API token, acting in <see cref="Workspaces"/>)
/// or a signed-in customer (<see cref="CustomerEmail"/>), who can only resolve offers.
/// </summary>
internal sealed record Caller(string? DefaultWorkspaceId, IReadOnlySet<string> Workspaces, string? CustomerEmail)
{
    public bool IsCustomer => CustomerEmail is not null;
}

/// <summary>The bearer tokens the emulator accepts. Thread-safe: customers are added while it serves.</summary>
internal sealed class Callers
{
    private const string Scheme = "Bearer ";

    private static readonly IReadOnlySet<string> NoWorkspaces = new HashSet<string>();

    private readonly ConcurrentDictionary<string, Caller> _tokens = new(StringComparer.Ordinal);

    public Callers(AkuaEmulatorOptions options)
    {
        foreach (var (token, workspace) in options.AdditionalTokens)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(token, nameof(options));
            ArgumentException.ThrowIfNullOrWhiteSpace(workspace, nameof(options));
            _tokens[token] = new Caller(workspace, new HashSet<string>(StringComparer.Ordinal) { workspace }, null);
        }

        var main = new HashSet<string>(StringComparer.Ordinal) { options.DefaultWorkspaceId };
        main.UnionWith(options.AdditionalWorkspaceIds);
        _tokens[options.ApiToken] = new Caller(options.DefaultWorkspaceId, main, null);
    }

    /// <summary>Issues a new token for a signed-in customer with this (verified) email.</summary>
    public string AddCustomer(string email)
    {
        var token = "akua_test_customer_" + EmulatorStore.RandomLowerAlnum(24);
        _tokens[token] = new Caller(null, NoWorkspaces, email);
        return token;
    }

    /// <summary>The caller of a request; null when it sent no <c>Authorization</c> header or an unknown token.</summary>
    public Caller? Find(HttpContext context, out bool sentToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        sentToken = header.Length > 0;
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && _tokens.TryGetValue(header[Scheme.Length..].Trim(), out var caller)
            ? caller
            : null;
    }
}
