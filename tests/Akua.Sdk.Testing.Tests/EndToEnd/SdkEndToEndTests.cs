namespace Akua.Sdk.Testing.Tests.EndToEnd;

/// <summary>The SDK against the emulator over real HTTP: every operation, as a user would call it.</summary>
public sealed class SdkEndToEndTests : IAsyncLifetime
{
    private AkuaEmulator _emulator = default!;
    private AkuaClient _akua = default!;
    private string _packageId = default!;

    public async Task InitializeAsync()
    {
        _emulator = await AkuaEmulator.StartAsync();
        _packageId = _emulator.AddPackage("PostgreSQL", "1.2.3", Api.OpenSchema);
        _akua = _emulator.CreateClient(o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(5));
    }

    public async Task DisposeAsync()
    {
        _akua.Dispose();
        await _emulator.DisposeAsync();
    }

    private Task<Product> NewProduct(string name = "PostgreSQL Managed") =>
        _akua.Products.CreateAsync(new CreateProductRequest { Name = name, PackageId = _packageId, PackageVersionPin = PackageVersionPin.Pinned("1.2.3") });

    [Fact]
    public async Task Every_product_operation_round_trips()
    {
        var product = await NewProduct();
        Assert.StartsWith("prod_", product.Id, StringComparison.Ordinal);
        Assert.Equal(ProductState.Active, product.State);
        Assert.Equal(PackageVersionPin.Pinned("1.2.3"), product.Package.VersionPin);

        var read = await _akua.Products.GetAsync(product.Id);
        Assert.Equal(product.Etag, read.Etag);

        var updated = await _akua.Products.UpdateAsync(product.Id, new UpdateProductRequest { Name = "Renamed", CustomDescription = "New text", Marketplace = new ProductMarketplace { Published = true } }, read.Etag);
        Assert.Equal("Renamed", updated.Name);
        Assert.Equal("New text", updated.CustomDescription);
        Assert.True(updated.Marketplace!.Published);
        Assert.NotEqual(read.Etag, updated.Etag);

        var cleared = await _akua.Products.UpdateAsync(product.Id, new UpdateProductRequest().ClearCustomDescription(), updated.Etag);
        Assert.Null(cleared.CustomDescription);

        var archived = await _akua.Products.ArchiveAsync(cleared, new ArchiveProductRequest { ArchiveReason = "eol" });
        Assert.Equal(ProductState.Archived, archived.State);
        Assert.Equal("eol", archived.ArchiveReason);
        Assert.NotNull(archived.ArchivedAt);

        var unarchived = await _akua.Products.UnarchiveAsync(archived);
        Assert.Equal(ProductState.Active, unarchived.State);

        var listed = new List<string>();
        await foreach (var p in _akua.Products.ListAsync())
        {
            listed.Add(p.Id);
        }

        Assert.Contains(product.Id, listed);
    }

    [Fact]
    public async Task Every_offer_operation_round_trips()
    {
        var product = await NewProduct();
        var created = await _akua.Offers.CreateAsync(new CreateOfferRequest
        {
            ProductId = product.Id,
            AllowedEmails = ["jsmith@example.com"],
            InternalNote = "seller only",
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(3),
            MaxUses = 5,
        });
        Assert.Matches("^[0-9A-Za-z]{8}$", created.ShortHash);

        var offer = await _akua.Offers.GetAsync(created.Id);
        Assert.Equal(OfferStatus.Active, offer.Status);
        Assert.Equal(["jsmith@example.com"], offer.AllowedEmails);
        Assert.Equal(5, offer.MaxUses);
        Assert.Equal(product.Id, offer.ProductId);

        using var anonymous = new AkuaClient(new AkuaClientOptions { BaseAddress = _emulator.BaseAddress, AllowAnonymous = true });
        var customerView = await anonymous.Offers.ResolveAsync(created.ShortHash);
        Assert.Equal(created.Id, customerView.Id);
        Assert.Null(customerView.AllowedEmails);
        Assert.Null(customerView.InternalNote);

        var page = await _akua.Offers.ListPageAsync(new ListOffersOptions { ProductId = product.Id });
        Assert.Equal(created.Id, Assert.Single(page.Data).Id);

        var archived = await _akua.Offers.ArchiveAsync(offer);
        Assert.Equal(OfferStatus.Archived, archived.Status);
        var unarchived = await _akua.Offers.UnarchiveAsync(archived.Id, archived.Etag!);
        Assert.Equal(OfferStatus.Active, unarchived.Status);

        await Assert.ThrowsAsync<AkuaConcurrencyException>(() => _akua.Offers.ArchiveAsync(offer));
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => _akua.Offers.GetAsync("offer_missing"));
        var invalid = await Assert.ThrowsAsync<AkuaValidationException>(() => _akua.Offers.CreateAsync(new CreateOfferRequest { PackageVersionId = "pkgv_1", ProductId = "prod_missing" }));
        Assert.NotEmpty(invalid.Errors);
    }

    [Fact]
    public async Task Read_modify_write_recovers_from_a_concurrent_writer()
    {
        var product = await NewProduct("Counter 0");
        var rounds = 0;

        var updated = await _akua.Products.UpdateAsync(product.Id, current =>
        {
            if (++rounds == 1)
            {
                // Another writer gets in between our read and our write (the callback is synchronous by design).
                _akua.Products.UpdateAsync(current.Id, new UpdateProductRequest { Name = current.Name + " (other)" }, current.Etag).GetAwaiter().GetResult();
            }

            return new UpdateProductRequest { Name = current.Name + "+" };
        });

        Assert.Equal(2, rounds);
        Assert.Equal("Counter 0 (other)+", updated.Name);
    }

    [Fact]
    public async Task Paging_through_250_offers_sees_each_once_newest_first()
    {
        var product = await NewProduct();
        var batch = await _akua.Offers.CreateManyAsync(Enumerable.Range(0, 250).Select(_ => new CreateOfferRequest { ProductId = product.Id }), maxConcurrency: 8);
        Assert.Equal(250, batch.SucceededCount);

        var seen = new List<Offer>();
        await foreach (var offer in _akua.Offers.ListAsync(new ListOffersOptions { ProductId = product.Id, Limit = 40 }))
        {
            seen.Add(offer);
        }

        Assert.Equal(250, seen.Count);
        Assert.Equal(250, seen.Select(o => o.Id).Distinct().Count());
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt));
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_returns_the_first_offer()
    {
        var product = await NewProduct();
        var options = new AkuaRequestOptions { IdempotencyKey = "order-4711" };

        var first = await _akua.Offers.CreateAsync(new CreateOfferRequest { ProductId = product.Id }, options);
        var again = await _akua.Offers.CreateAsync(new CreateOfferRequest { ProductId = product.Id }, options);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, _emulator.OfferCount());
        await Assert.ThrowsAsync<AkuaConflictException>(() => _akua.Offers.CreateAsync(new CreateOfferRequest { ProductId = product.Id, Notes = "different" }, options));
    }

    [Fact]
    public async Task Injected_faults_are_retried_with_one_key_and_create_one_offer()
    {
        var product = await NewProduct();
        _emulator.Faults.Enqueue(AkuaFault.Status(503), count: 2);
        _emulator.Faults.Enqueue(AkuaFault.DropConnection());

        var created = await _akua.Offers.CreateAsync(new CreateOfferRequest { ProductId = product.Id });

        Assert.Equal(1, _emulator.OfferCount());
        Assert.Equal(created.Id, (await _akua.Offers.GetAsync(created.Id)).Id);
        var keys = _emulator.ReceivedIdempotencyKeys.TakeLast(4).ToList();
        Assert.Single(keys.Distinct());
    }
}
