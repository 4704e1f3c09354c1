namespace Akua.Sdk;

/// <summary>Products: packages offered for sale. Every method throws <see cref="AkuaException"/> subclasses on failure.</summary>
public interface IProductsClient
{
    /// <summary>Creates a product (<c>products.create</c>). Safe to retry: every call carries an idempotency key.</summary>
    /// <param name="request">The product: name, package and version pin.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new product.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented limit; nothing was sent.</exception>
    Task<Product> CreateAsync(CreateProductRequest request, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a product (<c>products.get</c>).</summary>
    /// <param name="productId">The product's id (<c>prod_...</c>).</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product.</returns>
    Task<Product> GetAsync(string productId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the workspace's products (<c>products.list</c>).</summary>
    /// <param name="query">Page size and cursor.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<AkuaPage<Product>> ListPageAsync(ListProductsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every product, fetching pages lazily as you iterate; memory holds one page at a time.</summary>
    /// <param name="query">Page size and the cursor to start from.</param>
    /// <param name="options">Per-call workspace.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The products.</returns>
    IAsyncEnumerable<Product> ListAsync(ListProductsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Changes the fields set on <paramref name="update"/> (<c>products.update</c>), if the product is still at <paramref name="etag"/>.</summary>
    /// <param name="productId">The product's id.</param>
    /// <param name="update">The fields to change; untouched fields are not sent.</param>
    /// <param name="etag">The etag of the version you read; sent as <c>if-match</c>.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product after the change.</returns>
    /// <exception cref="AkuaConcurrencyException">The product changed since you read it.</exception>
    Task<Product> UpdateAsync(string productId, UpdateProductRequest update, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Read-modify-write: reads the product, asks <paramref name="change"/> what to change, and
    /// writes it guarded by the etag it read. If someone else wrote in between, it reads again
    /// and asks again, up to <paramref name="maxAttempts"/> times.
    /// </summary>
    /// <param name="productId">The product's id.</param>
    /// <param name="change">Given the current product, returns the change, or null when there is nothing to change.</param>
    /// <param name="maxAttempts">How many read-write rounds to try, 1 to 10.</param>
    /// <param name="options">Per-call workspace and idempotency key (suffixed per attempt).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product after the change, or as read when there was nothing to change.</returns>
    /// <exception cref="AkuaConcurrencyException">Every attempt lost the race.</exception>
    Task<Product> UpdateAsync(string productId, Func<Product, UpdateProductRequest?> change, int maxAttempts = 3, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Archives a product (<c>products.archive</c>), if it is still at <paramref name="etag"/>.</summary>
    /// <param name="productId">The product's id.</param>
    /// <param name="etag">The etag of the version you read; sent as <c>if-match</c>.</param>
    /// <param name="request">Whether to archive its offers too, and why; null sends no body.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The archived product.</returns>
    Task<Product> ArchiveAsync(string productId, string etag, ArchiveProductRequest? request = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Archives a product you read, using its <see cref="Product.Id"/> and <see cref="Product.Etag"/>.</summary>
    /// <param name="product">The product as you read it.</param>
    /// <param name="request">Whether to archive its offers too, and why; null sends no body.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The archived product.</returns>
    Task<Product> ArchiveAsync(Product product, ArchiveProductRequest? request = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Makes an archived product active again (<c>products.unarchive</c>), if it is still at <paramref name="etag"/>. Its offers stay archived.</summary>
    /// <param name="productId">The product's id.</param>
    /// <param name="etag">The etag of the version you read; sent as <c>if-match</c>.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product, active again.</returns>
    Task<Product> UnarchiveAsync(string productId, string etag, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Unarchives a product you read, using its <see cref="Product.Id"/> and <see cref="Product.Etag"/>.</summary>
    /// <param name="product">The product as you read it.</param>
    /// <param name="options">Per-call workspace and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The product, active again.</returns>
    Task<Product> UnarchiveAsync(Product product, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default);
}
