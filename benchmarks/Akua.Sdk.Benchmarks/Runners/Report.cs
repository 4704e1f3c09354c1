using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>
/// Collects the markdown every runner produces and writes it to docs/benchmarks-results.md, or
/// docs/benchmarks-results-{mode}.md for a single mode (the
/// figures docs/benchmarks.md quotes), so no number is typed by hand.
/// </summary>
internal static class Report
{
    private static readonly StringBuilder Markdown = new();
    private static readonly List<string> Verdicts = [];

    public static CultureInfo C => CultureInfo.InvariantCulture;

    public static void Section(string title, string body)
    {
        Markdown.Append("## ").AppendLine(title).AppendLine().AppendLine(body.TrimEnd()).AppendLine();
        Console.WriteLine();
        Console.WriteLine("## " + title);
        Console.WriteLine(body.TrimEnd());
    }

    public static void Verdict(string line)
    {
        Verdicts.Add(line);
        Console.WriteLine("VERDICT " + line);
    }

    public static string Table(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var sb = new StringBuilder();
        var h = header.ToArray();
        sb.Append("| ").AppendJoin(" | ", h).AppendLine(" |");
        sb.Append('|').AppendJoin("|", h.Select(_ => " --- ")).AppendLine("|");
        foreach (var row in rows)
        {
            sb.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return sb.ToString();
    }

    public static string F(double value, string format) => value.ToString(format, C);

    public static string Bytes(double value) => value.ToString("N0", C) + " B";

    public static void Write(string mode, TimeSpan elapsed)
    {
        var root = RepoRoot();
        // The whole suite (quick, all) writes benchmarks-results.md; a single mode its own file, so it replaces nothing else.
        var first = mode.Split(' ')[0];
        var path = Path.Combine(root, "docs", first is "quick" or "all" or "" ? "benchmarks-results.md" : $"benchmarks-results-{string.Join('-', mode.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)))}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var doc = new StringBuilder();
        doc.AppendLine("# Benchmark results (generated)").AppendLine();
        doc.AppendLine(CultureInfo.InvariantCulture, $"Written by `dotnet run -c Release --project benchmarks/Akua.Sdk.Benchmarks -- {mode}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC in {elapsed.TotalMinutes:F1} min. Do not edit: run it again. docs/benchmarks.md explains how to read it.");
        doc.AppendLine();
        doc.AppendLine("## Machine").AppendLine().AppendLine(Machine()).AppendLine();
        if (Verdicts.Count > 0)
        {
            doc.AppendLine("## Targets").AppendLine();
            foreach (var v in Verdicts)
            {
                doc.Append("- ").AppendLine(v);
            }

            doc.AppendLine();
        }

        doc.Append(Markdown);
        File.WriteAllText(path, doc.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        Console.WriteLine();
        Console.WriteLine("Wrote " + path);
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akua.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string Machine()
    {
        var sb = new StringBuilder();
        sb.AppendLine("```");
        foreach (var line in Run("lscpu").Split('\n'))
        {
            if (line.StartsWith("Architecture", StringComparison.Ordinal) || line.StartsWith("Model name", StringComparison.Ordinal)
                || line.StartsWith("CPU(s)", StringComparison.Ordinal) || line.StartsWith("Thread(s) per core", StringComparison.Ordinal)
                || line.StartsWith("Core(s) per socket", StringComparison.Ordinal) || line.StartsWith("CPU max MHz", StringComparison.Ordinal)
                || line.StartsWith("Hypervisor vendor", StringComparison.Ordinal) || line.StartsWith("L3 cache", StringComparison.Ordinal))
            {
                sb.AppendLine(line.TrimEnd());
            }
        }

        sb.AppendLine("```").AppendLine();
        sb.AppendLine("```");
        var info = Run("dotnet", "--info").Split('\n');
        foreach (var line in info.Take(12))
        {
            sb.AppendLine(line.TrimEnd());
        }

        sb.AppendLine("```").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Runtime {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs, {(GCSettings.IsServerGC ? "server" : "workstation")} GC (concurrent: {AppContext.TryGetSwitch("System.GC.Concurrent", out var concurrent) && concurrent}). Timer for CPU figures: {ThreadCpu.Kind}. The machine was shared with other builds while measuring.");
        return sb.ToString();
    }

    private static string Run(string file, string args = "")
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"({file} not available)";
        }
    }
}
