using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;
using static Akua.Sdk.Benchmarks.Runners.Report;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>Settings of the in-process runners; quick mode shrinks them.</summary>
internal sealed record InProcessSettings(double WarmupSeconds, double BatchMilliseconds, int Rounds, int AllocationCalls)
{
    /// <summary>The operations to run (all by default; <c>ab --op list-page</c> runs one).</summary>
    public IReadOnlyList<string> Operations { get; init; } = Contenders.Operations.All;

    /// <summary>How many times longer a list operation's batches are: a page's garbage collections then average out within a batch.</summary>
    public const int ListBatchFactor = 8;

    public static readonly InProcessSettings Full = new(3, 20, 61, 400);
    public static readonly InProcessSettings Quick = new(1, 6, 41, 200);
}

/// <summary>One A/B comparison: the median of per-round ratios (candidate CPU / baseline CPU).</summary>
internal sealed record AbResult(string Operation, string Candidate, double BaselineNsPerCall, double CandidateNsPerCall, double MedianRatio, double Q1, double Q3, int Rounds);

/// <summary>
/// The in-process runners: allocated bytes per call for every contender (single-threaded loop,
/// GC.GetAllocatedBytesForCurrentThread), and the interleaved A/B CPU comparison against the floor.
/// </summary>
internal static class InProcessRunner
{
    private const double AaTolerance = 0.03;
    private const double CpuTarget = 1.10;
    private const double BytesTarget = 1.10;
    private static readonly string[] TargetOperations = [Operations.Get, Operations.Create, Operations.Update, Operations.ListPage];

    public static void Run(InProcessSettings settings)
    {
        // One dedicated thread: every call completes synchronously on it, so per-thread CPU and
        // allocation counters see the whole call.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                RunOnThread(settings);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, maxStackSize: 16 * 1024 * 1024) { Name = "ab-runner", IsBackground = true };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("The in-process runner failed.", failure);
        }
    }

    private static void RunOnThread(InProcessSettings settings)
    {
        using var set = new ContenderSet();
        Sync.Reset();
        var bytes = new Dictionary<(string Op, string Contender), double>();
        foreach (var op in settings.Operations)
        {
            foreach (var contender in set.All)
            {
                bytes[(op, contender.Name)] = AllocatedPerCall(Operations.Bind(contender, op), Math.Max(3, settings.AllocationCalls / Operations.Weight(op)));
            }
        }

        var floor = set[ContenderSet.Floor];
        var results = new List<AbResult>();
        foreach (var op in settings.Operations)
        {
            var baseline = Operations.Bind(floor, op);
            results.Add(Compare(op, "floor (A/A)", baseline, Operations.Bind(floor, op), settings));
            foreach (var contender in set.All.Where(c => c.Name != ContenderSet.Floor))
            {
                results.Add(Compare(op, contender.Name, baseline, Operations.Bind(contender, op), settings));
                Console.WriteLine($"  {op,-14} {contender.Name,-11} ratio {results[^1].MedianRatio:F3}");
            }
        }

        if (Sync.Asynchronous)
        {
            Console.WriteLine("WARNING: some call completed asynchronously; per-thread figures may miss work done elsewhere.");
        }

        Emit(results, bytes, settings);
    }

    /// <summary>Allocated bytes per call on this thread, after a warm-up.</summary>
    public static double AllocatedPerCall(Func<Task> call, int calls)
    {
        for (var i = 0; i < Math.Min(calls, 50); i++)
        {
            Sync.Run(call);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            Sync.Run(call);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }

    private static AbResult Compare(string op, string name, Func<Task> a, Func<Task> b, InProcessSettings settings)
    {
        // Warm-up: both sides, alternating, until the time is spent (tiered JIT settles).
        var warmEnd = DateTime.UtcNow.AddSeconds(settings.WarmupSeconds);
        long warmCalls = 0;
        var warmStart = ThreadCpu.NowNs();
        while (DateTime.UtcNow < warmEnd)
        {
            Sync.Run(a);
            Sync.Run(b);
            warmCalls++;
        }

        var perPair = (ThreadCpu.NowNs() - warmStart) / (double)Math.Max(1, warmCalls);
        var batchMs = settings.BatchMilliseconds * (op is Operations.ListPage or Operations.ListAll ? InProcessSettings.ListBatchFactor : 1);
        var batch = Math.Max(1, (int)(batchMs * 1e6 / Math.Max(1, perPair / 2)));

        var ratios = new double[settings.Rounds];
        double sumA = 0, sumB = 0;
        for (var round = 0; round < settings.Rounds; round++)
        {
            double ta, tb;
            if (round % 2 == 0)
            {
                ta = Batch(a, batch);
                tb = Batch(b, batch);
            }
            else
            {
                tb = Batch(b, batch);
                ta = Batch(a, batch);
            }

            ratios[round] = tb / ta;
            sumA += ta;
            sumB += tb;
        }

        var total = (double)settings.Rounds * batch;
        return new AbResult(op, name, sumA / total, sumB / total, Stats.Median(ratios), Stats.Quantile(ratios, 0.25), Stats.Quantile(ratios, 0.75), settings.Rounds);
    }

    private static double Batch(Func<Task> call, int count)
    {
        var start = ThreadCpu.NowNs();
        for (var i = 0; i < count; i++)
        {
            Sync.Run(call);
        }

        return ThreadCpu.NowNs() - start;
    }

    private static void Emit(List<AbResult> results, Dictionary<(string Op, string Contender), double> bytes, InProcessSettings settings)
    {
        var aa = results.Where(r => r.Candidate.StartsWith("floor", StringComparison.Ordinal)).ToList();
        var aaValid = aa.All(r => Math.Abs(r.MedianRatio - 1) <= AaTolerance);
        var header = new[] { "operation", "contender", "CPU per call", "CPU ratio to floor (median, IQR)", "allocated per call", "bytes ratio to floor" };
        var rows = new List<string[]>();
        foreach (var r in results)
        {
            var contender = r.Candidate.StartsWith("floor", StringComparison.Ordinal) ? ContenderSet.Floor : r.Candidate;
            var floorBytes = bytes[(r.Operation, ContenderSet.Floor)];
            var b = bytes[(r.Operation, contender)];
            rows.Add(
            [
                r.Operation,
                r.Candidate,
                Micro(r.CandidateNsPerCall),
                $"{F(r.MedianRatio, "F3")} ({F(r.Q1, "F2")}–{F(r.Q3, "F2")})",
                Bytes(b),
                F(b / floorBytes, "F3"),
            ]);
        }

        var intro = $"Interleaved A/B: floor and contender alternate in batches of ~{F(settings.BatchMilliseconds, "F0")} ms ({InProcessSettings.ListBatchFactor}x that for the list operations, whose garbage collections would otherwise land on one side of a round), order swapped every round, {settings.Rounds} rounds after {F(settings.WarmupSeconds, "F0")} s of warm-up per pair; the ratio is the median of per-round ratios of {ThreadCpu.Kind}. Bytes: GC.GetAllocatedBytesForCurrentThread over a single-threaded loop ({settings.AllocationCalls} calls; list operations fewer). `list-10-pages` is 10 calls of 100 offers. The `floor (A/A)` rows compare the floor with itself: the run is valid only if each is 1.00 ± {F(AaTolerance, "F2")}.\n\n";
        var control = aaValid
            ? $"\n**A/A control: valid** (ratios {string.Join(", ", aa.Select(r => $"{r.Operation} {F(r.MedianRatio, "F3")}"))})."
            : $"\n**A/A control: VOID** — an A/A ratio left 1.00 ± {F(AaTolerance, "F2")} ({string.Join(", ", aa.Select(r => $"{r.Operation} {F(r.MedianRatio, "F3")}"))}); the CPU ratios of this run are not conclusive (the allocation figures are exact either way).";
        Section("In-process A/B: CPU and allocations per call against the floor", intro + Table(header, rows) + control);

        if (!aaValid)
        {
            Verdict("A/B run VOID: the A/A control left 1.00 ± 0.03, so CPU verdicts below are not conclusive.");
        }

        foreach (var op in TargetOperations.Where(settings.Operations.Contains))
        {
            foreach (var name in new[] { ContenderSet.Sdk, ContenderSet.SdkDi })
            {
                var sdk = results.First(r => r.Operation == op && r.Candidate == name);
                var sdkBytes = bytes[(op, name)] / bytes[(op, ContenderSet.Floor)];
                var cpuOk = sdk.MedianRatio <= CpuTarget;
                var bytesOk = sdkBytes <= BytesTarget;
                Verdict($"{op}: {name} CPU {F(sdk.MedianRatio, "F3")}x floor (target ≤ {F(CpuTarget, "F2")}): {(cpuOk ? "holds" : "MISSED")}; bytes {F(sdkBytes, "F3")}x floor (target ≤ {F(BytesTarget, "F2")}): {(bytesOk ? "holds" : "MISSED")}.");
                foreach (var peer in ContenderSet.Peers)
                {
                    var p = results.First(r => r.Operation == op && r.Candidate == peer);
                    var pBytes = bytes[(op, peer)] / bytes[(op, ContenderSet.Floor)];
                    var ok = sdk.MedianRatio < p.MedianRatio && sdkBytes < pBytes;
                    Verdict($"{op}: {name} vs {peer}: CPU {F(sdk.MedianRatio, "F3")} vs {F(p.MedianRatio, "F3")}, bytes {F(sdkBytes, "F3")} vs {F(pBytes, "F3")} (ratios to floor): {(ok ? "ahead, holds" : "MISSED")}.");
                }
            }
        }
    }

    private static string Micro(double ns) => F(ns / 1000, "F2") + " µs";
}
