using System.Reflection;

namespace Akua.Sdk.Tests.PublicApi;

/// <summary>
/// The public surface of each package must match its committed baseline under <c>api/</c>, so
/// every API change, breaking or not, is visible in review. After an intended change, run
/// <c>AKUA_UPDATE_API_BASELINE=1 dotnet test</c> and commit the updated file.
/// </summary>
public class PublicApiBaselineTests
{
    public static TheoryData<string> Packages => new() { "Akua.Sdk", "Akua.Sdk.Testing" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Public_surface_matches_the_committed_baseline(string assemblyName)
    {
        var actual = PublicApiListing.Describe(Assembly.Load(assemblyName));
        var baselinePath = Path.Combine(RepositoryRoot(), "api", assemblyName + ".txt");

        if (Environment.GetEnvironmentVariable("AKUA_UPDATE_API_BASELINE") == "1")
        {
            File.WriteAllText(baselinePath, actual);
        }

        Assert.True(File.Exists(baselinePath), $"No baseline at {baselinePath}; run AKUA_UPDATE_API_BASELINE=1 dotnet test to create it.");
        var expected = File.ReadAllText(baselinePath).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
            var actualLines = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
            var added = actualLines.Except(expectedLines).Select(l => "+ " + l);
            var removed = expectedLines.Except(actualLines).Select(l => "- " + l);
            Assert.Fail($"The public API of {assemblyName} changed. If intended, run AKUA_UPDATE_API_BASELINE=1 dotnet test and commit api/{assemblyName}.txt.\n" + string.Join("\n", removed.Concat(added)));
        }
    }

    [Fact]
    public void The_listing_sees_nullability_and_members()
    {
        var listing = PublicApiListing.Describe(typeof(AkuaClient).Assembly);

        Assert.Contains("  public System.String? ApiToken { get; set; }", listing, StringComparison.Ordinal);
        Assert.Contains("System.Threading.Tasks.Task<Akua.Sdk.Offer> GetAsync(System.String offerId, Akua.Sdk.AkuaRequestOptions? options = null, System.Threading.CancellationToken cancellationToken = ", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("AkuaPipeline", listing, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Akua.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (Akua.Sdk.sln) above " + AppContext.BaseDirectory);
    }
}
