namespace Akua.Sdk.Fixtures;

/// <summary>
/// The sample offer and product bodies, shaped after the examples on Akua's documentation pages: the one copy that the
/// unit tests, the reliability tests and the benchmarks read (each project links this file from tests/Shared).
/// </summary>
internal static class Payloads
{
    public const string OfferId = "offer_j572abc123def456";
    public const string ProductId = "prod_j572abc123def456";

    /// <summary>The etag <see cref="Product"/> carries.</summary>
    public const string ProductEtag = "7";

    /// <summary>What the API answers to an offer create: the new offer's id and short hash.</summary>
    public const string OfferCreated = $$"""{ "id": "{{OfferId}}", "short_hash": "aB3xK9pQ" }""";

    /// <summary>An offer as its seller reads it, every field set.</summary>
    public const string Offer = $$"""
        {
          "id": "{{OfferId}}",
          "short_hash": "aB3xK9pQ",
          "package_id": "pkg_j572abc123def456",
          "package_version_id": "pkgv_j572abc123def456",
          "status": "active",
          "created_at": 1767225600,
          "workspace_id": "ws_j572abc123def456",
          "target_workspace_id": "ws_target000000001",
          "created_by": "user_j572abc",
          "product_id": "{{ProductId}}",
          "input_schema": { "type": "object", "properties": { "db_size": { "type": "string" } } },
          "allowed_emails": [ "jsmith@example.com" ],
          "field_values": {
            "db_size": { "value": "large", "locked": true },
            "admin_password": { "value": null, "locked": true, "redacted": true }
          },
          "customer": { "display_name": "Example Corp", "external_id": "crm-42" },
          "internal_note": "Renewal for Q3",
          "tier": "enterprise",
          "region_id": "region_eu_west",
          "cluster_id": "cluster_0001",
          "offer_channel_id": "och_123",
          "commercial_mode": "paid",
          "approval_state": "approved",
          "requested_policy_snapshot": {
            "offer_channel_id": "och_123",
            "channel_policy_id": "chp_123",
            "channel_policy_version": 3,
            "commercial_mode": "paid",
            "approval_required": true,
            "checkout_required": true,
            "support_scope": { "type": "scoped_support_relationship", "visibility": [ "install_state", "app_urls" ] },
            "pricing_summary": { "currency": "eur", "unit_amount": 4900, "interval": "month", "source": "request" },
            "blocking_reasons": []
          },
          "notes": "Thanks for choosing us",
          "expires_at": 1798761600,
          "max_uses": 5,
          "order_ttl_minutes": 120,
          "used_count": 1,
          "updated_at": 1767225700,
          "etag": "42",
          "product_name": "PostgreSQL Managed",
          "image_url": "https://cdn.example.com/pg.png",
          "seller_name": "Example Seller"
        }
        """;

    /// <summary>A product with a pinned package version, published on the marketplace.</summary>
    public const string Product = $$"""
        {
          "id": "{{ProductId}}",
          "html_url": "https://akua.dev/products/{{ProductId}}",
          "name": "PostgreSQL Managed",
          "workspace_id": "ws_j572abc123def456",
          "package": {
            "id": "pkg_j572abc123def456",
            "version_pin": { "kind": "pinned", "version": "1.2.3" },
            "default_version_id": "pkgv_j572abc123def456"
          },
          "marketplace": { "published": true },
          "created_at": 1767225600,
          "updated_at": 1767225700,
          "etag": "{{ProductEtag}}",
          "state": "active",
          "custom_image": "https://cdn.example.com/pg.png",
          "custom_description": "Managed PostgreSQL"
        }
        """;
}
