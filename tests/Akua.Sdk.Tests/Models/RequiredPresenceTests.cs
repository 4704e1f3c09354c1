using System.Text.Json;
using System.Text.Json.Nodes;
using Akua.Sdk.Serialization;

namespace Akua.Sdk.Tests.Models;

/// <summary>
/// A property the document lists as required must be in the body, whatever its type: value types
/// (which would silently read as false or 0), nullable ones (which may be null but not absent) and
/// reference types alike. The generated setters note what the reader set; no [JsonRequired] tracking.
/// </summary>
public sealed class RequiredPresenceTests
{
    [Theory]
    [InlineData("cluster_ready")]     // bool
    [InlineData("created_at")]        // DateTimeOffset, Unix seconds
    [InlineData("status")]            // extensible enum struct
    [InlineData("etag")]              // string
    public void An_absent_required_property_fails_the_read_naming_it(string property)
    {
        var draft = JsonNode.Parse(OrderDraftPayloads.OrderDraft())!.AsObject();
        draft.Remove(property);

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(draft.ToJsonString(), AkuaJsonContext.Default.OrderDraft));

        Assert.Contains($"'{property}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_nullable_property_may_be_null_but_not_absent()
    {
        var package = JsonNode.Parse(OperationPayloads.Package)!.AsObject();
        package["description"] = null;
        Assert.Null(JsonSerializer.Deserialize(package.ToJsonString(), AkuaJsonContext.Default.Package)!.Description);

        package.Remove("description");
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(package.ToJsonString(), AkuaJsonContext.Default.Package));
        Assert.Contains("'description' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_properties_may_be_absent()
    {
        var draft = JsonNode.Parse(OrderDraftPayloads.OrderDraft())!.AsObject();
        draft.Remove("customer_email");
        draft.Remove("install_operation_id");

        var read = JsonSerializer.Deserialize(draft.ToJsonString(), AkuaJsonContext.Default.OrderDraft)!;

        Assert.Null(read.CustomerEmail);
        Assert.Null(read.InstallOperationId);
    }
}
