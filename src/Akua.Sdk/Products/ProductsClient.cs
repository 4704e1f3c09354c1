using System.Text.Json;
using Akua.Sdk.Serialization;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IProductsClient"/>.</summary>
internal sealed class ProductsClient(AkuaPipeline pipeline) : IProductsClient
{
    private const int MaxUpdateAttempts = 10;
    private static readonly AkuaJsonContext Json = AkuaJsonContext.Default;

    public Task<Product> CreateAsync(CreateProductRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ProductRequestValidation.Validate(request, nameof(request));
        var call = new AkuaRequest(AkuaOperation.ProductsCreate, HttpMethod.Post, "products")
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(request, Json.CreateProductRequest),
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Product, cancellationToken);
    }

    public Task<Product> GetAsync(string productId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new AkuaRequest(AkuaOperation.ProductsGet, HttpMethod.Get, "products/" + AkuaPath.Segment(productId, AkuaPath.MaxProductIdLength, nameof(productId)))
        {
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Product, cancellationToken);
    }

    public async Task<AkuaPage<Product>> ListPageAsync(ListProductsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new AkuaRequest(AkuaOperation.ProductsList, HttpMethod.Get, AkuaPaging.ListUri("products", query?.Limit, query?.Cursor))
        {
            Options = options,
        };
        var list = await pipeline.SendAsync(call, Json.ProductList, cancellationToken).ConfigureAwait(false);
        return new AkuaPage<Product>(list.Data ?? [], list.HasMore, list.NextCursor);
    }

    public IAsyncEnumerable<Product> ListAsync(ListProductsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var limit = query?.Limit;
        return AkuaPaging.EnumerateAsync(
            (cursor, ct) => ListPageAsync(new ListProductsOptions { Limit = limit, Cursor = cursor }, options, ct),
            query?.Cursor,
            cancellationToken);
    }

    public Task<Product> UpdateAsync(string productId, UpdateProductRequest update, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var segment = AkuaPath.Segment(productId, AkuaPath.MaxProductIdLength, nameof(productId));
        ProductRequestValidation.Validate(update, nameof(update));
        AkuaHeaders.Validate(etag, AkuaHeaders.MaxEtagLength, nameof(etag));
        var call = new AkuaRequest(AkuaOperation.ProductsUpdate, HttpMethod.Patch, "products/" + segment)
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(update, Json.UpdateProductRequest),
            IfMatch = etag,
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Product, cancellationToken);
    }

    public async Task<Product> UpdateAsync(string productId, Func<Product, UpdateProductRequest?> change, int maxAttempts = 3, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        AkuaPath.Segment(productId, AkuaPath.MaxProductIdLength, nameof(productId));
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxAttempts, MaxUpdateAttempts);

        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(productId, options, cancellationToken).ConfigureAwait(false);
            var update = change(current);
            if (update is null || update.IsEmpty)
            {
                return current;
            }

            // Each attempt is a different write (new etag, maybe new body), so it needs its own key.
            var attemptOptions = options?.IdempotencyKey is { } key && attempt > 1
                ? new AkuaRequestOptions { WorkspaceContext = options.WorkspaceContext, IdempotencyKey = $"{key}-{attempt}" }
                : options;
            try
            {
                return await UpdateAsync(productId, update, current.Etag, attemptOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (AkuaConcurrencyException) when (attempt < maxAttempts)
            {
                // Someone else wrote since our read: read again and let the caller decide again.
            }
        }
    }

    public Task<Product> ArchiveAsync(string productId, string etag, ArchiveProductRequest? request = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var segment = AkuaPath.Segment(productId, AkuaPath.MaxProductIdLength, nameof(productId));
        AkuaHeaders.Validate(etag, AkuaHeaders.MaxEtagLength, nameof(etag));
        ProductRequestValidation.Validate(request, nameof(request));
        var call = new AkuaRequest(AkuaOperation.ProductsArchive, HttpMethod.Post, "products/" + segment + ":archive")
        {
            Body = request is null ? null : JsonSerializer.SerializeToUtf8Bytes(request, Json.ArchiveProductRequest),
            IfMatch = etag,
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Product, cancellationToken);
    }

    public Task<Product> ArchiveAsync(Product product, ArchiveProductRequest? request = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return ArchiveAsync(product.Id, product.Etag, request, options, cancellationToken);
    }

    public Task<Product> UnarchiveAsync(string productId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var segment = AkuaPath.Segment(productId, AkuaPath.MaxProductIdLength, nameof(productId));
        AkuaHeaders.Validate(etag, AkuaHeaders.MaxEtagLength, nameof(etag));
        var call = new AkuaRequest(AkuaOperation.ProductsUnarchive, HttpMethod.Post, "products/" + segment + ":unarchive")
        {
            IfMatch = etag,
            Options = options,
        };
        return pipeline.SendAsync(call, Json.Product, cancellationToken);
    }

    public Task<Product> UnarchiveAsync(Product product, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return UnarchiveAsync(product.Id, product.Etag, options, cancellationToken);
    }
}
