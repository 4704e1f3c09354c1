using System.Collections.Concurrent;
using System.Text;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>One scenario's result, as written to the report.</summary>
public sealed record ScenarioRow(
    string Scenario,
    string Faults,
    long RequestsSent,
    int Duplicates,
    int DataLost,
    string Outcome,
    string Notes = "");

/// <summary>
/// Collects one row per scenario and, when the collection ends, writes
/// <c>artifacts/reliability/results.md</c> (and <c>docs/reliability.md</c> when AKUA_RELIABILITY_DOC=1).
/// </summary>
public sealed class ScenarioReport : IDisposable
{
    private readonly ConcurrentQueue<ScenarioRow> _rows = new();

    public void Record(ScenarioRow row) => _rows.Enqueue(row);

    public IReadOnlyList<ScenarioRow> Rows => [.. _rows];

    public static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akua.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | faults injected | requests sent (server count) | duplicates | data lost | outcome | notes |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- |");
        foreach (var row in _rows.OrderBy(r => r.Scenario, StringComparer.Ordinal))
        {
            sb.Append("| ").Append(Cell(row.Scenario))
              .Append(" | ").Append(Cell(row.Faults))
              .Append(" | ").Append(row.RequestsSent)
              .Append(" | ").Append(row.Duplicates)
              .Append(" | ").Append(row.DataLost)
              .Append(" | ").Append(Cell(row.Outcome))
              .Append(" | ").Append(Cell(row.Notes))
              .AppendLine(" |");
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    public void Dispose()
    {
        var root = FindRepoRoot();
        if (root is null || _rows.IsEmpty)
        {
            return;
        }

        var table = Table();
        var artifacts = Path.Combine(root, "artifacts", "reliability");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "results.md"), "# Akua.Sdk reliability results\n\n" + table);

        if (Environment.GetEnvironmentVariable("AKUA_RELIABILITY_DOC") == "1")
        {
            var doc = new StringBuilder()
                .AppendLine("# Reliability")
                .AppendLine()
                .AppendLine("`tests/Akua.Sdk.ReliabilityTests` drives the SDK through transport faults (a raw TCP server that")
                .AppendLine("refuses, resets, truncates, stalls or floods), the emulator's fault queue under 1,000 concurrent")
                .AppendLine("creates, load (1,000 concurrent calls on one client, auto-paging 10,000 offers) and hostile input")
                .AppendLine("(path and header injection, 5 MB strings, token leaks), and what a hostile or broken server gets")
                .AppendLine("(\"hostile server\" rows: stalled and trickling bodies with resilience on and off, Dispose() during a")
                .AppendLine("stalled body, gzip and brotli bombs, redirects to another server, Set-Cookie, bodies missing required")
                .AppendLine("properties, lying Content-Encoding, paging that never ends, control characters in request ids and")
                .AppendLine("error messages, circuit-breaker and connection messages, token providers, DI resolves). Each row is")
                .AppendLine("one scenario: what was injected, how many requests the server saw, duplicates and lost writes found,")
                .AppendLine("and the typed outcome the caller got.")
                .AppendLine()
                .AppendLine("Regenerate this page with `scripts/reliability.sh` (runs `AKUA_RELIABILITY_DOC=1 dotnet test")
                .AppendLine("tests/Akua.Sdk.ReliabilityTests -c Release`); every run also writes `artifacts/reliability/results.md`.")
                .AppendLine()
                .Append(table);
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "reliability.md"), doc.ToString());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ScenarioReport>
{
    public const string Name = "Reliability";
}
