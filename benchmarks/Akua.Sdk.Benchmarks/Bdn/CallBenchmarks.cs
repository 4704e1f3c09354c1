using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Runners;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Akua.Sdk.Benchmarks.Bdn;

/// <summary>
/// BenchmarkDotNet view of the same calls (floor, the SDK both ways, NSwag, Refit, Kiota; all with
/// resilience): one category per operation, the floor is the baseline of each. Run through the in-process toolchain (see <see cref="BdnRunner"/>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallBenchmarks
{
    private ContenderSet _set = null!;
    private IContender _floor = null!, _sdk = null!, _sdkDi = null!, _nswag = null!, _refit = null!, _kiota = null!;

    [GlobalSetup]
    public void Setup()
    {
        _set = new ContenderSet();
        _floor = _set["floor"];
        _sdk = _set["sdk"];
        _sdkDi = _set["sdk-di"];
        _nswag = _set["nswag"];
        _refit = _set["refit"];
        _kiota = _set["kiota"];
    }

    [GlobalCleanup]
    public void Cleanup() => _set.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("get")] public Task Get_Floor() => _floor.GetOffer();
    [Benchmark, BenchmarkCategory("get")] public Task Get_Sdk() => _sdk.GetOffer();
    [Benchmark, BenchmarkCategory("get")] public Task Get_SdkDi() => _sdkDi.GetOffer();
    [Benchmark, BenchmarkCategory("get")] public Task Get_NSwag() => _nswag.GetOffer();
    [Benchmark, BenchmarkCategory("get")] public Task Get_Refit() => _refit.GetOffer();
    [Benchmark, BenchmarkCategory("get")] public Task Get_Kiota() => _kiota.GetOffer();

    [Benchmark(Baseline = true), BenchmarkCategory("create")] public Task Create_Floor() => _floor.CreateOffer();
    [Benchmark, BenchmarkCategory("create")] public Task Create_Sdk() => _sdk.CreateOffer();
    [Benchmark, BenchmarkCategory("create")] public Task Create_SdkDi() => _sdkDi.CreateOffer();
    [Benchmark, BenchmarkCategory("create")] public Task Create_NSwag() => _nswag.CreateOffer();
    [Benchmark, BenchmarkCategory("create")] public Task Create_Refit() => _refit.CreateOffer();
    [Benchmark, BenchmarkCategory("create")] public Task Create_Kiota() => _kiota.CreateOffer();

    [Benchmark(Baseline = true), BenchmarkCategory("update")] public Task Update_Floor() => _floor.UpdateProduct();
    [Benchmark, BenchmarkCategory("update")] public Task Update_Sdk() => _sdk.UpdateProduct();
    [Benchmark, BenchmarkCategory("update")] public Task Update_SdkDi() => _sdkDi.UpdateProduct();
    [Benchmark, BenchmarkCategory("update")] public Task Update_NSwag() => _nswag.UpdateProduct();
    [Benchmark, BenchmarkCategory("update")] public Task Update_Refit() => _refit.UpdateProduct();
    [Benchmark, BenchmarkCategory("update")] public Task Update_Kiota() => _kiota.UpdateProduct();

    [Benchmark(Baseline = true), BenchmarkCategory("list-page")] public Task ListPage_Floor() => _floor.ListPage();
    [Benchmark, BenchmarkCategory("list-page")] public Task ListPage_Sdk() => _sdk.ListPage();
    [Benchmark, BenchmarkCategory("list-page")] public Task ListPage_SdkDi() => _sdkDi.ListPage();
    [Benchmark, BenchmarkCategory("list-page")] public Task ListPage_NSwag() => _nswag.ListPage();
    [Benchmark, BenchmarkCategory("list-page")] public Task ListPage_Refit() => _refit.ListPage();
    [Benchmark, BenchmarkCategory("list-page")] public Task ListPage_Kiota() => _kiota.ListPage();

    [Benchmark(Baseline = true), BenchmarkCategory("list-10-pages")] public Task ListAll_Floor() => _floor.ListAll();
    [Benchmark, BenchmarkCategory("list-10-pages")] public Task ListAll_Sdk() => _sdk.ListAll();
    [Benchmark, BenchmarkCategory("list-10-pages")] public Task ListAll_SdkDi() => _sdkDi.ListAll();
    [Benchmark, BenchmarkCategory("list-10-pages")] public Task ListAll_NSwag() => _nswag.ListAll();
    [Benchmark, BenchmarkCategory("list-10-pages")] public Task ListAll_Refit() => _refit.ListAll();
    [Benchmark, BenchmarkCategory("list-10-pages")] public Task ListAll_Kiota() => _kiota.ListAll();
}
