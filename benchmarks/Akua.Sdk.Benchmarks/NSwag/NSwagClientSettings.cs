using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk.Benchmarks.NSwagClient;

// The settings NSwag's generated client needs to read the Akua payloads: its enums carry
// EnumMember names that System.Text.Json ignores, and enum arrays have no converter at all.
// This is the usual fix an NSwag user applies through the generated partial hook.

public partial class OffersClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => NSwagSettings.Apply(settings);
}

public partial class ProductsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => NSwagSettings.Apply(settings);
}

internal static class NSwagSettings
{
    public static void Apply(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
}
