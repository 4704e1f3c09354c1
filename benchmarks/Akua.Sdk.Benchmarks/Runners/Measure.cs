using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>
/// CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux), so time the
/// thread spends descheduled by other processes on a shared machine is not counted. Falls back
/// to wall-clock time elsewhere.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static readonly bool IsThreadCpu = Probe();

    public static string Kind => IsThreadCpu ? "thread CPU time (CLOCK_THREAD_CPUTIME_ID)" : "wall-clock time (Stopwatch)";

    /// <summary>Nanoseconds of CPU this thread has used (or wall-clock nanoseconds in the fallback).</summary>
    public static long NowNs()
    {
        if (IsThreadCpu && NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var ts) == 0)
        {
            return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
        }

        return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return NativeMethods.clock_gettime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int clock_gettime(int clockId, out TimeSpec time);
}

/// <summary>Runs an operation synchronously on the current thread; every contender completes synchronously over the in-memory handler.</summary>
internal static class Sync
{
    public static void Run(Func<Task> operation)
    {
        var task = operation();
        if (!task.IsCompleted)
        {
            Asynchronous = true;
        }

        task.GetAwaiter().GetResult();
    }

    /// <summary>True if some call did not complete synchronously (then per-thread figures would miss work on other threads).</summary>
    public static bool Asynchronous { get; private set; }

    public static void Reset() => Asynchronous = false;
}

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var pos = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(pos);
        var hi = (int)Math.Ceiling(pos);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (pos - lo));
    }
}
