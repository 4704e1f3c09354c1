namespace Akua.Sdk;

/// <summary>Which page of installs to list.</summary>
public sealed class ListInstallsOptions
{
    /// <summary>Only installs of this product (<c>prod_...</c>); null for every install.</summary>
    public string? ProductId { get; set; }

    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }
}
