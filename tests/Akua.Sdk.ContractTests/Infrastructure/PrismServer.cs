using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Akua.Sdk.ContractTests.Infrastructure;

/// <summary>
/// One Prism mock server (<c>prism mock openapi/akua-v1.yaml</c>) on 127.0.0.1 and a free
/// ephemeral port, with its stdout and stderr captured line by line. Disposing kills the process tree.
/// </summary>
public sealed partial class PrismServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int MaxStartAttempts = 3;

    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly Lock _logLock = new();

    private PrismServer(Process process, int port, string arguments)
    {
        _process = process;
        Port = port;
        Arguments = arguments;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        SdkBaseAddress = new Uri($"http://127.0.0.1:{port}/v1/");
        Transport = new VersionSegmentHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    }

    /// <summary>The port Prism listens on.</summary>
    public int Port { get; }

    /// <summary>The command-line arguments Prism was started with.</summary>
    public string Arguments { get; }

    /// <summary>Where Prism serves the document's paths (at the root: no <c>/v1</c> segment).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The base address SDK clients use: with the version segment, which <see cref="Transport"/> removes.</summary>
    public Uri SdkBaseAddress { get; }

    /// <summary>
    /// The transport of SDK clients (<see cref="AkuaClientOptions.Transport"/>): the SDK's whole chain
    /// runs over it, and it sends <c>/v1/offers</c> to Prism's <c>/offers</c>.
    /// </summary>
    public HttpMessageHandler Transport { get; }

    /// <summary>
    /// Starts Prism with the given extra arguments (e.g. <c>--errors</c>, <c>--dynamic</c>) and waits
    /// until it answers HTTP. Retries on another port when the first one is taken in the meantime.
    /// </summary>
    public static async Task<PrismServer> StartAsync(IReadOnlyList<string> extraArguments)
    {
        var prism = await PrismTool.EnsureInstalledAsync().ConfigureAwait(false);
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            var port = FreeLoopbackPort();
            var arguments = new List<string> { "mock", PrismTool.DocumentPath, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            arguments.AddRange(extraArguments);
            var server = Launch(prism, arguments, port);
            if (await server.WaitUntilReadyAsync().ConfigureAwait(false))
            {
                return server;
            }

            failures.AppendLine($"Attempt {attempt} on port {port} failed. Prism output:").AppendLine(server.LogText());
            await server.DisposeAsync().ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Prism did not start after {MaxStartAttempts} attempts.\n{failures}");
    }

    /// <summary>
    /// An absolute URL on this server. Paths such as <c>offers:resolve</c> must not be resolved as
    /// relative URIs, where <c>offers:</c> would read as a scheme.
    /// </summary>
    public Uri Url(string relative) => new(BaseAddress.AbsoluteUri + relative, UriKind.Absolute);

    /// <summary>Every line Prism has written so far, stdout and stderr interleaved.</summary>
    public IReadOnlyList<string> LogLines()
    {
        lock (_logLock)
        {
            return [.. _log];
        }
    }

    /// <summary>The whole log as one string.</summary>
    public string LogText() => string.Join('\n', LogLines());

    /// <summary>
    /// Sends a request Prism logs but no SDK call ever makes, and waits until its log line shows
    /// up: everything Prism logged for earlier requests is then in <see cref="LogLines"/>.
    /// Returns the log lines from <paramref name="fromLine"/> up to the marker.
    /// </summary>
    public async Task<IReadOnlyList<string>> FlushLogAsync(int fromLine)
    {
        var marker = "__log_marker_" + Guid.NewGuid().ToString("N");
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            try
            {
                using var response = await http.GetAsync(Url(marker)).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // The marker's log line is what counts, not its answer.
            }
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var lines = LogLines();
            var index = IndexOf(lines, marker, fromLine);
            if (index >= 0)
            {
                return lines.Skip(fromLine).Take(index - fromLine).ToList();
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        throw new TimeoutException($"Prism never logged the marker request {marker}. Log:\n{LogText()}");
    }

    /// <summary>The log lines in which Prism reports that a request broke the document.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<string> lines) =>
        lines.Where(line =>
                !line.Contains("Violation: response", StringComparison.OrdinalIgnoreCase)
                && (line.Contains("Request did not pass the validation rules", StringComparison.Ordinal)
                    || line.Contains("Invalid security scheme", StringComparison.Ordinal)
                    || (line.Contains("[VALIDATOR]", StringComparison.Ordinal) && line.Contains("error", StringComparison.Ordinal))
                    || ViolationLine().IsMatch(line)))
            .ToList();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not ours to wait for any longer.
        }
        finally
        {
            _process.Dispose();
            Transport.Dispose();
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static PrismServer Launch(string prism, IReadOnlyList<string> arguments, int port)
    {
        var startInfo = new ProcessStartInfo(prism)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = PrismTool.OpenApiDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Plain text logs: no colour codes to strip.
        startInfo.Environment["FORCE_COLOR"] = "0";
        startInfo.Environment["NO_COLOR"] = "1";

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new PrismServer(process, port, string.Join(' ', arguments));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {prism}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.Add(line);
        }
    }

    private async Task<bool> WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                return false;
            }

            try
            {
                // offers.resolve needs no token, so any running Prism answers it with a status.
                using var response = await http.GetAsync(Url("offers:resolve?short_hash=ready")).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        return false;
    }

    private static int IndexOf(IReadOnlyList<string> lines, string text, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"\bViolation\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ViolationLine();
}

/// <summary>Sends a path under <c>/v1</c> to the same path at the root, where Prism serves the document.</summary>
public sealed class VersionSegmentHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            request.RequestUri = new UriBuilder(uri) { Path = uri.AbsolutePath[3..] }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
