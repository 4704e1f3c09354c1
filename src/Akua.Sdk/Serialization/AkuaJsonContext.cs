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
[JsonSerializable(typeof(ApiErrorResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class AkuaJsonContext : JsonSerializerContext;
