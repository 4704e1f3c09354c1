using System.Buffers;
using System.Net;

namespace Akua.Sdk;

/// <summary>
/// Reads a response body into memory, bounded in size and by the attempt's token, so a stalled,
/// trickling, endless or decompression-bomb body ends the attempt instead of the process. Success
/// bodies are limited by <see cref="AkuaClientOptions.MaxResponseBytes"/> counting decompressed bytes;
/// error bodies are cut at <see cref="MaxErrorBodyBytes"/>, enough for any real error.
/// </summary>
internal static class AkuaBody
{
    /// <summary>How much of an error body is kept.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    public static async ValueTask BufferAsync(HttpResponseMessage response, AkuaCall call, long maxResponseBytes, CancellationToken cancellationToken)
    {
        if (response.Content is AkuaBufferedContent)
        {
            return;
        }

        var isError = !response.IsSuccessStatusCode;
        var limit = isError ? MaxErrorBodyBytes : maxResponseBytes;
        var original = response.Content;
        byte[] buffer = [];
        var length = 0;
        try
        {
            var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                buffer = ArrayPool<byte>.Shared.Rent(InitialSize(original, limit));
                while (true)
                {
                    if (length == buffer.Length && length < limit)
                    {
                        buffer = Grow(buffer, length, limit);
                    }

                    // The buffer grows to the limit and no further (limit + 1 would make the pool hand out twice
                    // the limit), so a body past the limit costs at most the limit; one probe byte tells it apart.
                    var room = (int)Math.Min(buffer.Length, limit) - length;
                    if (room == 0)
                    {
                        // An error body is cut here (enough to report it); a success body with a byte more is too large.
                        if (isError || await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0)
                        {
                            break;
                        }

                        throw TooLarge(response, call, maxResponseBytes);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
        }
        catch (Exception exception) when (IsUndecodable(exception))
        {
            Return(buffer);
            response.Dispose();
            throw new AkuaInvalidResponseException(
                $"Akua {call.Operation.OperationId} answered {HttpStatusText.Describe((int)response.StatusCode)} with a body that does not decode as its Content-Encoding ({AkuaHeaders.Sanitize(string.Join(", ", original.Headers.ContentEncoding))}) says.",
                (int)response.StatusCode,
                AkuaHeaders.RequestId(response),
                exception);
        }
        catch (IOException) when (isError && length > 0)
        {
            // The connection broke in the middle of an error body; what arrived is still worth reporting.
        }
        catch (HttpRequestException) when (isError && length > 0)
        {
        }
        catch
        {
            Return(buffer);
            response.Dispose();
            throw;
        }

        var buffered = new AkuaBufferedContent(buffer, length);
        foreach (var header in original.Headers.NonValidated)
        {
            if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Value by value: passing the values as an IEnumerable would box them and their enumerator on every response.
            var values = header.Value;
            if (values.Count == 1)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, values.ToString());
                continue;
            }

            foreach (var value in values)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, value);
            }
        }

        original.Dispose();
        response.Content = buffered;
    }

    private static int InitialSize(HttpContent content, long limit)
    {
        // Content-Length is the size on the wire; decompression may make the body larger. Read as received when
        // the server sent it: the typed ContentLength would parse and box it into the header store on every
        // response. Without the header (in-memory content) the typed one computes it.
        long? declared = content.Headers.NonValidated.TryGetValues("Content-Length", out var values) && values.Count == 1
            && long.TryParse(values.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var raw)
            ? raw
            : content.Headers.ContentLength;
        var hint = declared is > 0 and < 1024 * 1024 ? (int)declared + 1 : 16 * 1024;
        return (int)Math.Min(hint, limit);
    }

    private static byte[] Grow(byte[] buffer, int length, long limit)
    {
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
        buffer.AsSpan(0, length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(buffer);
        return next;
    }

    private static void Return(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static AkuaInvalidResponseException TooLarge(HttpResponseMessage response, AkuaCall call, long maxResponseBytes) =>
        new($"Akua {call.Operation.OperationId} answered {HttpStatusText.Describe((int)response.StatusCode)} with a body larger than MaxResponseBytes ({maxResponseBytes} bytes, counted after decompression); it was not read further.",
            (int)response.StatusCode,
            AkuaHeaders.RequestId(response));

    // What gzip, deflate and brotli streams throw over bytes that are not what Content-Encoding says.
    private static bool IsUndecodable(Exception exception) =>
        exception is InvalidDataException
        || (exception is InvalidOperationException && exception.Source is "System.IO.Compression" or "System.IO.Compression.Brotli")
        || exception.InnerException is InvalidDataException;
}

/// <summary>A body read into a pooled buffer; disposing it returns the buffer.</summary>
internal sealed class AkuaBufferedContent : HttpContent
{
    private byte[]? _buffer;

    public AkuaBufferedContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The body; valid until the content is disposed.</summary>
    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(AkuaBufferedContent))).AsSpan(0, Length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer ?? [], 0, Length);

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(new MemoryStream(_buffer ?? [], 0, Length, writable: false));

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { Length: > 0 } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}
