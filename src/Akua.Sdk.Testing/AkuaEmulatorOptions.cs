using Microsoft.Extensions.Logging;

namespace Akua.Sdk.Testing;

/// <summary>Settings for an <see cref="AkuaEmulator"/>. Every property has a usable default.</summary>
public sealed class AkuaEmulatorOptions
{
    /// <summary>The token the emulator accepts for <see cref="DefaultWorkspaceId"/>. A fake, never a real Akua token.</summary>
    public string ApiToken { get; set; } = "sk_akua_test_emulator";

    /// <summary>The workspace <see cref="ApiToken"/> acts in when a request has no <c>akua-context</c> header.</summary>
    public string DefaultWorkspaceId { get; set; } = "ws_emulator";

    /// <summary>
    /// More workspaces <see cref="ApiToken"/> may act in by naming them in the <c>akua-context</c>
    /// header, like a token that spans several workspaces.
    /// </summary>
    public IList<string> AdditionalWorkspaceIds { get; } = new List<string>();

    /// <summary>
    /// More tokens, each bound to the one workspace it maps to (token to workspace id). Use them to
    /// test that one workspace cannot see another's resources.
    /// </summary>
    public IDictionary<string, string> AdditionalTokens { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The clock behind timestamps and offer expiry. Pass your own <see cref="System.TimeProvider"/>
    /// to move time forward in tests; <see cref="TimeProvider.System"/> by default.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long a long-running operation (a package's creation, an install) runs on
    /// <see cref="TimeProvider"/> before it settles: 200 ms by default, zero or more. With a fake
    /// clock, operations settle when the test advances it by this much.
    /// </summary>
    public TimeSpan OperationDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where the emulator's server logs go; null (the default) turns logging off.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The seller name offers show to customers.</summary>
    public string SellerName { get; set; } = "Emulator Seller";

    /// <summary>
    /// Whether the tokens act for a trusted partner, who may send the delivery pins
    /// <c>target_workspace_id</c>, <c>region_id</c> and <c>cluster_id</c> when creating an offer.
    /// False by default: like Akua's published document, the emulator then answers them with 422.
    /// </summary>
    public bool TrustedPartner { get; set; }

    /// <summary>
    /// The port to listen on at 127.0.0.1, from 1 to 65535; 0 (the default) picks a free ephemeral
    /// port, which is what tests should use.
    /// </summary>
    public int Port { get; set; }
}
