using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Contract;
using Akua.Sdk.Serialization;
using Rules = Akua.Sdk.Contract.CreateOfferRequestRules;

namespace Akua.Sdk;

/// <summary>
/// Writes a <see cref="CreateOfferRequest"/> body straight to the writer, byte for byte what the
/// source-generated metadata writes. The generated metadata cannot take System.Text.Json's fast
/// path for this type (<c>expires_at</c> has its own converter), and its slow path allocates a
/// write stack for <c>allowed_emails</c>: about 300 bytes on every create. The list is walked by index
/// (a foreach over <c>IList</c> boxes its enumerator). Nested objects, rarely
/// set, still go through their generated metadata. The property names come from the rules generated
/// from the document; a test holds the writer to the generated output and to the schema's property list.
/// </summary>
internal sealed class CreateOfferRequestWriter : JsonConverter<CreateOfferRequest>
{
    /// <summary>The request body's metadata for sending (it only writes).</summary>
    public static JsonTypeInfo<CreateOfferRequest> TypeInfo { get; } =
        JsonMetadataServices.CreateValueInfo<CreateOfferRequest>(AkuaJsonContext.Default.Options, new CreateOfferRequestWriter());

    private static readonly JsonEncodedText ProductId = Name(Rules.ProductId);
    private static readonly JsonEncodedText PackageVersionId = Name(Rules.PackageVersionId);
    private static readonly JsonEncodedText TargetWorkspaceId = Name(Rules.TargetWorkspaceId);
    private static readonly JsonEncodedText RegionId = Name(Rules.RegionId);
    private static readonly JsonEncodedText ClusterId = Name(Rules.ClusterId);
    private static readonly JsonEncodedText AllowedEmails = Name(Rules.AllowedEmails);
    private static readonly JsonEncodedText FieldValues = Name(Rules.FieldValues);
    private static readonly JsonEncodedText Customer = Name(Rules.Customer);
    private static readonly JsonEncodedText InternalNote = Name(Rules.InternalNote);
    private static readonly JsonEncodedText CommercialMode = Name(Rules.CommercialMode);
    private static readonly JsonEncodedText PricingRequest = Name(Rules.PricingRequest);
    private static readonly JsonEncodedText Notes = Name(Rules.Notes);
    private static readonly JsonEncodedText ExpiresAt = Name(Rules.ExpiresAt);
    private static readonly JsonEncodedText MaxUses = Name(Rules.MaxUses);
    private static readonly JsonEncodedText OrderTtlMinutes = Name(Rules.OrderTtlMinutes);
    private static readonly JsonEncodedText Tier = Name(Rules.Tier);
    private static readonly JsonEncodedText OfferChannelId = Name(Rules.OfferChannelId);

    /// <summary>The properties written, in order (a test compares them with the generated metadata's).</summary>
    internal static IReadOnlyList<string> PropertyNames { get; } =
    [
        ProductId.Value, PackageVersionId.Value, TargetWorkspaceId.Value, RegionId.Value, ClusterId.Value, AllowedEmails.Value,
        FieldValues.Value, Customer.Value, InternalNote.Value, CommercialMode.Value, PricingRequest.Value, Notes.Value,
        ExpiresAt.Value, MaxUses.Value, OrderTtlMinutes.Value, Tier.Value, OfferChannelId.Value,
    ];

    private static JsonEncodedText Name(AkuaValueRule rule) => JsonEncodedText.Encode(rule.Name);

    public override CreateOfferRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Request bodies are only written; read them with the generated metadata.");

    public override void Write(Utf8JsonWriter writer, CreateOfferRequest value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        String(writer, ProductId, value.ProductId);
        String(writer, PackageVersionId, value.PackageVersionId);
        String(writer, TargetWorkspaceId, value.TargetWorkspaceId);
        String(writer, RegionId, value.RegionId);
        String(writer, ClusterId, value.ClusterId);
        if (value.AllowedEmails is { } emails)
        {
            writer.WriteStartArray(AllowedEmails);
            for (var i = 0; i < emails.Count; i++)
            {
                writer.WriteStringValue(emails[i]);
            }

            writer.WriteEndArray();
        }

        Nested(writer, FieldValues, value.FieldValues, options);
        Nested(writer, Customer, value.Customer, options);
        String(writer, InternalNote, value.InternalNote);
        if (value.CommercialMode is { } mode)
        {
            writer.WritePropertyName(CommercialMode);
            JsonSerializer.Serialize(writer, mode, Info<CommercialMode>(options));
        }

        Nested(writer, PricingRequest, value.PricingRequest, options);
        String(writer, Notes, value.Notes);
        if (value.ExpiresAt is { } expiresAt)
        {
            // As UnixSecondsJsonConverter writes it.
            writer.WriteNumber(ExpiresAt, expiresAt.ToUnixTimeSeconds());
        }

        if (value.MaxUses is { } maxUses)
        {
            // As OfferUsageLimitJsonConverter writes it: unlimited is an explicit null.
            if (maxUses.MaxUses is { } limit)
            {
                writer.WriteNumber(MaxUses, limit);
            }
            else
            {
                writer.WriteNull(MaxUses);
            }
        }

        if (value.OrderTtlMinutes is { } ttl)
        {
            writer.WriteNumber(OrderTtlMinutes, ttl);
        }

        String(writer, Tier, value.Tier);
        String(writer, OfferChannelId, value.OfferChannelId);
        writer.WriteEndObject();
    }

    private static void String(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Nested<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonSerializerOptions options)
        where T : class
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, Info<T>(options));
        }
    }

    private static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
