using Operations = Akua.Sdk.Contract.AkuaOperations;

namespace Akua.Sdk;

/// <summary>The HTTP implementation of <see cref="IProductsClient"/>.</summary>
internal sealed class ProductsClient(AkuaPipeline pipeline) : AkuaResourceClient(pipeline), IProductsClient
{
    private const int MaxUpdateAttempts = 10;

    public Task<Product> CreateAsync(CreateProductRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.ProductsCreate.Info, Operations.ProductsCreate.Uri(), request, Json.CreateProductRequest, nameof(request), options), Json.Product, cancellationToken);

    public Task<Product> GetAsync(string productId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.ProductsGet.Info, Operations.ProductsGet.Uri(productId), options), Json.Product, cancellationToken);

    public Task<AkuaPage<Product>> ListPageAsync(ListProductsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync<ProductList, Product>(Call(Operations.ProductsList.Info, Operations.ProductsList.Uri(query?.Cursor, query?.Limit), options), Json.ProductList, cancellationToken);

    public IAsyncEnumerable<Product> ListAsync(ListProductsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Operations.ProductsList.Uri(query?.Cursor, query?.Limit);
        var limit = query?.Limit;
        return EnumerateAsync(
            Operations.ProductsList.Info,
            (cursor, ct) => ListPageAsync(new ListProductsOptions { Limit = limit, Cursor = cursor }, options, ct),
            query?.Cursor,
            options,
            cancellationToken);
    }

    public Task<Product> UpdateAsync(string productId, UpdateProductRequest update, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.ProductsUpdate.Info, Operations.ProductsUpdate.Uri(productId), update, Json.UpdateProductRequest, nameof(update), options, etag), Json.Product, cancellationToken);

    public Task<Product> UpdateAsync(string productId, Func<Product, UpdateProductRequest?> change, int maxAttempts = 3, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Operations.ProductsGet.Uri(productId);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxAttempts, MaxUpdateAttempts);
        return ReadModifyWriteAsync<Product, UpdateProductRequest>(
            (readOptions, ct) => GetAsync(productId, readOptions, ct),
            change,
            update => update.IsEmpty,
            (current, update, writeOptions, ct) => UpdateAsync(productId, update, current.Etag, writeOptions, ct),
            maxAttempts,
            options,
            cancellationToken);
    }

    public Task<Product> ArchiveAsync(string productId, string etag, ArchiveProductRequest? request = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var uri = Operations.ProductsArchive.Uri(productId);
        var call = request is null
            ? Call(Operations.ProductsArchive.Info, uri, options, etag)
            : Call(Operations.ProductsArchive.Info, uri, request, Json.ArchiveProductRequest, nameof(request), options, etag);
        return SendAsync(call, Json.Product, cancellationToken);
    }

    public Task<Product> ArchiveAsync(Product product, ArchiveProductRequest? request = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return ArchiveAsync(product.Id, product.Etag, request, options, cancellationToken);
    }

    public Task<Product> UnarchiveAsync(string productId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Call(Operations.ProductsUnarchive.Info, Operations.ProductsUnarchive.Uri(productId), options, etag), Json.Product, cancellationToken);

    public Task<Product> UnarchiveAsync(Product product, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return UnarchiveAsync(product.Id, product.Etag, options, cancellationToken);
    }
}
