using System.Text;
using System.Text.Json;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Tests.Models;

/// <summary>The create-offer body writer: the generated metadata's bytes, with none of its write-stack allocations.</summary>
public class CreateOfferRequestWriterTests
{
    public static TheoryData<string> Requests() => [.. Samples.Keys];

    private static readonly Dictionary<string, Func<CreateOfferRequest>> Samples = new()
    {
        ["empty"] = () => new CreateOfferRequest(),
        ["benchmark shape"] = () => new CreateOfferRequest { ProductId = "prod_1", AllowedEmails = ["buyer@example.com"], MaxUses = 5, Notes = "Welcome aboard" },
        ["unlimited, no emails"] = () => new CreateOfferRequest { ProductId = "prod_1", AllowedEmails = [], MaxUses = OfferUsageLimit.Unlimited },
        ["escaping"] = () => new CreateOfferRequest { ProductId = "prod_\"<&>'", Notes = "caf\u00e9 \u2014 \ud83d\ude00\n\t\\", InternalNote = "</script>" },
        ["every property"] = () => new CreateOfferRequest
        {
            ProductId = "prod_1",
            PackageVersionId = "pv_1",
            TargetWorkspaceId = "ws_target",
            RegionId = "region_1",
            ClusterId = "cluster_1",
            AllowedEmails = ["a@example.com", "b@example.com"],
            FieldValues = new Dictionary<string, OfferFieldValueInput>
            {
                ["size"] = new() { Value = JsonDocument.Parse("{\"cpu\": 2}").RootElement, Locked = true },
                ["name"] = new() { Value = JsonDocument.Parse("\"x\"").RootElement },
            },
            Customer = new OfferCustomer { DisplayName = "Ada", ExternalId = "crm_1" },
            InternalNote = "internal",
            CommercialMode = new CommercialMode("paid"),
            PricingRequest = new OfferPricingRequest { Currency = new Currency("usd"), UnitAmount = 1999, Interval = new PricingInterval("month") },
            Notes = "notes",
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_123),
            MaxUses = 10_000,
            OrderTtlMinutes = 1440,
            Tier = "gold",
            OfferChannelId = "och_1",
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Writes_what_the_generated_metadata_writes(string sample)
    {
        var request = Samples[sample]();

        var fast = JsonSerializer.SerializeToUtf8Bytes(request, CreateOfferRequestWriter.TypeInfo);
        var generated = JsonSerializer.SerializeToUtf8Bytes(request, AkuaJsonContext.Default.CreateOfferRequest);

        Assert.Equal(Encoding.UTF8.GetString(generated), Encoding.UTF8.GetString(fast));
    }

    [Fact]
    public void Writes_every_property_of_the_generated_model_in_its_order()
    {
        // A property the document adds to CreateOfferRequest fails here until the writer writes it.
        var generated = AkuaJsonContext.Default.CreateOfferRequest.Properties.Select(p => p.Name);

        Assert.Equal(generated, CreateOfferRequestWriter.PropertyNames);
    }

    [Fact]
    public void Allocates_only_the_body()
    {
        var request = Samples["benchmark shape"]();
        var length = JsonSerializer.SerializeToUtf8Bytes(request, CreateOfferRequestWriter.TypeInfo).Length;
        for (var i = 0; i < 100; i++)
        {
            JsonSerializer.SerializeToUtf8Bytes(request, CreateOfferRequestWriter.TypeInfo);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            JsonSerializer.SerializeToUtf8Bytes(request, CreateOfferRequestWriter.TypeInfo);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0;

        // The byte[] itself (header and length word) plus the list's boxed enumerator at most.
        Assert.InRange(perCall, length, length + 32 + 48);
    }
}
