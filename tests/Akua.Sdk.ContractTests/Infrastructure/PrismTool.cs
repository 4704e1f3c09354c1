using System.Diagnostics;

namespace Akua.Sdk.ContractTests.Infrastructure;

/// <summary>Finds the repository, our OpenAPI document and the npm-pinned Prism, installing it once if needed.</summary>
internal static class PrismTool
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    /// <summary>The directory holding Akua.Sdk.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The <c>openapi/</c> directory.</summary>
    public static string OpenApiDirectory => Path.Combine(RepositoryRoot, "openapi");

    /// <summary>Our OpenAPI document, <c>openapi/akua-v1.yaml</c>.</summary>
    public static string DocumentPath => Path.Combine(OpenApiDirectory, "akua-v1.yaml");

    private static string PrismPath => Path.Combine(OpenApiDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

    /// <summary>Returns the Prism executable, running <c>npm ci</c> in <c>openapi/</c> first (once) when it is missing.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_installed || File.Exists(PrismPath))
            {
                _installed = true;
                return PrismPath;
            }

            var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = OpenApiDirectory,
            };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var npm = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start npm; the contract tests need Node and npm.");
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await npm.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            if (npm.ExitCode != 0 || !File.Exists(PrismPath))
            {
                throw new InvalidOperationException(
                    $"`npm ci` in {OpenApiDirectory} exited with {npm.ExitCode} and {PrismPath} is {(File.Exists(PrismPath) ? "present" : "missing")}.\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
            }

            _installed = true;
            return PrismPath;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Akua.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} contains Akua.Sdk.sln.");
    }
}
