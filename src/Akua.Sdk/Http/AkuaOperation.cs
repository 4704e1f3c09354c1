namespace Akua.Sdk;

/// <summary>What the SDK knows about one API operation: its names and which headers it takes.</summary>
/// <param name="OperationId">The operation id in the OpenAPI document, e.g. <c>offers.create</c>.</param>
/// <param name="Name">The name used for tracing and logs, e.g. <c>Akua.Offers.Create</c>.</param>
/// <param name="AcceptsWorkspaceContext">The operation takes the <c>akua-context</c> header.</param>
/// <param name="IsWrite">The operation changes state, so it carries an <c>idempotency-key</c>.</param>
internal sealed record AkuaOperation(string OperationId, string Name, bool AcceptsWorkspaceContext, bool IsWrite)
{
    public static readonly AkuaOperation OffersList = new("offers.list", "Akua.Offers.List", true, false);
    public static readonly AkuaOperation OffersCreate = new("offers.create", "Akua.Offers.Create", true, true);
    public static readonly AkuaOperation OffersGet = new("offers.get", "Akua.Offers.Get", false, false);
    public static readonly AkuaOperation OffersResolve = new("offers.resolve", "Akua.Offers.Resolve", false, false);
    public static readonly AkuaOperation OffersArchive = new("offers.archive", "Akua.Offers.Archive", true, true);
    public static readonly AkuaOperation OffersUnarchive = new("offers.unarchive", "Akua.Offers.Unarchive", true, true);
    public static readonly AkuaOperation ProductsList = new("products.list", "Akua.Products.List", true, false);
    public static readonly AkuaOperation ProductsCreate = new("products.create", "Akua.Products.Create", true, true);
    public static readonly AkuaOperation ProductsGet = new("products.get", "Akua.Products.Get", true, false);
    public static readonly AkuaOperation ProductsUpdate = new("products.update", "Akua.Products.Update", true, true);
    public static readonly AkuaOperation ProductsArchive = new("products.archive", "Akua.Products.Archive", true, true);
    public static readonly AkuaOperation ProductsUnarchive = new("products.unarchive", "Akua.Products.Unarchive", true, true);
}

/// <summary>One logical call: everything needed to build its HTTP request.</summary>
internal sealed class AkuaRequest(AkuaOperation operation, HttpMethod method, string relativeUri)
{
    public AkuaOperation Operation { get; } = operation;

    public HttpMethod Method { get; } = method;

    /// <summary>Path and query relative to the base address, already escaped.</summary>
    public string RelativeUri { get; } = relativeUri;

    /// <summary>The UTF-8 JSON body, or null for none.</summary>
    public byte[]? Body { get; init; }

    public string? IfMatch { get; init; }

    public AkuaRequestOptions? Options { get; init; }
}
