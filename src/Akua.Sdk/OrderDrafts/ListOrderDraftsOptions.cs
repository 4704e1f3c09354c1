namespace Akua.Sdk;

/// <summary>Which order drafts to list: those of one offer, optionally in one phase.</summary>
public sealed class ListOrderDraftsOptions
{
    /// <summary>The offer whose drafts to list (<c>offer_...</c>); the API lists drafts one offer at a time.</summary>
    public required string OfferId { get; set; }

    /// <summary>Only drafts in this phase; null for every phase.</summary>
    public OrderDraftStatus? Status { get; set; }

    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }
}

/// <summary>Which page of an order draft's checkout sessions to list.</summary>
public sealed class ListCheckoutSessionsOptions
{
    /// <summary>Items per page, 1 to 100; the API's default is 50.</summary>
    public int? Limit { get; set; }

    /// <summary>The <see cref="AkuaPage{T}.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; set; }
}
