using System.Text.Json;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>The six Offers operations.</summary>
internal sealed class OffersRoutes(EmulatorStore store)
{
    private const string Kind = "offer";

    /// <summary>The document's default for <c>order_ttl_minutes</c>.</summary>
    private const int DefaultOrderTtlMinutes = 120;

    /// <summary>The offer an omitted <c>max_uses</c> makes: single use (null means unlimited).</summary>
    private const int DefaultMaxUses = 1;

    // Timestamps are kept as DateTimeOffset, which ends with the year 9999; the document sets no upper bound.
    private static readonly long LatestStorableSecond = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    // Our document lists these delivery pins (the SDK can send them); the published one closes
    // the body without them, so only a trusted partner's emulator accepts them.
    private static readonly AkuaValueRule[] TrustedPartnerOnly =
        [CreateOfferRequestRules.TargetWorkspaceId, CreateOfferRequestRules.RegionId, CreateOfferRequestRules.ClusterId];

    public IEnumerable<EmulatorRoute> Routes() =>
    [
        new(AkuaOperations.OffersList.Info, List),
        new(AkuaOperations.OffersCreate.Info, Create, CheckCreate),
        new(AkuaOperations.OffersGet.Info, Get),
        new(AkuaOperations.OffersResolve.Info, Resolve),
        new(AkuaOperations.OffersArchive.Info, request => SetArchived(request, archive: true)),
        new(AkuaOperations.OffersUnarchive.Info, request => SetArchived(request, archive: false)),
    ];

    private Reply List(EmulatorRequest request)
    {
        var productId = request.Query(AkuaOperations.OffersList.ProductId);
        return Paging.Page(
            request,
            AkuaOperations.OffersList.Limit,
            AkuaOperations.OffersList.Cursor,
            store.Offers.Values.Where(o => productId is null || o.ProductId == productId),
            o => Model(o, OfferView.Seller));
    }

    private Reply Get(EmulatorRequest request)
    {
        // offers.get takes no akua-context: the offer's own workspace scopes it.
        var id = request.Path(AkuaOperations.OffersGet.Id);
        return store.Offers.TryGetValue(id, out var offer) && request.Caller!.Workspaces.Contains(offer.WorkspaceId)
            ? Replies.Ok(200, Model(offer, OfferView.Seller))
            : Replies.NotFound(Kind, id);
    }

    /// <summary>
    /// The customer's view for every caller: what a landing page needs, plus the note and the
    /// pre-filled values for a signed-in customer the allowlist admits; 403 for one it excludes.
    /// Workspace tokens are no customers, so the seller sees the public view too.
    /// </summary>
    private Reply Resolve(EmulatorRequest request)
    {
        var hash = request.Query(AkuaOperations.OffersResolve.ShortHash)!;
        if (!store.OffersByShortHash.TryGetValue(hash, out var offer))
        {
            return Replies.Error(404, ErrorCodes.NotFound, $"No offer has the short hash '{hash}'.");
        }

        var view = OfferView.Public;
        if (request.Caller?.CustomerEmail is { } email)
        {
            if (!offer.Admits(email))
            {
                return Replies.Error(403, ErrorCodes.Forbidden, "This offer is for other customers: your email is not on its allowlist.");
            }

            view = OfferView.AdmittedCustomer;
        }

        return Replies.Ok(200, Model(offer, view));
    }

    private Reply Create(EmulatorRequest request)
    {
        var body = request.Body;
        var partnerOnly = TrustedPartnerOnly.Where(rule => body.Has(rule)).ToList();
        if (!store.TrustedPartner && partnerOnly.Count > 0)
        {
            return Replies.Errors(422, partnerOnly.Select(rule => new ApiErrorItem
            {
                Code = ErrorCodes.Unprocessable,
                Message = $"'{rule.Name}' is for trusted partners only (AkuaEmulatorOptions.TrustedPartner).",
                Path = ["body", rule.Name],
            }));
        }

        var versionId = body.Text(CreateOfferRequestRules.PackageVersionId);
        ProductRecord? product = null;
        if (body.Text(CreateOfferRequestRules.ProductId) is { } productId)
        {
            product = store.FindProduct(request.Workspace, productId);
            string[] at = ["body", CreateOfferRequestRules.ProductId.Name];
            if (product is null)
            {
                return Replies.Error(422, ErrorCodes.Unprocessable, $"No product '{productId}' in this workspace.", at);
            }

            if (product.ArchivedAt is not null)
            {
                return Replies.Error(422, ErrorCodes.Unprocessable, $"The product '{productId}' is archived.", at);
            }
        }

        // The product's pin, resolved now, unless a version of its package is named.
        var version = store.FindVersion(request.Workspace, versionId ?? product!.DefaultVersionId);
        string[] versionAt = ["body", CreateOfferRequestRules.PackageVersionId.Name];
        if (version is null)
        {
            return Replies.Error(422, ErrorCodes.Unprocessable, $"No package version '{versionId}' in this workspace.", versionAt);
        }

        if (product is not null && version.PackageId != product.PackageId)
        {
            return Replies.Error(422, ErrorCodes.Unprocessable, $"The package version '{versionId}' is not a version of the product's package '{product.PackageId}'.", versionAt);
        }

        var fieldValues = body.Element(CreateOfferRequestRules.FieldValues)?.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new OfferFieldValue { Value = p.Value.Element(OfferFieldValueInputRules.Value)!.Value.Clone(), Locked = p.Value.Flag(OfferFieldValueInputRules.Locked)!.Value },
            StringComparer.Ordinal);
        if (fieldValues is not null)
        {
            var problems = version.Schema.CheckValues(fieldValues.ToDictionary(f => f.Key, f => f.Value.Value, StringComparer.Ordinal)).ToList();
            if (problems.Count > 0)
            {
                return Replies.Errors(422, problems.Select(p => new ApiErrorItem
                {
                    Code = ErrorCodes.Validation,
                    Message = $"'field_values.{p.Key}' {p.Problem}",
                    Path = ["body", CreateOfferRequestRules.FieldValues.Name, p.Key, OfferFieldValueInputRules.Value.Name],
                }));
            }
        }

        var now = store.Now;
        var offer = new OfferRecord
        {
            Id = "offer_" + EmulatorStore.RandomLowerAlnum(24),
            ShortHash = store.NewShortHash(),
            WorkspaceId = request.Workspace!,
            Sequence = store.NextSequence(),
            CreatedAt = now,
            UpdatedAt = now,
            ProductId = product?.Id,
            PackageId = version.PackageId,
            PackageVersionId = version.Id,
            Schema = version.Schema,
            TargetWorkspaceId = body.Text(CreateOfferRequestRules.TargetWorkspaceId),
            RegionId = body.Text(CreateOfferRequestRules.RegionId),
            ClusterId = body.Text(CreateOfferRequestRules.ClusterId),
            AllowedEmails = body.Element(CreateOfferRequestRules.AllowedEmails)?.EnumerateArray().Select(e => e.GetString()!).ToList() ?? [],
            FieldValues = fieldValues,
            Customer = body.Element(CreateOfferRequestRules.Customer) is { } customer
                ? new OfferCustomer { DisplayName = customer.Text(OfferCustomerRules.DisplayName)!, ExternalId = customer.Text(OfferCustomerRules.ExternalId) }
                : null,
            InternalNote = body.Text(CreateOfferRequestRules.InternalNote),
            CommercialMode = body.Text(CreateOfferRequestRules.CommercialMode) is { } mode ? new CommercialMode(mode) : default(CommercialMode?),
            Notes = body.Text(CreateOfferRequestRules.Notes),
            ExpiresAt = body.Integer(CreateOfferRequestRules.ExpiresAt) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            MaxUses = body.Has(CreateOfferRequestRules.MaxUses) ? (int?)body.Integer(CreateOfferRequestRules.MaxUses) : DefaultMaxUses,
            OrderTtlMinutes = (int)(body.Integer(CreateOfferRequestRules.OrderTtlMinutes) ?? DefaultOrderTtlMinutes),
            Tier = body.Text(CreateOfferRequestRules.Tier),
            OfferChannelId = body.Text(CreateOfferRequestRules.OfferChannelId),
        };
        store.Offers[offer.Id] = offer;
        store.OffersByShortHash[offer.ShortHash] = offer;
        return Replies.Ok(201, new OfferCreated { Id = offer.Id, ShortHash = offer.ShortHash });
    }

    private Reply SetArchived(EmulatorRequest request, bool archive)
    {
        var id = request.Path(request.Operation.PathParameters.Single());
        var found = store.Offers.TryGetValue(id, out var record) && record.WorkspaceId == request.Workspace ? record : null;
        if (!request.Guard(found, Kind, id, out var offer, out var refused))
        {
            return refused;
        }

        // Archiving an archived offer (or unarchiving an active one) changes nothing.
        var now = store.Now;
        if (archive != (offer.ArchivedAt is not null))
        {
            offer.ArchivedAt = archive ? now : null;
            offer.Touch(now);
        }

        return Replies.Ok(200, Model(offer, OfferView.Seller));
    }

    private Offer Model(OfferRecord offer, OfferView view) =>
        offer.ToModel(offer.ProductId is { } productId ? store.Products.GetValueOrDefault(productId) : null, store.Now, view, store.SellerName);

    private static void CheckCreate(JsonElement body, SchemaValidator problems)
    {
        if (body.Integer(CreateOfferRequestRules.ExpiresAt) > LatestStorableSecond)
        {
            problems.Add(["body", CreateOfferRequestRules.ExpiresAt.Name], "is after the year 9999, which the emulator cannot store.");
        }
    }
}
