using System.Net;

namespace Akua.Sdk.Benchmarks.Fixtures;

/// <summary>
/// The in-memory server every contender talks to: it routes on method and path, drains the
/// request body (so lazily serialized content really is serialized) and answers with the canned
/// payloads. It completes synchronously, so a single-threaded loop stays on its thread.
/// </summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private const int PrecomputedPages = 10;
    private readonly int _totalPages;
    private readonly byte[][] _pages;

    /// <param name="totalPages">How many list pages the offers list has (cursor p1..p{n-1}).</param>
    public CannedHandler(int totalPages = PrecomputedPages)
    {
        _totalPages = totalPages;
        _pages = new byte[Math.Min(totalPages, PrecomputedPages)][];
        for (var i = 0; i < _pages.Length; i++)
        {
            _pages[i] = CannedBodies.ListPage(i, totalPages);
        }
    }

    public long Requests { get; private set; }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Answer(request);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    // Never dispose: IHttpClientFactory retires handlers, but this one is shared and stateless.
    protected override void Dispose(bool disposing)
    {
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        Requests++;
        request.Content?.CopyTo(Stream.Null, null, default);
        var uri = request.RequestUri!.OriginalString;
        var method = request.Method;
        var pathStart = uri.IndexOf("/v1/", StringComparison.Ordinal);
        var path = pathStart < 0 ? uri.AsSpan() : uri.AsSpan(pathStart + 4);

        if (method == HttpMethod.Get && path.StartsWith("offers/"))
        {
            return Json(HttpStatusCode.OK, CannedBodies.Offer, request);
        }

        if (method == HttpMethod.Post && path.SequenceEqual("offers"))
        {
            return Json(HttpStatusCode.Created, CannedBodies.OfferCreated, request);
        }

        if (method == HttpMethod.Patch && path.StartsWith("products/"))
        {
            var response = Json(HttpStatusCode.OK, CannedBodies.Product, request);
            response.Headers.TryAddWithoutValidation("etag", Payloads.ProductEtag);
            return response;
        }

        if (method == HttpMethod.Get && (path.SequenceEqual("offers") || path.StartsWith("offers?")))
        {
            return Json(HttpStatusCode.OK, Page(CursorPage(path)), request);
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
    }

    // The header texts, made once per size, so the fixture costs every contender the same and little.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Lengths = new();

    private byte[] Page(int page) => page < _pages.Length ? _pages[page] : CannedBodies.ListPage(page, _totalPages);

    private static int CursorPage(ReadOnlySpan<char> path)
    {
        var at = path.IndexOf("cursor=p");
        if (at < 0)
        {
            return 0;
        }

        var digits = path[(at + "cursor=p".Length)..];
        var end = digits.IndexOf('&');
        return int.Parse(end < 0 ? digits : digits[..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, byte[] body, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        // As a server sends it (ByteArrayContent would otherwise compute it when asked).
        response.Content.Headers.TryAddWithoutValidation("Content-Length", Lengths.GetOrAdd(body.Length, static n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        response.Headers.TryAddWithoutValidation("x-request-id", "req_0123456789abcdef");
        return response;
    }
}
