using System.Net;
using Akua.Sdk.Tests.Pipeline;

namespace Akua.Sdk.Tests.Products;

/// <summary>Product requests outside the documented limits are refused before any I/O, naming the parameter.</summary>
public sealed class ProductValidationTests : IDisposable
{
    private readonly ClientFixture _fixture = new();

    public ProductValidationTests() => _fixture.RespondWith(HttpStatusCode.OK, Payloads.Offer);

    public void Dispose() => _fixture.Dispose();

    private IProductsClient Products => _fixture.Client.Products;

    public static TheoryData<CreateProductRequest, string> BadProducts => new()
    {
        { new CreateProductRequest { Name = "A", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest }, "request.Name" },
        { new CreateProductRequest { Name = new string('n', 65), PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest }, "request.Name" },
        { new CreateProductRequest { Name = null!, PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest }, "request.Name" },
        { new CreateProductRequest { Name = "Good", PackageId = null!, PackageVersionPin = PackageVersionPin.Latest }, "request.PackageId" },
        { new CreateProductRequest { Name = "Good", PackageId = new string('k', 55), PackageVersionPin = PackageVersionPin.Latest }, "request.PackageId" },
        { new CreateProductRequest { Name = "Good", PackageId = "pkg_1", PackageVersionPin = null! }, "request.PackageVersionPin" },
        { new CreateProductRequest { Name = "Good", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest, CustomDescription = new string('d', 501) }, "request.CustomDescription" },
        { new CreateProductRequest { Name = "Good", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest, CustomImage = "/relative.png" }, "request.CustomImage" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Create_product_refuses_requests_outside_the_documented_limits(CreateProductRequest request, string paramName) =>
        await _fixture.Refused<ArgumentException>(() => Products.CreateAsync(request), paramName);

    [Fact]
    public async Task Update_and_archive_product_check_their_limits()
    {
        await _fixture.Refused<ArgumentException>(() => Products.UpdateAsync("prod_1", new UpdateProductRequest { Name = "x" }, "1"), "update.Name");
        await _fixture.Refused<ArgumentException>(() => Products.UpdateAsync("prod_1", new UpdateProductRequest { CustomDescription = new string('d', 501) }, "1"), "update.CustomDescription");
        await _fixture.Refused<ArgumentException>(() => Products.ArchiveAsync("prod_1", "1", new ArchiveProductRequest { ArchiveReason = new string('r', 501) }), "request.ArchiveReason");
        await _fixture.Refused<ArgumentOutOfRangeException>(() => Products.UpdateAsync("prod_1", _ => null, maxAttempts: 0), "maxAttempts");
    }
}
