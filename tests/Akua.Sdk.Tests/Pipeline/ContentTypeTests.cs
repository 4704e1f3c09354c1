using System.Net;
using System.Text;

namespace Akua.Sdk.Tests.Pipeline;

/// <summary>Which response content types count as JSON (read from the raw header text).</summary>
public class ContentTypeTests
{
    private const string Body = "{\"id\":\"offer_1\",\"short_hash\":\"h\",\"package_id\":\"p\",\"package_version_id\":\"v\",\"created_at\":1,\"status\":\"active\"}";

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=UTF-8")]
    [InlineData("  application/json  ")]
    [InlineData("application/problem+json")]
    [InlineData("application/vnd.akua.v1+json; charset=utf-8")]
    public async Task Json_media_types_are_read(string contentType)
    {
        using var fixture = Respond(contentType);

        var offer = await fixture.Client.Offers.GetAsync("offer_1");

        Assert.Equal("offer_1", offer.Id);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/jsonx")]
    [InlineData("application/json-seq")]
    [InlineData("text/json+xml")]
    [InlineData("application/json, text/plain")]
    [InlineData("")]
    public async Task Other_media_types_are_invalid_responses(string contentType)
    {
        using var fixture = Respond(contentType);

        await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => fixture.Client.Offers.GetAsync("offer_1"));
    }

    [Fact]
    public async Task A_missing_content_type_is_an_invalid_response()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Body, configure: r => r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body)));

        await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => fixture.Client.Offers.GetAsync("offer_1"));
    }

    private static ClientFixture Respond(string contentType)
    {
        var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, Body, configure: r =>
        {
            r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            r.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        });
        return fixture;
    }
}
