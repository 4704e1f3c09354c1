using System.Text.Json.Serialization;

namespace Akua.Sdk.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for every model the SDK reads or writes, so no
/// reflection-based serialization runs (trim- and NativeAOT-safe). Nulls are left out of
/// request bodies; the two places where the API gives null a meaning use their own converters.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(Offer))]
[JsonSerializable(typeof(OfferCreated))]
[JsonSerializable(typeof(OfferList))]
[JsonSerializable(typeof(CreateOfferRequest))]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(ProductList))]
[JsonSerializable(typeof(CreateProductRequest))]
[JsonSerializable(typeof(UpdateProductRequest))]
[JsonSerializable(typeof(ArchiveProductRequest))]
[JsonSerializable(typeof(Package))]
[JsonSerializable(typeof(PackageList))]
[JsonSerializable(typeof(CreatePackageRequest))]
[JsonSerializable(typeof(ImportPackageRequest))]
[JsonSerializable(typeof(PackageVersion))]
[JsonSerializable(typeof(PackageVersionList))]
[JsonSerializable(typeof(CreatePackageVersionRequest))]
[JsonSerializable(typeof(PackageVersionInputs))]
[JsonSerializable(typeof(Operation))]
[JsonSerializable(typeof(OperationList))]
[JsonSerializable(typeof(PackageCreateOperationMetadata))]
[JsonSerializable(typeof(PackageCreateOperationResponse))]
[JsonSerializable(typeof(InstallCreateOperationMetadata))]
[JsonSerializable(typeof(InstallCreateOperationResponse))]
[JsonSerializable(typeof(InstallRenderOperationMetadata))]
[JsonSerializable(typeof(InstallRenderOperationResponse))]
[JsonSerializable(typeof(InstallDeleteOperationMetadata))]
[JsonSerializable(typeof(InstallDeleteOperationResponse))]
[JsonSerializable(typeof(OrderDraft))]
[JsonSerializable(typeof(OrderDraftList))]
[JsonSerializable(typeof(CheckoutSession))]
[JsonSerializable(typeof(CheckoutSessionList))]
[JsonSerializable(typeof(Install))]
[JsonSerializable(typeof(InstallList))]
[JsonSerializable(typeof(InstallStatus))]
[JsonSerializable(typeof(ApiErrorResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class AkuaJsonContext : JsonSerializerContext;
