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
        { typeof(ListOrderDraftsOptions), "orderDrafts.list" },
        { typeof(ListCheckoutSessionsOptions), "orderDrafts.listCheckoutSessions" },
        { typeof(ListInstallsOptions), "installs.list" },
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
        // The generated operation class names each query parameter's rule by its SDK name (x-akua-sdk-name, e.g. offer -> OfferId).
        var operation = AkuaOperations.All.Single(o => o.OperationId == operationId);
        var generated = typeof(AkuaOperations).GetNestedTypes(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            .Single(t => ReferenceEquals(t.GetField("Info")?.GetValue(null), operation));
        var parameters = generated.GetFields()
            .Where(f => f.FieldType == typeof(AkuaValueRule) && operation.QueryParameters.Contains((AkuaValueRule)f.GetValue(null)!))
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal);
        var properties = options.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(parameters, properties);
    }
}
