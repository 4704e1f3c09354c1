namespace Akua.Sdk.ContractTests.Dynamic;

/// <summary>The document's required fields, checked on what the SDK read.</summary>
internal static class ResponseChecks
{
    public static void Offer(Offer offer)
    {
        Assert.NotNull(offer);
        Assert.NotNull(offer.Id);
        Assert.NotNull(offer.ShortHash);
        Assert.NotNull(offer.PackageId);
        Assert.NotNull(offer.PackageVersionId);
        Assert.NotNull(offer.Status.Value);
        if (offer.FieldValues is { } fieldValues)
        {
            Assert.All(fieldValues.Values, Assert.NotNull);
        }

        if (offer.Customer is { } customer)
        {
            Assert.NotNull(customer.DisplayName);
        }

        PolicySnapshot(offer.RequestedPolicySnapshot);
        PolicySnapshot(offer.ApprovedPolicySnapshot);
    }

    public static void Product(Product product)
    {
        Assert.NotNull(product);
        Assert.NotNull(product.Id);
        Assert.NotNull(product.HtmlUrl);
        Assert.NotNull(product.Name);
        Assert.NotNull(product.WorkspaceId);
        Assert.NotNull(product.Package);
        Assert.NotNull(product.Package.Id);
        Assert.NotNull(product.Package.VersionPin);
        Assert.NotNull(product.Package.VersionPin.Kind.Value);
        Assert.NotNull(product.Etag);
        Assert.NotNull(product.State.Value);
    }

    public static void Package(Package package)
    {
        Assert.NotNull(package);
        Assert.NotNull(package.Id);
        Assert.NotNull(package.Name);
        Assert.NotNull(package.Source);
    }

    public static void PackageVersion(PackageVersion version)
    {
        Assert.NotNull(version);
        Assert.NotNull(version.Id);
        Assert.NotNull(version.Semver);
    }

    public static void Operation(Operation operation)
    {
        Assert.NotNull(operation);
        Assert.NotNull(operation.Id);
        Assert.NotNull(operation.State.Value);

        // Whatever kind the server invents, the typed views either read it or stay null; never a raw exception.
        _ = operation.Kind;
        _ = (operation.PackageCreateMetadata, operation.PackageCreateResponse, operation.InstallCreateMetadata, operation.InstallCreateResponse);
    }

    public static void OrderDraft(OrderDraft draft)
    {
        Assert.NotNull(draft);
        Assert.NotNull(draft.Id);
        Assert.NotNull(draft.OfferId);
        Assert.NotNull(draft.Status.Value);
        Assert.NotNull(draft.Etag);
    }

    public static void CheckoutSession(CheckoutSession session)
    {
        Assert.NotNull(session);
        Assert.NotNull(session.Id);
        Assert.NotNull(session.OrderDraftId);
        Assert.NotNull(session.State.Value);
    }

    public static void Install(Install install)
    {
        Assert.NotNull(install);
        Assert.NotNull(install.Id);
        Assert.NotNull(install.PackageVersionId);
        Assert.NotNull(install.CustomerWorkspace);
        Assert.NotNull(install.Urls);
        Assert.NotNull(install.State.Value);
    }

    public static void Page<T>(AkuaPage<T> page, Action<T> item)
    {
        Assert.NotNull(page);
        Assert.NotNull(page.Data);
        Assert.All(page.Data, item);
    }

    private static void PolicySnapshot(OfferPolicySnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return;
        }

        Assert.NotNull(snapshot.OfferChannelId);
        Assert.NotNull(snapshot.ChannelPolicyId);
        Assert.NotNull(snapshot.CommercialMode.Value);
        Assert.NotNull(snapshot.SupportScope);
        Assert.NotNull(snapshot.SupportScope.Type.Value);
        Assert.NotNull(snapshot.SupportScope.Visibility);
        if (snapshot.PricingSummary is { } pricing)
        {
            Assert.NotNull(pricing.Currency.Value);
            Assert.NotNull(pricing.Interval.Value);
            Assert.NotNull(pricing.Source.Value);
        }
    }
}
