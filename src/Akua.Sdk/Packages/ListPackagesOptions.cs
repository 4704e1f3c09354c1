namespace Akua.Sdk;

/// <summary>Which page of packages to list.</summary>
public sealed class ListPackagesOptions
{
    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }

    /// <summary>How much each package includes; the API's default is <see cref="PackageView.Basic"/>.</summary>
    public PackageView? View { get; set; }
}

/// <summary>Which page of a package's versions to list.</summary>
public sealed class ListPackageVersionsOptions
{
    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }
}
