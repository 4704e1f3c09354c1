using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>
/// Every contender, each with its own HttpClient (standard resilience handler), all over one shared
/// in-memory handler; the SDK as <c>new AkuaClient(options)</c> and as <c>AddAkuaSdk</c> over the same handler.
/// </summary>
internal sealed class ContenderSet : IDisposable
{
    public const string Floor = "floor";
    public const string Sdk = "sdk";
    public const string SdkDi = "sdk-di";

    /// <summary>The peers the targets compare with.</summary>
    public static readonly string[] Peers = ["nswag", "refit", "kiota"];

    private readonly ResilientClients _clients;
    private readonly List<IDisposable> _owned = [];

    public ContenderSet(CannedHandler? handler = null)
    {
        Handler = handler ?? new CannedHandler();
        var baseAddress = Inputs.InMemoryBase;
        _clients = new ResilientClients(_ => Handler, baseAddress, "floor", "nswag", "refit", "kiota", "restsharp", "newtonsoft");
        var restSharp = new RestSharpContender(_clients.Raw("restsharp"), baseAddress);
        var sdk = new AkuaClient(SdkContender.Options(baseAddress, Handler));
        _owned.Add(restSharp);
        _owned.Add(sdk);
        All =
        [
            new FloorContender(_clients.Raw("floor"), baseAddress),
            new SdkContender(sdk, Sdk),
            new SdkContender(_clients.Sdk, SdkDi),
            new NSwagContender(_clients.Raw("nswag"), baseAddress),
            new RefitContender(_clients.Raw("refit"), baseAddress),
            new KiotaContender(_clients.Raw("kiota"), baseAddress),
            restSharp,
            new NewtonsoftContender(_clients.Raw("newtonsoft"), baseAddress),
        ];
    }

    public CannedHandler Handler { get; }

    public IReadOnlyList<IContender> All { get; }

    public IContender this[string name] => All.First(c => c.Name == name);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _clients.Dispose();
    }
}
