using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akua.Sdk.Testing;

/// <summary>The body of every error response.</summary>
internal sealed class ApiErrorBody
{
    [JsonPropertyName("success")]
    public bool Success { get; set; }

    [JsonPropertyName("errors")]
    public List<ApiErrorItem> Errors { get; set; } = [];

    [JsonPropertyName("result")]
    public EmptyResult Result { get; set; } = new();
}

/// <summary>One thing that went wrong.</summary>
internal sealed class ApiErrorItem
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";

    [JsonPropertyName("path")]
    public List<string>? Path { get; set; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, string>? Metadata { get; set; }
}

/// <summary>The empty <c>result</c> object of an error body.</summary>
internal sealed class EmptyResult;

/// <summary>One page of a list (<c>ProductList</c>, <c>OfferList</c>).</summary>
internal sealed class Page<T>
{
    [JsonPropertyName("data")]
    public List<T> Data { get; set; } = [];

    [JsonPropertyName("has_more")]
    public bool HasMore { get; set; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; set; }
}

/// <summary>Source-generated serialization for everything the emulator writes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Offer))]
[JsonSerializable(typeof(OfferCreated))]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(Page<Product>))]
[JsonSerializable(typeof(Page<Offer>))]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(Package))]
[JsonSerializable(typeof(Page<Package>))]
[JsonSerializable(typeof(PackageVersion))]
[JsonSerializable(typeof(Page<PackageVersion>))]
[JsonSerializable(typeof(OperationBody))]
[JsonSerializable(typeof(Page<OperationBody>))]
[JsonSerializable(typeof(OrderDraft))]
[JsonSerializable(typeof(Page<OrderDraft>))]
[JsonSerializable(typeof(CheckoutSession))]
[JsonSerializable(typeof(Page<CheckoutSession>))]
[JsonSerializable(typeof(Install))]
[JsonSerializable(typeof(Page<Install>))]
[JsonSerializable(typeof(InstallStatus))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;

/// <summary>The numeric error codes the emulator answers with.</summary>
internal static class ErrorCodes
{
    public const int Validation = 1004;
    public const int MalformedJson = 1005;
    public const int Unprocessable = 1006;
    public const int Conflict = 1008;
    public const int EtagMismatch = 1009;
    public const int IdempotencyConflict = 1010;
    public const int NoRoute = 7000;
    public const int MethodNotAllowed = 7001;
    public const int NotFound = 7003;
    public const int RateLimited = 971;
    public const int Injected = 1000;
    public const int Unauthorized = 10000;
    public const int Forbidden = 10001;
}
