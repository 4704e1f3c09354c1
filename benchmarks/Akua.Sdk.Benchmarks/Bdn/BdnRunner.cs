using Akua.Sdk.Benchmarks.Runners;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Akua.Sdk.Benchmarks.Bdn;

/// <summary>
/// Runs <see cref="CallBenchmarks"/> with the in-process toolchain (no generated project to
/// restore against the partial package feed) and MemoryDiagnoser; extra arguments pass through
/// to BenchmarkDotNet (e.g. <c>--filter *Get_*</c>).
/// </summary>
internal static class BdnRunner
{
    public static void Run(string[] args, bool quick)
    {
        var job = (quick ? Job.ShortRun.WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
                         : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)))
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(quick ? "quick" : "inprocess");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddExporter(MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile)
            .WithArtifactsPath(Path.Combine(Report.RepoRoot(), "BenchmarkDotNet.Artifacts"));
        var filters = args.Length > 0 ? args : ["--filter", "*"];
        var summaries = BenchmarkSwitcher.FromTypes([typeof(CallBenchmarks)]).Run(filters, config).ToList();
        foreach (var summary in summaries)
        {
            var md = Directory.Exists(summary.ResultsDirectoryPath)
                ? Directory.GetFiles(summary.ResultsDirectoryPath, "*-report-github.md").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null;
            if (md is not null)
            {
                var text = File.ReadAllText(md);
                Report.Section(
                    "BenchmarkDotNet (MemoryDiagnoser, in-process toolchain)",
                    $"{(quick ? "ShortRun-like job (1 launch, 3 warm-up and 3 measured iterations of 100 ms; indicative only)." : "3 warm-up and 10 measured iterations of 250 ms each.")} CPU timings here are wall-clock and swing on the shared machine; the A/B section is the CPU verdict, `Allocated` is exact.\n\n" + text);
            }
        }
    }
}
