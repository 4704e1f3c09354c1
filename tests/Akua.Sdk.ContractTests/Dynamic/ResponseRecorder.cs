namespace Akua.Sdk.ContractTests.Dynamic;

/// <summary>
/// Keeps the last request and response body, so a failing round shows exactly what the SDK could
/// not read.
/// </summary>
internal sealed class ResponseRecorder : DelegatingHandler
{
    public ResponseRecorder()
        : base(new Infrastructure.VersionSegmentHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }))
    {
    }

    public string? LastRequest { get; private set; }

    public string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = $"{request.Method} {request.RequestUri}";
        LastBody = null;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content is not { } content)
        {
            return response;
        }

        // Buffer the body so it can be shown when the SDK fails to read it.
        await content.LoadIntoBufferAsync(cancellationToken);
        LastBody = await content.ReadAsStringAsync(cancellationToken);
        return response;
    }
}
