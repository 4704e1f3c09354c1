using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Akua.Sdk.Tests.Pipeline;

/// <summary>What a new user trips on, fixed while the API is 0.x.</summary>
public sealed class ApiPolishTests
{
    [Theory]
    [InlineData("https://api.akua.dev/")]
    [InlineData("https://api.akua.dev")]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("https://gateway.example.com/akua/")]
    public void A_base_address_without_a_version_segment_is_refused(string baseAddress)
    {
        var error = Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { BaseAddress = new Uri(baseAddress), ApiToken = "t" }));

        Assert.Contains("BaseAddress must end with the API's version segment", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.akua.dev/v1")]
    [InlineData("https://api.akua.dev/v1/")]
    [InlineData("https://gateway.example.com/akua/v2/")]
    public void A_base_address_with_a_version_segment_is_accepted(string baseAddress)
    {
        using var client = new AkuaClient(new AkuaClientOptions { BaseAddress = new Uri(baseAddress), ApiToken = "t" });
    }

    [Fact]
    public void Read_and_write_types_agree()
    {
        Assert.Equal(typeof(CreateProductRequest).GetProperty(nameof(CreateProductRequest.CustomImage))!.PropertyType, typeof(Product).GetProperty(nameof(Product.CustomImage))!.PropertyType);
        Assert.Equal(typeof(UpdateProductRequest).GetProperty(nameof(UpdateProductRequest.CustomImage))!.PropertyType, typeof(Product).GetProperty(nameof(Product.CustomImage))!.PropertyType);
        Assert.Equal(typeof(CreateOfferRequest).GetProperty(nameof(CreateOfferRequest.MaxUses))!.PropertyType, typeof(Offer).GetProperty(nameof(Offer.MaxUses))!.PropertyType);
    }

    [Fact]
    public async Task A_blank_configuration_value_means_unset()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Akua:ApiToken"] = "sk_akua_test_blank",
            ["Akua:WorkspaceContext"] = "",
            ["Akua:ApplicationId"] = "  ",
        }).Build();
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(HttpStatusCode.OK, "application/json", """{"data":[],"has_more":false,"next_cursor":null}""");
        var services = new ServiceCollection();
        services.AddAkuaSdk(configuration.GetSection("Akua")).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        HttpRequestMessage? sent = null;
        mock.Fallback.Respond(request =>
        {
            sent = request;
            return ClientFixture.Json(HttpStatusCode.OK, """{"data":[],"has_more":false,"next_cursor":null}""");
        });

        await provider.GetRequiredService<IOffersClient>().ListPageAsync();

        Assert.NotNull(sent);
        Assert.False(sent.Headers.Contains("akua-context"));
        Assert.EndsWith(")", string.Join(" ", sent.Headers.GetValues("User-Agent")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancellation_token_is_passed_by_name_after_the_request()
    {
        using var fixture = new ClientFixture();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // The decision: no overloads without options; pass the token by name, as with Stripe.net.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_1" }, cancellationToken: cancelled.Token));
        Assert.Empty(fixture.Requests);
    }

    [Fact]
    public void Generated_documentation_reads_as_text_and_says_what_each_field_is_for()
    {
        var path = Path.ChangeExtension(typeof(AkuaClient).Assembly.Location, ".xml");
        var members = XDocument.Load(path).Descendants("member").ToList();
        Assert.NotEmpty(members);
        var markdown = members.Where(m => m.Value.Contains('`', StringComparison.Ordinal)).Select(m => m.Attribute("name")!.Value).ToList();
        var placeholders = members.Where(m => System.Text.RegularExpressions.Regex.IsMatch(m.Value, @"^\s*The \S+ field\.\s*$")).Select(m => m.Attribute("name")!.Value).ToList();

        Assert.True(markdown.Count == 0, "Documentation with Markdown backticks: " + string.Join(", ", markdown));
        Assert.True(placeholders.Count == 0, "Properties documented only by name: " + string.Join(", ", placeholders));
    }
}
