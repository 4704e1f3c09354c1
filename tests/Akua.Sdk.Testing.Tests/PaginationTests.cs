namespace Akua.Sdk.Testing.Tests;

public sealed class PaginationTests
{
    [Fact]
    public async Task Pages_run_newest_first_and_end_with_a_null_cursor()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await api.CreateProduct($"Product {i}")).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var answer = await api.Get("products?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(200, answer.Status);
            var data = answer.Json.GetProperty("data");
            seen.AddRange(data.EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            var hasMore = answer.Json.GetProperty("has_more").GetBoolean();
            cursor = answer.Json.GetProperty("next_cursor").GetString();
            Assert.Equal(hasMore, cursor is not null);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task The_default_limit_is_50()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        for (var i = 0; i < 51; i++)
        {
            Assert.Equal(201, (await api.Post("offers", $$"""{"product_id":"{{product}}"}""")).Status);
        }

        var page = await api.Get("offers");

        Assert.Equal(50, page.Json.GetProperty("data").GetArrayLength());
        Assert.True(page.Json.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Paging_is_stable_when_items_are_added_between_pages()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var product = (await api.CreateProduct()).GetProperty("id").GetString()!;
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await api.Post("offers", $$"""{"product_id":"{{product}}"}""")).Str("id"));
        }

        var first = await api.Get("offers?limit=2");
        await api.Post("offers", $$"""{"product_id":"{{product}}"}""");
        var second = await api.Get("offers?limit=2&cursor=" + first.Json.GetProperty("next_cursor").GetString());

        var seen = first.Json.GetProperty("data").EnumerateArray().Concat(second.Json.GetProperty("data").EnumerateArray())
            .Select(o => o.GetProperty("id").GetString()!).ToList();
        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.False(second.Json.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Offers_filter_by_product()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var a = (await api.CreateProduct("Product A")).GetProperty("id").GetString()!;
        var b = (await api.CreateProduct("Product B")).GetProperty("id").GetString()!;
        var onA = (await api.CreateOffer(a)).GetProperty("id").GetString()!;
        await api.CreateOffer(b);

        var page = await api.Get("offers?product_id=" + a);

        Assert.Equal([onA], page.Json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(2, (await api.Get("offers")).Json.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("products?limit=0", "query/limit")]
    [InlineData("products?limit=101", "query/limit")]
    [InlineData("offers?limit=abc", "query/limit")]
    [InlineData("offers?limit=-1", "query/limit")]
    [InlineData("products?cursor=not-a-cursor", "query/cursor")]
    public async Task Bad_paging_parameters_get_400(string path, string errorPath)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);

        var answer = await api.Get(path);

        Assert.Equal(400, answer.Status);
        Assert.Equal([errorPath], answer.ErrorPaths);
    }

    [Fact]
    public async Task A_product_cursor_is_refused_by_the_offer_list()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        await api.CreateProduct("One product");
        await api.CreateProduct("Two product");
        var cursor = (await api.Get("products?limit=1")).Json.GetProperty("next_cursor").GetString();

        Assert.Equal(400, (await api.Get("offers?cursor=" + cursor)).Status);
    }
}
