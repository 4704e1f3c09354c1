using System.Text.Json;
using Akua.Sdk.Contract;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Tests.Conventions;

/// <summary>
/// The request types NSwag cannot express are written by hand; these tests hold them to their
/// schema: every schema property has a C# property of the same JSON name, and no extra. List
/// options likewise hold exactly the query parameters of their operation.
/// </summary>
public sealed class HandWrittenTypesTests
{
    public static TheoryData<Type, string> ListOptions => new()
    {
        { typeof(ListOffersOptions), "offers.list" },
        { typeof(ListProductsOptions), "products.list" },
        { typeof(ListPackagesOptions), "packages.list" },
        { typeof(ListPackageVersionsOptions), "packages.listVersions" },
        { typeof(ListOperationsOptions), "operations.list" },
    };

    [Fact]
    public void UpdateProductRequest_has_exactly_the_schema_properties()
    {
        // Every field touched: what the wire sees.
        var update = new UpdateProductRequest
        {
            Name = "Name",
            PackageVersionPin = PackageVersionPin.Latest,
            Marketplace = new ProductMarketplace { Published = true },
            CustomImage = "https://cdn.example.com/a.png",
            CustomDescription = "About",
        };
        var written = JsonDocument.Parse(JsonSerializer.Serialize(update, AkuaJsonContext.Default.UpdateProductRequest)).RootElement
            .EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        var schema = UpdateProductRequestRules.ThisSchema.Properties.Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(schema, written);
    }

    [Fact]
    public void PackageVersionPin_writes_exactly_the_schema_properties()
    {
        var written = new[] { PackageVersionPin.Latest, PackageVersionPin.Pinned("1.2.3") }
            .SelectMany(pin => JsonDocument.Parse(JsonSerializer.Serialize(pin, AkuaJsonContext.Default.Options)).RootElement.EnumerateObject().Select(p => p.Name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var schema = PackageVersionPinRules.ThisSchema.Properties.Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(schema, written);
    }

    [Theory]
    [MemberData(nameof(ListOptions))]
    public void List_options_hold_exactly_the_query_parameters_of_their_operation(Type options, string operationId)
    {
        var operation = AkuaOperations.All.Single(o => o.OperationId == operationId);
        var properties = options.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        var parameters = operation.QueryParameters.Select(p => CodeGen.Names.Pascal(p.Name)).Order(StringComparer.Ordinal);

        Assert.Equal(parameters, properties);
    }
}
