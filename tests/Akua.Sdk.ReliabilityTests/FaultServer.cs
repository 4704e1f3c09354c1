using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>What the script sees for one request: its 1-based number, the raw stream and socket.</summary>
public sealed record FaultRequest(int Number, string Head, NetworkStream Stream, Socket Socket, CancellationToken Lifetime);

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that answers each connection with one scripted reply and
/// closes it. It reads the request head and any Content-Length body first, counts requests, and
/// lives at most <see cref="MaxLifetime"/>.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(30);

    private readonly TcpListener _listener;
    private readonly Func<FaultRequest, Task> _script;
    private readonly CancellationTokenSource _cts = new(MaxLifetime);
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private int _requestCount;

    public FaultServer(Func<FaultRequest, Task> script)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/v1/");

    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>A port nothing listens on: taken from a listener that was started and stopped.</summary>
    public static int RefusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_cts.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_cts.Token).ConfigureAwait(false);
                lock (_connections)
                {
                    _connections.Add(Task.Run(() => ServeAsync(socket)));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
            readTimeout.CancelAfter(TimeSpan.FromSeconds(10));
            var head = await ReadRequestAsync(stream, readTimeout.Token).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            var number = Interlocked.Increment(ref _requestCount);
            await _script(new FaultRequest(number, head, stream, socket, _cts.Token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the lifetime ended.
        }
    }

    private static async Task<string?> ReadRequestAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer, filled)) < 0)
        {
            if (filled == buffer.Length)
            {
                return null;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
        var contentLength = 0L;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(line["content-length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var remaining = contentLength - (filled - (headEnd + 4));
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            remaining -= read;
        }

        return head;
    }

    private static int IndexOfHeadEnd(byte[] buffer, int length) => buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);

    // ------------------------------------------------------------- reply helpers

    public static Task Reply(FaultRequest r, int status, string? contentType, string body, params string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n")
            .Append("Connection: close\r\n");
        if (contentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\n");
        foreach (var h in headers)
        {
            head.Append(h).Append("\r\n");
        }

        head.Append("\r\n");
        return WriteAndCloseAsync(r, [.. Encoding.ASCII.GetBytes(head.ToString()), .. bytes]);
    }

    public static async Task WriteAndCloseAsync(FaultRequest r, byte[] bytes)
    {
        await r.Stream.WriteAsync(bytes, r.Lifetime).ConfigureAwait(false);
        await r.Stream.FlushAsync(r.Lifetime).ConfigureAwait(false);
        r.Socket.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Writes <paramref name="bytes"/>, then resets the connection (RST, no FIN).</summary>
    public static async Task WriteAndResetAsync(FaultRequest r, byte[] bytes)
    {
        await r.Stream.WriteAsync(bytes, r.Lifetime).ConfigureAwait(false);
        await r.Stream.FlushAsync(r.Lifetime).ConfigureAwait(false);
        await Task.Delay(50, r.Lifetime).ConfigureAwait(false);
        r.Socket.LingerState = new LingerOption(true, 0);
        r.Socket.Close();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAny(Task.WhenAll(connections), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _cts.Dispose();
    }
}
