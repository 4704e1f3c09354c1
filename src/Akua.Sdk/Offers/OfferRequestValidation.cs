using System.Net.Mail;

namespace Akua.Sdk;

/// <summary>The documented limits of create-offer, checked before anything is sent.</summary>
internal static class OfferRequestValidation
{
    private const int MaxIdLength = 55;
    private const int MaxWorkspaceIdLength = 53;
    private const int MaxPlacementIdLength = 54;
    private const int MaxEmailLength = 254;
    private const int MaxCustomerFieldLength = 200;
    private const long MaxUnitAmount = 100_000_000;

    public static void Validate(CreateOfferRequest request, string paramName)
    {
        ArgumentNullException.ThrowIfNull(request, paramName);
        if (request.ProductId is null && request.PackageVersionId is null)
        {
            throw new ArgumentException($"{paramName} needs ProductId or PackageVersionId (or both).", paramName);
        }

        if (request.OfferChannelId is not null && request.ProductId is null)
        {
            throw new ArgumentException($"{paramName}.OfferChannelId needs {paramName}.ProductId: channel-backed offers are made for a product.", paramName + ".OfferChannelId");
        }

        if (request.OfferChannelId is not null && request.Tier is not null)
        {
            throw new ArgumentException($"{paramName}.Tier cannot be combined with {paramName}.OfferChannelId; the channel's policy sets the terms.", paramName + ".Tier");
        }

        Length(request.ProductId, 1, MaxIdLength, paramName, ".ProductId");
        Length(request.PackageVersionId, 1, MaxIdLength, paramName, ".PackageVersionId");
        Length(request.TargetWorkspaceId, 1, MaxWorkspaceIdLength, paramName, ".TargetWorkspaceId");
        Length(request.RegionId, 1, MaxPlacementIdLength, paramName, ".RegionId");
        Length(request.ClusterId, 1, MaxPlacementIdLength, paramName, ".ClusterId");
        Length(request.OfferChannelId, 1, MaxPlacementIdLength, paramName, ".OfferChannelId");
        Length(request.Notes, 0, CreateOfferRequest.MaxNoteLength, paramName, ".Notes");
        Length(request.InternalNote, 0, CreateOfferRequest.MaxNoteLength, paramName, ".InternalNote");
        Length(request.Tier, 0, CreateOfferRequest.MaxTierLength, paramName, ".Tier");

        if (request.AllowedEmails is { } emails)
        {
            if (emails.Count > CreateOfferRequest.MaxAllowedEmails)
            {
                throw new ArgumentException($"{paramName}.AllowedEmails holds {emails.Count} addresses; an offer allows at most {CreateOfferRequest.MaxAllowedEmails}.", paramName + ".AllowedEmails");
            }

            for (var i = 0; i < emails.Count; i++)
            {
                if (!IsEmail(emails[i]))
                {
                    throw new ArgumentException($"{paramName}.AllowedEmails[{i}] is not a valid email address of at most {MaxEmailLength} characters.", paramName + ".AllowedEmails");
                }
            }
        }

        if (request.FieldValues is { } fieldValues)
        {
            foreach (var (name, value) in fieldValues)
            {
                if (string.IsNullOrEmpty(name) || value is null)
                {
                    throw new ArgumentException($"{paramName}.FieldValues needs a non-empty name and a value for every entry.", paramName + ".FieldValues");
                }
            }
        }

        if (request.Customer is { } customer)
        {
            Length(customer.DisplayName ?? throw new ArgumentException($"{paramName}.Customer.DisplayName is required.", paramName + ".Customer.DisplayName"), 1, MaxCustomerFieldLength, paramName, ".Customer.DisplayName");
            Length(customer.ExternalId, 1, MaxCustomerFieldLength, paramName, ".Customer.ExternalId");
        }

        if (request.PricingRequest is { } pricing && (pricing.UnitAmount < 0 || pricing.UnitAmount > MaxUnitAmount))
        {
            throw new ArgumentOutOfRangeException(paramName + ".PricingRequest.UnitAmount", pricing.UnitAmount, $"The unit amount must be between 0 and {MaxUnitAmount} minor units.");
        }

        if (request.MaxUses is { MaxUses: { } maxUses } && (maxUses < OfferUsageLimit.MinMaxUses || maxUses > OfferUsageLimit.MaxMaxUses))
        {
            throw new ArgumentOutOfRangeException(paramName + ".MaxUses", maxUses, $"MaxUses must be between {OfferUsageLimit.MinMaxUses} and {OfferUsageLimit.MaxMaxUses}, or OfferUsageLimit.Unlimited.");
        }

        if (request.OrderTtlMinutes is { } ttl && (ttl < 1 || ttl > CreateOfferRequest.MaxOrderTtlMinutes))
        {
            throw new ArgumentOutOfRangeException(paramName + ".OrderTtlMinutes", ttl, $"OrderTtlMinutes must be between 1 and {CreateOfferRequest.MaxOrderTtlMinutes}.");
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt.ToUnixTimeSeconds() <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName + ".ExpiresAt", expiresAt, "ExpiresAt must be after 1970-01-01T00:00:01Z.");
        }
    }

    // The parameter name is built only when throwing: validation runs on every call.
    internal static void Length(string? value, int min, int max, string paramName, string member = "")
    {
        if (value is not null && (value.Length < min || value.Length > max))
        {
            var name = paramName + member;
            throw new ArgumentException($"{name} must be {min} to {max} characters long; it has {value.Length}.", name);
        }
    }

    private static bool IsEmail(string? email) =>
        email is { Length: > 0 and <= MaxEmailLength }
        && MailAddress.TryCreate(email, out var address)
        && string.Equals(address.Address, email, StringComparison.Ordinal);
}
