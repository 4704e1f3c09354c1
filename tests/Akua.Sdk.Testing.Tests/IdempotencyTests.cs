namespace Akua.Sdk.Testing.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var body = $$"""{"product_id":"{{product}}","max_uses":3}""";

        var first = await api.Post("offers", body, ("idempotency-key", "key-1"));
        var second = await api.Post("offers", body, ("idempotency-key", "key-1"));

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, emulator.OfferCount());
        Assert.Equal(["key-1", "key-1"], emulator.ReceivedIdempotencyKeys);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_conflict()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;

        await api.Post("offers", $$"""{"product_id":"{{product}}","max_uses":3}""", ("idempotency-key", "key-1"));
        var changed = await api.Post("offers", $$"""{"product_id":"{{product}}","max_uses":4}""", ("idempotency-key", "key-1"));
        var otherOperation = await api.Post("products", $$$"""{"name":"Other","package_id":"{{{api.PackageId}}}","package_version_pin":{"kind":"latest"}}""", ("idempotency-key", "key-1"));

        Assert.Equal(409, changed.Status);
        Assert.Equal(409, otherOperation.Status);
        Assert.Equal(["header/idempotency-key"], changed.ErrorPaths);
        Assert.Equal(1, emulator.OfferCount());
    }

    [Fact]
    public async Task Keys_are_scoped_by_workspace()
    {
        var options = new AkuaEmulatorOptions();
        options.AdditionalWorkspaceIds.Add("ws_second");
        await using var emulator = await AkuaEmulator.StartAsync(options);
        using var api = new Api(emulator);
        string Body(string workspace) => $$$"""{"name":"Same","package_id":"{{{api.Package(workspace)}}}","package_version_pin":{"kind":"latest"}}""";

        var first = await api.Post("products", Body(emulator.DefaultWorkspaceId), ("idempotency-key", "k"));
        var second = await api.Post("products", Body("ws_second"), ("idempotency-key", "k"), ("akua-context", "ws_second"));

        Assert.Equal(201, second.Status);
        Assert.NotEqual(first.Str("id"), second.Str("id"));
    }

    [Fact]
    public async Task A_replayed_patch_returns_the_first_answer_even_after_the_etag_moved_on()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = await api.CreateProduct();
        var id = product.GetProperty("id").GetString()!;
        var etag = product.GetProperty("etag").GetString()!;

        var first = await api.Patch("products/" + id, """{"name":"Renamed"}""", ("if-match", etag), ("idempotency-key", "patch-1"));
        var replay = await api.Patch("products/" + id, """{"name":"Renamed"}""", ("if-match", etag), ("idempotency-key", "patch-1"));

        Assert.Equal(200, replay.Status);
        Assert.Equal(first.Text, replay.Text);
    }

    [Fact]
    public async Task Failed_requests_do_not_use_up_the_key()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var invalid = await api.Post("products", """{"name":"x"}""", ("idempotency-key", "k"));
        var valid = await api.Post("products", $$$"""{"name":"Fine","package_id":"{{{api.PackageId}}}","package_version_pin":{"kind":"latest"}}""", ("idempotency-key", "k"));

        Assert.Equal(400, invalid.Status);
        Assert.Equal(201, valid.Status);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_offer()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var body = $$"""{"product_id":"{{product}}"}""";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.Post("offers", body, ("idempotency-key", "same"))));

        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Single(answers.Select(a => a.Text).Distinct());
        Assert.Equal(1, emulator.OfferCount());
    }
}
