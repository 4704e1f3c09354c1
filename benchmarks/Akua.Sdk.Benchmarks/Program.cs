using System.Diagnostics;
using Akua.Sdk.Benchmarks.Bdn;
using Akua.Sdk.Benchmarks.Runners;

// dotnet run -c Release --project benchmarks/Akua.Sdk.Benchmarks -- <mode> [BenchmarkDotNet arguments]
//   bdn       BenchmarkDotNet with MemoryDiagnoser over every contender (extra arguments pass through, e.g. --filter *Get_*)
//   ab        allocated bytes per call + interleaved A/B CPU ratios against the floor, and the 100,000-offer memory check
//             (--op list-page: that operation's A/B only)
//   pieces    allocated bytes of each piece of a call (where the cost goes)
//   memory    only the 100,000-offer memory check
//   loopback  Kestrel on 127.0.0.1, 32 and 256 concurrent callers, SDK (AddAkuaSdk) vs raw HttpClient + standard resilience
//   readahead 10,000 offers over loopback with 5 ms per page, ListAsync with and without ReadAhead
//   quick     everything reduced (under 5 minutes); --quick shortens a single mode the same way; --no-bdn skips BenchmarkDotNet
//   all       everything at full length (--quick: BenchmarkDotNet's short job only)
// Each run writes docs/benchmarks-results.md.
var mode = args.Length > 0 ? args[0] : "quick";
var quickFlag = args.Contains("--quick");
var rest = args.Skip(1).Where(a => a != "--quick").ToArray();
var only = args.SkipWhile(a => a != "--op").Skip(1).Take(1).ToArray();
if (mode == "server")
{
    await LoopbackRunner.ServeAsync().ConfigureAwait(false);
    return 0;
}

string[] modes = ["bdn", "ab", "pieces", "memory", "loopback", "readahead", "quick", "all"];
if (!modes.Contains(mode))
{
    Console.Error.WriteLine($"Usage: dotnet run -c Release --project benchmarks/Akua.Sdk.Benchmarks -- {string.Join('|', modes)} [BenchmarkDotNet arguments]");
    return 2;
}

var watch = Stopwatch.StartNew();
try
{
    switch (mode)
    {
        case "bdn":
            BdnRunner.Run(rest, quick: quickFlag);
            break;
        case "ab":
            if (only.Length > 0)
            {
                // One operation's A/B only (e.g. to repeat one whose control was void).
                InProcessRunner.Run((quickFlag ? InProcessSettings.Quick : InProcessSettings.Full) with { Operations = only });
                break;
            }

            InProcessRunner.Run(quickFlag ? InProcessSettings.Quick : InProcessSettings.Full);
            PiecesRunner.Run();
            await MemoryBoundRunner.RunAsync().ConfigureAwait(false);
            break;
        case "pieces":
            PiecesRunner.Run();
            break;
        case "memory":
            await MemoryBoundRunner.RunAsync().ConfigureAwait(false);
            break;
        case "loopback":
            await LoopbackRunner.RunAsync(quickFlag ? LoopbackSettings.Quick : LoopbackSettings.Full).ConfigureAwait(false);
            break;
        case "readahead":
            await ReadAheadRunner.RunAsync(quickFlag).ConfigureAwait(false);
            break;
        case "quick":
            InProcessRunner.Run(InProcessSettings.Quick);
            PiecesRunner.Run();
            await MemoryBoundRunner.RunAsync().ConfigureAwait(false);
            await LoopbackRunner.RunAsync(LoopbackSettings.Quick).ConfigureAwait(false);
            await ReadAheadRunner.RunAsync(quick: true).ConfigureAwait(false);
            if (!args.Contains("--no-bdn"))
            {
                BdnRunner.Run(rest.Where(a => a != "--no-bdn").ToArray(), quick: true);
            }

            break;
        case "all":
            InProcessRunner.Run(InProcessSettings.Full);
            PiecesRunner.Run();
            await MemoryBoundRunner.RunAsync().ConfigureAwait(false);
            await LoopbackRunner.RunAsync(LoopbackSettings.Full).ConfigureAwait(false);
            await ReadAheadRunner.RunAsync(quick: false).ConfigureAwait(false);
            BdnRunner.Run(rest, quick: quickFlag);
            break;
    }
}
finally
{
    // Whatever ran is written, even when a later runner fails.
    Report.Write(string.Join(' ', args), watch.Elapsed);
}

return 0;
