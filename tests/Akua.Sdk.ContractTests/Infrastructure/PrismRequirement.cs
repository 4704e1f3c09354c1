namespace Akua.Sdk.ContractTests.Infrastructure;

/// <summary>
/// What the contract tests need beside the .NET SDK: Node and npm, for Prism. Without them every
/// Prism test is skipped, naming the requirement, and exactly one test fails:
/// <see cref="PrismRequirementTests.Node_and_npm_are_installed_for_prism"/>.
/// </summary>
internal static class PrismRequirement
{
    /// <summary>Why the Prism tests cannot run here, or null when they can.</summary>
    public static string? Problem { get; } = Find();

    private static string? Find()
    {
        var prismInstalled = File.Exists(Path.Combine(PrismTool.OpenApiDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism"));
        if (!OnPath("node"))
        {
            return "The contract tests need Node.js 20+ on PATH (Prism, pinned in openapi/package.json, runs on it); `node` was not found.";
        }

        return !prismInstalled && !OnPath("npm")
            ? "The contract tests need npm on PATH to install Prism (`npm ci` in openapi/); `npm` was not found."
            : null;
    }

    private static bool OnPath(string command)
    {
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command + ".cmd" } : [command];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => names.Any(name => File.Exists(Path.Combine(directory, name))));
    }
}

/// <summary>A contract test that runs Prism; skipped, naming the requirement, where Node or npm is missing.</summary>
public sealed class PrismFactAttribute : FactAttribute
{
    public PrismFactAttribute()
    {
        if (PrismRequirement.Problem is { } problem)
        {
            Skip = problem;
        }
    }
}

/// <summary>A contract theory that runs Prism; skipped, naming the requirement, where Node or npm is missing.</summary>
public sealed class PrismTheoryAttribute : TheoryAttribute
{
    public PrismTheoryAttribute()
    {
        if (PrismRequirement.Problem is { } problem)
        {
            Skip = problem;
        }
    }
}

/// <summary>The one test that fails when the contract tests cannot run, saying what to install.</summary>
public sealed class PrismRequirementTests
{
    [Fact]
    public void Node_and_npm_are_installed_for_prism() =>
        Assert.True(PrismRequirement.Problem is null, PrismRequirement.Problem);
}
