using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>What the script sees for one request: its 1-based number, head and body, the raw stream and socket.</summary>
public sealed record FaultRequest(int Number, string Head, byte[] Body, NetworkStream Stream, Socket Socket, CancellationToken Lifetime)
{
    /// <summary>The request target, e.g. <c>/v1/offers?cursor=B</c>.</summary>
    public string Target => Head.Split(' ', 3)[1];

    /// <summary>The value of a request header, or null.</summary>
    public string? Header(string name)
    {
        foreach (var line in Head.Split("\r\n"))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }
}

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
    private readonly ConcurrentQueue<FaultRequest> _requests = new();
    private int _requestCount;
    private int _connectionCount;

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

    /// <summary>Connections accepted, whether or not a request arrived on them.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Every request received, in order of arrival.</summary>
    public IReadOnlyList<FaultRequest> Requests => [.. _requests];

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
                Interlocked.Increment(ref _connectionCount);
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
            if (await ReadRequestAsync(stream, readTimeout.Token).ConfigureAwait(false) is not { } received)
            {
                return;
            }

            var request = new FaultRequest(Interlocked.Increment(ref _requestCount), received.Head, received.Body, stream, socket, _cts.Token);
            _requests.Enqueue(request);
            await _script(request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the lifetime ended.
        }
    }

    private static async Task<(string Head, byte[] Body)?> ReadRequestAsync(NetworkStream stream, CancellationToken ct)
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

        // Requests in these tests are small: the body is kept whole, to show what reached the server.
        var body = new MemoryStream();
        body.Write(buffer, headEnd + 4, filled - (headEnd + 4));
        var remaining = contentLength - body.Length;
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            body.Write(buffer, 0, read);
            remaining -= read;
        }

        return (head, body.ToArray());
    }

    private static int IndexOfHeadEnd(byte[] buffer, int length) => buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);

    // ------------------------------------------------------------- reply helpers

    public static Task Reply(FaultRequest r, int status, string? contentType, string body, params string[] headers) =>
        Reply(r, status, contentType, Encoding.UTF8.GetBytes(body), headers);

    public static Task Reply(FaultRequest r, int status, string? contentType, byte[] body, params string[] headers)
    {
        string[] contentHeaders = contentType is null ? [] : [$"Content-Type: {contentType}"];
        return WriteAndCloseAsync(r, [.. Head(status, [.. contentHeaders, $"Content-Length: {body.Length}", .. headers]), .. body]);
    }

    /// <summary>Writes a status line and headers (a Content-Length or Transfer-Encoding among them when a body follows).</summary>
    public static async Task WriteHeadAsync(FaultRequest r, int status, params string[] headers)
    {
        await r.Stream.WriteAsync(Head(status, headers), r.Lifetime).ConfigureAwait(false);
        await r.Stream.FlushAsync(r.Lifetime).ConfigureAwait(false);
    }

    private static byte[] Head(int status, string[] headers)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n")
            .Append("Connection: close\r\n");
        foreach (var h in headers)
        {
            head.Append(h).Append("\r\n");
        }

        // Latin-1, so a test can put any byte into a header value.
        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }

    /// <summary>Sends nothing more until the server's lifetime ends.</summary>
    public static Task StallAsync(FaultRequest r) => Task.Delay(Timeout.Infinite, r.Lifetime);

    /// <summary>Sends a chunked body one byte every <paramref name="interval"/>, until the client leaves or the lifetime ends.</summary>
    public static async Task TrickleAsync(FaultRequest r, TimeSpan interval)
    {
        var chunk = "1\r\n \r\n"u8.ToArray();
        while (true)
        {
            await r.Stream.WriteAsync(chunk, r.Lifetime).ConfigureAwait(false);
            await r.Stream.FlushAsync(r.Lifetime).ConfigureAwait(false);
            await Task.Delay(interval, r.Lifetime).ConfigureAwait(false);
        }
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
        201 => "Created",
        302 => "Found",
        307 => "Temporary Redirect",
        400 => "Bad Request",
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
