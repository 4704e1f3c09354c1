using System.Text;

namespace Akua.Sdk.Benchmarks.Fixtures;

/// <summary>
/// The canned responses every contender reads, as bytes: the shared sample payloads (tests/Shared/Payloads.cs) and list
/// pages of distinct offers made from them.
/// </summary>
internal static class CannedBodies
{
    public const int PageSize = 100;

    public static readonly byte[] Offer = Encoding.UTF8.GetBytes(Payloads.Offer);
    public static readonly byte[] Product = Encoding.UTF8.GetBytes(Payloads.Product);
    public static readonly byte[] OfferCreated = Encoding.UTF8.GetBytes(Payloads.OfferCreated);

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
            sb.Append(Payloads.Offer
                .Replace($"\"{Payloads.OfferId}\"", $"\"offer_j572abc123d{i:D5}\"", StringComparison.Ordinal)
                .Replace("\"aB3xK9pQ\"", $"\"aB3x{i:D4}\"", StringComparison.Ordinal));
        }

        return sb.Append(']').ToString();
    }
}
