using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Contract;
using Microsoft.AspNetCore.Http;

namespace Akua.Sdk.Testing;

/// <summary>An answer, already serialized, so idempotent replays can repeat it byte for byte.</summary>
internal readonly record struct Reply(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>Every answer the emulator writes: success bodies and the API's error envelope.</summary>
internal static class Replies
{
    // The response schemas whose required-nullable properties are written as null instead of
    // being left out (Product.marketplace is null when the product is not listed).
    private static readonly Dictionary<Type, AkuaSchemaRules> ResponseSchemas = new()
    {
        [typeof(Product)] = ProductRules.ThisSchema,
        [typeof(ProductPackage)] = ProductPackageRules.ThisSchema,
        [typeof(Offer)] = OfferRules.ThisSchema,
        [typeof(Page<Product>)] = ProductListRules.ThisSchema,
        [typeof(Page<Offer>)] = OfferListRules.ThisSchema,
        [typeof(Package)] = PackageRules.ThisSchema,
        [typeof(Page<Package>)] = PackageListRules.ThisSchema,
        [typeof(Page<PackageVersion>)] = PackageVersionListRules.ThisSchema,
        [typeof(Page<OperationBody>)] = OperationListRules.ThisSchema,
        [typeof(OperationStep)] = OperationStepRules.ThisSchema,
        [typeof(Page<OrderDraft>)] = OrderDraftListRules.ThisSchema,
        [typeof(Page<CheckoutSession>)] = CheckoutSessionListRules.ThisSchema,
        [typeof(Page<Install>)] = InstallListRules.ThisSchema,
        [typeof(InstallStatus)] = InstallStatusRules.ThisSchema,
    };

    private static readonly JsonSerializerOptions Options = new(EmulatorJsonContext.Default.Options)
    {
        // Quotes and apostrophes in messages stay readable (no \u0027).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = EmulatorJsonContext.Default.WithAddedModifier(WriteRequiredNulls),
    };

    public static Reply Ok<T>(int status, T value) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T))));

    public static Reply Error(int status, int code, string message, IReadOnlyList<string>? path = null, Dictionary<string, string>? metadata = null) =>
        Errors(status, [new ApiErrorItem { Code = code, Message = message, Path = path is null ? null : [.. path], Metadata = metadata }]);

    public static Reply Errors(int status, IEnumerable<ApiErrorItem> errors) =>
        Ok(status, new ApiErrorBody { Errors = [.. errors] });

    public static Reply NotFound(string kind, string id) =>
        Error(404, ErrorCodes.NotFound, $"No {kind} '{id}' in this workspace.");

    public static Reply Stale(string currentEtag) =>
        Error(409, ErrorCodes.EtagMismatch, "The resource changed since you read it: read it again and retry with its current etag.",
            ["header", "if-match"], new Dictionary<string, string>(StringComparer.Ordinal) { ["current_etag"] = currentEtag });

    public static Reply NoRoute() => Error(404, ErrorCodes.NoRoute, "No route for that URI.");

    public static Reply NotAllowed(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return Error(405, ErrorCodes.MethodNotAllowed, $"Method not allowed; use {allow}.");
    }

    /// <summary>
    /// The status of a request that breaks the document (its parameters, headers or body): 400 where
    /// the operation documents 400, else 422 where it documents 422, else HTTP's 400.
    /// </summary>
    public static int InvalidStatus(AkuaOperationInfo operation) =>
        !operation.Statuses.Contains(400) && operation.Statuses.Contains(422) ? 422 : 400;

    private static void WriteRequiredNulls(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !ResponseSchemas.TryGetValue(info.Type, out var schema))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (schema.Property(property.Name) is { Required: true, Nullable: true })
            {
                property.ShouldSerialize = static (_, _) => true;
            }
        }
    }
}
