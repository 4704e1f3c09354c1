using System.Text;

namespace Akua.Sdk.Benchmarks.Fixtures;

/// <summary>
/// The canned responses every contender reads: realistic payloads shaped like the tests'
/// (tests/Akua.Sdk.Tests/Models/Payloads.cs) and Akua's documentation examples.
/// </summary>
internal static class Payloads
{
    public const string OfferId = "offer_j572abc123def456";
    public const string ProductId = "prod_j572abc123def456";
    public const string ProductEtag = "7";
    public const int PageSize = 100;

    public const string OfferJson = """
        {
          "id": "offer_j572abc123def456",
          "short_hash": "aB3xK9pQ",
          "package_id": "pkg_j572abc123def456",
          "package_version_id": "pkgv_j572abc123def456",
          "status": "active",
          "created_at": 1767225600,
          "workspace_id": "ws_j572abc123def456",
          "target_workspace_id": "ws_target000000001",
          "created_by": "user_j572abc",
          "product_id": "prod_j572abc123def456",
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

    public const string ProductJson = """
        {
          "id": "prod_j572abc123def456",
          "html_url": "https://akua.dev/products/prod_j572abc123def456",
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
          "etag": "7",
          "state": "active",
          "custom_image": "https://cdn.example.com/pg.png",
          "custom_description": "Managed PostgreSQL"
        }
        """;

    public const string OfferCreatedJson = """{ "id": "offer_j572abc123def456", "short_hash": "aB3xK9pQ" }""";

    public static readonly byte[] Offer = Encoding.UTF8.GetBytes(OfferJson);
    public static readonly byte[] Product = Encoding.UTF8.GetBytes(ProductJson);
    public static readonly byte[] OfferCreated = Encoding.UTF8.GetBytes(OfferCreatedJson);

    /// <summary>The <c>data</c> array of one list page: 100 distinct offers, newest first.</summary>
    private static readonly string PageData = BuildPageData();

    /// <summary>One list page of 100 offers; <paramref name="page"/> is 0-based, <paramref name="totalPages"/> sets <c>has_more</c>.</summary>
    public static byte[] ListPage(int page, int totalPages)
    {
        var hasMore = page + 1 < totalPages;
        var tail = hasMore ? $"\"has_more\": true, \"next_cursor\": \"p{page + 1}\" }}" : "\"has_more\": false, \"next_cursor\": null }";
        return Encoding.UTF8.GetBytes("{ \"data\": " + PageData + ", " + tail);
    }

    private static string BuildPageData()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < PageSize; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            // Distinct ids and hashes, as a real page has.
            sb.Append(OfferJson
                .Replace("\"offer_j572abc123def456\"", $"\"offer_j572abc123d{i:D5}\"", StringComparison.Ordinal)
                .Replace("\"aB3xK9pQ\"", $"\"aB3x{i:D4}\"", StringComparison.Ordinal));
        }

        return sb.Append(']').ToString();
    }
}
