using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>The six Products operations.</summary>
internal sealed class ProductsRoutes(EmulatorStore store)
{
    private const string Kind = "product";

    public IEnumerable<EmulatorRoute> Routes() =>
    [
        new(AkuaOperations.ProductsList.Info, List),
        new(AkuaOperations.ProductsCreate.Info, Create, (body, problems) => CheckPin(body, CreateProductRequestRules.PackageVersionPin, problems)),
        new(AkuaOperations.ProductsGet.Info, Get),
        new(AkuaOperations.ProductsUpdate.Info, Update, (body, problems) => CheckPin(body, UpdateProductRequestRules.PackageVersionPin, problems)),
        new(AkuaOperations.ProductsArchive.Info, Archive),
        new(AkuaOperations.ProductsUnarchive.Info, Unarchive),
    ];

    private Reply List(EmulatorRequest request) =>
        Paging.Page(request, AkuaOperations.ProductsList.Limit, AkuaOperations.ProductsList.Cursor, store.Products.Values, p => p.ToModel(store.Origin));

    private Reply Get(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.ProductsGet.Id);
        return store.FindProduct(request.Workspace, id) is { } product
            ? Replies.Ok(200, product.ToModel(store.Origin))
            : Replies.NotFound(Kind, id);
    }

    private Reply Create(EmulatorRequest request)
    {
        var body = request.Body;
        var packageId = body.Text(CreateProductRequestRules.PackageId)!;
        var pin = ReadPin(body, CreateProductRequestRules.PackageVersionPin)!;
        if (store.FindPackage(request.Workspace, packageId) is not { } package)
        {
            return Replies.Error(422, ErrorCodes.Unprocessable, $"No package '{packageId}' in this workspace.", ["body", CreateProductRequestRules.PackageId.Name]);
        }

        if (!Resolve(package, pin, CreateProductRequestRules.PackageVersionPin, out var version, out var refused))
        {
            return refused;
        }

        var now = store.Now;
        var product = new ProductRecord
        {
            Id = "prod_" + EmulatorStore.RandomLowerAlnum(24),
            WorkspaceId = request.Workspace!,
            Sequence = store.NextSequence(),
            CreatedAt = now,
            UpdatedAt = now,
            Name = body.Text(CreateProductRequestRules.Name)!,
            PackageId = packageId,
            Pin = pin,
            DefaultVersionId = version.Id,
            CustomImage = body.Text(CreateProductRequestRules.CustomImage),
            CustomDescription = body.Text(CreateProductRequestRules.CustomDescription),
            Published = body.Element(CreateProductRequestRules.Marketplace)?.Flag(ProductMarketplaceRules.Published),
        };
        store.Products[product.Id] = product;
        return Replies.Ok(201, product.ToModel(store.Origin));
    }

    /// <summary>The version a pin points at; 422 naming the pin's version when the package has none with it.</summary>
    private bool Resolve(PackageRecord package, PackageVersionPin pin, AkuaValueRule rule, [NotNullWhen(true)] out PackageVersionRecord? version, out Reply refused)
    {
        version = store.Resolve(package, pin);
        refused = version is null
            ? Replies.Error(422, ErrorCodes.Unprocessable, $"The package '{package.Id}' has no version {pin.Version}.", ["body", rule.Name, PackageVersionPinRules.Version.Name])
            : default;
        return version is not null;
    }

    private Reply Update(EmulatorRequest request)
    {
        if (!Target(request, out var product, out var refused))
        {
            return refused;
        }

        // A patch without fields changes nothing, so the etag and updated_at stay.
        var body = request.Body;
        if (!body.EnumerateObject().Any())
        {
            return Replies.Ok(200, product.ToModel(store.Origin));
        }

        if (ReadPin(body, UpdateProductRequestRules.PackageVersionPin) is { } pin)
        {
            // The package cannot be deleted while the product uses it. Checked before anything changes.
            if (!Resolve(store.Packages[product.PackageId], pin, UpdateProductRequestRules.PackageVersionPin, out var version, out var unresolved))
            {
                return unresolved;
            }

            product.Pin = pin;
            product.DefaultVersionId = version.Id;
        }

        if (body.Text(UpdateProductRequestRules.Name) is { } name)
        {
            product.Name = name;
        }

        // Sent as null, these two clear the field.
        if (body.Has(UpdateProductRequestRules.CustomImage))
        {
            product.CustomImage = body.Text(UpdateProductRequestRules.CustomImage);
        }

        if (body.Has(UpdateProductRequestRules.CustomDescription))
        {
            product.CustomDescription = body.Text(UpdateProductRequestRules.CustomDescription);
        }

        if (body.Element(UpdateProductRequestRules.Marketplace) is { } marketplace)
        {
            product.Published = marketplace.Flag(ProductMarketplaceRules.Published);
        }

        product.Touch(store.Now);
        return Replies.Ok(200, product.ToModel(store.Origin));
    }

    private Reply Archive(EmulatorRequest request)
    {
        if (!Target(request, out var product, out var refused))
        {
            return refused;
        }

        var now = store.Now;
        if (product.ArchivedAt is null)
        {
            product.ArchivedAt = now;
            product.ArchiveReason = request.Body.Text(ArchiveProductRequestRules.ArchiveReason);
            product.Touch(now);
        }

        if (request.Body.Flag(ArchiveProductRequestRules.CascadeOffers) == true)
        {
            foreach (var offer in store.Offers.Values.Where(o => o.WorkspaceId == product.WorkspaceId && o.ProductId == product.Id && o.ArchivedAt is null))
            {
                offer.ArchivedAt = now;
                offer.Touch(now);
            }
        }

        return Replies.Ok(200, product.ToModel(store.Origin));
    }

    private Reply Unarchive(EmulatorRequest request)
    {
        if (!Target(request, out var product, out var refused))
        {
            return refused;
        }

        // The product's offers stay archived: each comes back on its own.
        if (product.ArchivedAt is not null)
        {
            product.ArchivedAt = null;
            product.ArchiveReason = null;
            product.Touch(store.Now);
        }

        return Replies.Ok(200, product.ToModel(store.Origin));
    }

    /// <summary>The product an <c>if-match</c> write names in its path, guarded (404, 409).</summary>
    private bool Target(EmulatorRequest request, [NotNullWhen(true)] out ProductRecord? product, out Reply refused)
    {
        var id = request.Path(request.Operation.PathParameters.Single());
        return request.Guard(store.FindProduct(request.Workspace, id), Kind, id, out product, out refused);
    }

    private static PackageVersionPin? ReadPin(JsonElement body, AkuaValueRule rule) =>
        body.Element(rule) is not { } pin ? null
            : pin.Text(PackageVersionPinRules.Kind) == PackageVersionPinKind.Pinned.Value ? PackageVersionPin.Pinned(pin.Text(PackageVersionPinRules.Version)!)
            : PackageVersionPin.Latest;

    /// <summary>
    /// The published document states the pin as <c>oneOf</c> <c>{kind: latest}</c> and
    /// <c>{kind: pinned, version}</c>; our document flattens it (for NSwag), so the generated rules
    /// check each property and this the union: <c>version</c> with, and only with, <c>pinned</c>.
    /// </summary>
    private static void CheckPin(JsonElement body, AkuaValueRule rule, SchemaValidator problems)
    {
        if (body.Element(rule) is not { ValueKind: JsonValueKind.Object } pin)
        {
            return;
        }

        var kind = pin.Text(PackageVersionPinRules.Kind);
        var hasVersion = pin.Has(PackageVersionPinRules.Version);
        string[] at = ["body", rule.Name, PackageVersionPinRules.Version.Name];
        if (kind == PackageVersionPinKind.Latest.Value && hasVersion)
        {
            problems.Add(at, $"is only allowed with kind '{PackageVersionPinKind.Pinned.Value}'.");
        }
        else if (kind == PackageVersionPinKind.Pinned.Value && !hasVersion)
        {
            problems.Add(at, $"is required with kind '{PackageVersionPinKind.Pinned.Value}'.");
        }
    }
}
