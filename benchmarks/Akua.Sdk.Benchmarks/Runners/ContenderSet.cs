using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>Every contender, each with its own HttpClient, all over one shared in-memory handler.</summary>
internal sealed class ContenderSet : IDisposable
{
    public const string Floor = "floor";
    private readonly List<IDisposable> _owned = [];

    public ContenderSet(CannedHandler? handler = null)
    {
        Handler = handler ?? new CannedHandler();
        var baseAddress = Inputs.InMemoryBase;
        var restSharp = new RestSharpContender(Handler, baseAddress);
        var di = new SdkDiContender(Handler, baseAddress);
        _owned.Add(restSharp);
        _owned.Add(di);
        All =
        [
            new FloorContender(Client(), baseAddress),
            SdkContender.Direct(Client(), baseAddress),
            di,
            new NSwagContender(Client(), baseAddress),
            restSharp,
            new NewtonsoftContender(Client(), baseAddress),
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
    }

    private HttpClient Client()
    {
        var client = new HttpClient(Handler, disposeHandler: false);
        _owned.Add(client);
        return client;
    }
}
