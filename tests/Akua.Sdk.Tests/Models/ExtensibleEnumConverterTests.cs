using System.Text.Json;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Tests.Models;

/// <summary>The converter's cache of known values: same results as a fresh read, for every spelling.</summary>
public class ExtensibleEnumConverterTests
{
    private static readonly AkuaJsonContext Json = AkuaJsonContext.Default;

    private static OfferStatus Read(string json) =>
        JsonSerializer.Deserialize("{\"id\":\"o\",\"short_hash\":\"h\",\"package_id\":\"p\",\"package_version_id\":\"v\",\"created_at\":1,\"status\":" + json + "}", Json.Offer)!.Status;

    [Fact]
    public void Known_values_read_the_same_every_time_and_share_one_string()
    {
        var first = Read("\"archived\"");
        var second = Read("\"archived\"");

        Assert.Equal(OfferStatus.Archived, first);
        Assert.Equal(first, second);
        Assert.True(second.IsKnown);
        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public void Escaped_text_of_a_known_value_reads_as_that_value()
    {
        Read("\"expired\"");

        var escaped = Read("\"\\u0065xpired\"");

        Assert.Equal(OfferStatus.Expired, escaped);
        Assert.Equal("expired", escaped.Value);
    }

    [Fact]
    public void Unknown_values_are_read_and_not_mistaken_for_known_ones()
    {
        Read("\"active\"");

        var unknown = Read("\"activated\"");
        var prefix = Read("\"activ\"");

        Assert.Equal("activated", unknown.Value);
        Assert.False(unknown.IsKnown);
        Assert.Equal("activ", prefix.Value);
        Assert.Equal(OfferStatus.Active, Read("\"active\""));
    }

    [Fact]
    public void Case_differs_means_a_different_value()
    {
        Read("\"redeemed\"");

        var upper = Read("\"REDEEMED\"");

        Assert.Equal("REDEEMED", upper.Value);
        Assert.False(upper.IsKnown);
    }
}
