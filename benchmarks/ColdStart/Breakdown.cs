using System.Diagnostics;
using System.Runtime;

/// <summary>
/// Where a cold start's time goes, phase by phase: wall time since the process started, methods the
/// JIT compiled and the time it spent, assemblies loaded. Off unless AKUA_COLDSTART_BREAKDOWN=1, so
/// the timed runs do not pay for it.
/// </summary>
internal sealed class Breakdown
{
    private readonly DateTime _processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly List<string> _lines = [];

    private Breakdown() => Mark("Main entered");

    public static Breakdown? Start() =>
        Environment.GetEnvironmentVariable("AKUA_COLDSTART_BREAKDOWN") == "1" ? new Breakdown() : null;

    public void Mark(string phase) =>
        _lines.Add(string.Join(
            '\t',
            phase,
            ((DateTime.UtcNow - _processStart).TotalMilliseconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
            JitInfo.GetCompiledMethodCount().ToString(System.Globalization.CultureInfo.InvariantCulture),
            JitInfo.GetCompilationTime().TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
            AppDomain.CurrentDomain.GetAssemblies().Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void Print()
    {
        Console.Error.WriteLine("phase\tms since process start\tJIT-compiled methods\tJIT time ms\tassemblies loaded");
        foreach (var line in _lines)
        {
            Console.Error.WriteLine(line);
        }
    }
}
