namespace Akua.Sdk.Testing.Tests;

public sealed class WorkspaceTests
{
    private static AkuaEmulatorOptions Options()
    {
        var options = new AkuaEmulatorOptions();
        options.AdditionalWorkspaceIds.Add("ws_second");
        options.AdditionalTokens["sk_akua_test_other"] = "ws_other";
        return options;
    }

    [Fact]
    public async Task Resources_belong_to_the_workspace_they_were_created_in()
    {
        await using var emulator = await AkuaEmulator.StartAsync(Options());
        using var api = new Api(emulator);
        using var other = new Api(emulator, "sk_akua_test_other");

        var product = await api.CreateProduct();
        var id = product.GetProperty("id").GetString()!;
        var offer = await api.CreateOffer(id);
        var offerId = offer.GetProperty("id").GetString()!;

        Assert.Equal("ws_emulator", product.GetProperty("workspace_id").GetString());
        Assert.Equal(404, (await other.Get("products/" + id)).Status);
        Assert.Equal(404, (await other.Get("offers/" + offerId)).Status);
        Assert.Equal(0, (await other.Get("products")).Json.GetProperty("data").GetArrayLength());
        Assert.Equal(0, (await other.Get("offers")).Json.GetProperty("data").GetArrayLength());
        Assert.Equal(422, (await other.Post("offers", $$"""{"product_id":"{{id}}"}""")).Status);
        Assert.Equal(1, emulator.ProductCount());
        Assert.Equal(0, emulator.ProductCount("ws_other"));
    }

    [Fact]
    public async Task The_akua_context_header_selects_one_of_the_tokens_workspaces()
    {
        await using var emulator = await AkuaEmulator.StartAsync(Options());
        using var api = new Api(emulator);

        var product = await api.CreateProduct(headers: ("akua-context", "ws_second"));
        var id = product.GetProperty("id").GetString()!;

        Assert.Equal("ws_second", product.GetProperty("workspace_id").GetString());
        Assert.Equal(404, (await api.Get("products/" + id)).Status);
        Assert.Equal(200, (await api.Get("products/" + id, ("akua-context", "ws_second"))).Status);
        Assert.Equal(1, emulator.ProductCount("ws_second"));
        Assert.Equal(0, emulator.ProductCount());

        // offers.get is scoped by the offer's own workspace and takes no akua-context.
        var created = await api.Post("offers", $$"""{"product_id":"{{id}}"}""", ("akua-context", "ws_second"));
        Assert.Equal(200, (await api.Get("offers/" + created.Str("id"))).Status);
        Assert.Equal(1, emulator.OfferCount("ws_second"));
    }

    [Fact]
    public async Task A_workspace_the_token_cannot_act_in_is_forbidden()
    {
        await using var emulator = await AkuaEmulator.StartAsync(Options());
        using var other = new Api(emulator, "sk_akua_test_other");

        var answer = await other.Get("products", ("akua-context", "ws_emulator"));

        Assert.Equal(403, answer.Status);
        Assert.Equal(["header/akua-context"], answer.ErrorPaths);
    }
}
