namespace Akua.Sdk;

/// <summary>Which page of operations to list.</summary>
public sealed class ListOperationsOptions
{
    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }

    /// <summary>Only operations on resources of this kind; needs <see cref="OwnerId"/> too.</summary>
    public OperationOwnerType? OwnerType { get; set; }

    /// <summary>Only operations on this resource; needs <see cref="OwnerType"/> too.</summary>
    public string? OwnerId { get; set; }
}
