namespace Akua.Sdk;

/// <summary>The documented limits of the product writes, checked before anything is sent.</summary>
internal static class ProductRequestValidation
{
    public const int MinNameLength = 2;
    public const int MaxNameLength = 64;
    private const int MaxPackageIdLength = 54;
    private const int MaxDescriptionLength = 500;
    private const int MaxArchiveReasonLength = 500;

    public static void Validate(CreateProductRequest request, string paramName)
    {
        ArgumentNullException.ThrowIfNull(request, paramName);
        Name(request.Name ?? throw new ArgumentException($"{paramName}.Name is required.", paramName + ".Name"), paramName);
        OfferRequestValidation.Length(request.PackageId ?? throw new ArgumentException($"{paramName}.PackageId is required.", paramName + ".PackageId"), 1, MaxPackageIdLength, paramName, ".PackageId");
        if (request.PackageVersionPin is null)
        {
            throw new ArgumentException($"{paramName}.PackageVersionPin is required: PackageVersionPin.Latest or PackageVersionPin.Pinned(\"1.2.3\").", paramName + ".PackageVersionPin");
        }

        Image(request.CustomImage, paramName + ".CustomImage");
        OfferRequestValidation.Length(request.CustomDescription, 0, MaxDescriptionLength, paramName, ".CustomDescription");
    }

    public static void Validate(UpdateProductRequest update, string paramName)
    {
        ArgumentNullException.ThrowIfNull(update, paramName);
        if (update.Name is not null)
        {
            Name(update.Name, paramName);
        }

        Image(update.CustomImage, paramName + ".CustomImage");
        OfferRequestValidation.Length(update.CustomDescription, 0, MaxDescriptionLength, paramName, ".CustomDescription");
    }

    public static void Validate(ArchiveProductRequest? request, string paramName) =>
        OfferRequestValidation.Length(request?.ArchiveReason, 0, MaxArchiveReasonLength, paramName, ".ArchiveReason");

    private static void Name(string name, string paramName) =>
        OfferRequestValidation.Length(name, MinNameLength, MaxNameLength, paramName, ".Name");

    private static void Image(Uri? image, string paramName)
    {
        if (image is not null && !image.IsAbsoluteUri)
        {
            throw new ArgumentException($"{paramName} must be an absolute URI.", paramName);
        }
    }
}
