using Akua.Sdk.ContractTests.Infrastructure;

namespace Akua.Sdk.ContractTests.Static;

/// <summary>How a call picks its workspace and idempotency key.</summary>
public enum CallVariant
{
    /// <summary>No workspace header, SDK-generated idempotency keys.</summary>
    Plain,

    /// <summary>The client's default <c>WorkspaceContext</c>.</summary>
    ClientWorkspace,

    /// <summary>Per-call <c>AkuaRequestOptions</c> with a workspace and an idempotency key.</summary>
    PerCallOptions,
}

/// <summary>
/// Runs SDK calls against Prism (static mode, <c>--errors</c>) and fails when Prism logged a
/// validation violation for any request they sent.
/// </summary>
public abstract class StaticContractTestBase(StaticPrismFixture fixture)
{
    public const string Token = "sk_akua_contract_test_token";
    public const string Workspace = "ws_j572contract0001";

    protected PrismServer Prism => fixture.Server;

    public static TheoryData<CallVariant> Variants => new() { CallVariant.Plain, CallVariant.ClientWorkspace, CallVariant.PerCallOptions };

    protected AkuaClient CreateClient(CallVariant variant = CallVariant.Plain) =>
        new(new AkuaClientOptions
        {
            BaseAddress = Prism.SdkBaseAddress,
            Transport = Prism.Transport,
            ApiToken = Token,
            WorkspaceContext = variant == CallVariant.ClientWorkspace ? Workspace : null,
            ApplicationId = "akua-contract-tests/1.0",
            Timeout = TimeSpan.FromSeconds(15),
        });

    protected AkuaClient CreateAnonymousClient() =>
        new(new AkuaClientOptions { BaseAddress = Prism.SdkBaseAddress, Transport = Prism.Transport, AllowAnonymous = true, Timeout = TimeSpan.FromSeconds(15) });

    protected static AkuaRequestOptions? Options(CallVariant variant) =>
        variant == CallVariant.PerCallOptions
            ? new AkuaRequestOptions { WorkspaceContext = "ws_j572percall00002", IdempotencyKey = "contract-" + Guid.NewGuid().ToString("N") }
            : null;

    /// <summary>
    /// Runs <paramref name="calls"/>, then waits until Prism has logged everything about them and
    /// fails if Prism reported a request that breaks the document.
    /// </summary>
    protected async Task AgainstPrismAsync(Func<Task> calls)
    {
        var from = Prism.LogLines().Count;
        try
        {
            await calls();
        }
        catch (AkuaApiException ex)
        {
            var log = await Prism.FlushLogAsync(from);
            Assert.Fail($"Prism refused a request the SDK sent ({ex.GetType().Name}, {ex.StatusCode}): {ex.Message}\nBody: {ex.ResponseBody}\n\nPrism log for this test:\n{string.Join('\n', log)}");
        }

        var lines = await Prism.FlushLogAsync(from);
        var violations = PrismServer.Violations(lines);
        Assert.True(
            violations.Count == 0,
            "Prism reported requests the SDK sent as breaking openapi/akua-v1.yaml:\n" + string.Join('\n', violations)
            + "\n\nPrism log for this test:\n" + string.Join('\n', lines));
    }
}
