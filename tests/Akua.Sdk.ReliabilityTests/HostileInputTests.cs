using Akua.Sdk.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Akua.Sdk.ReliabilityTests;

/// <summary>Ids, hashes and strings built to escape their path segment, inject headers or leak the token.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class HostileInputTests(ScenarioReport report)
{
    public static readonly string[] HostileIds =
    [
        "a/b", "..", ".", "../products", "offer_1/../../products", "..%2fproducts", "a?limit=1", "a#frag", "%", "%2e%2e",
        "a%2Fb", "a:b", "offers:resolve", "a b", " ", "ünïcødé-🚀", "a\r\nx-injected: 1", "a\nb", "a\0b", "\\..\\products",
    ];

    private static async Task<string> Probe(AkuaEmulator emulator, Func<Task> call, string what)
    {
        var before = emulator.RequestCount;
        var (error, outcome, _) = await Support.Outcome(call);
        switch (error)
        {
            case AkuaNotFoundException:
                // One request at most (the HTTP layer may answer 404 before the emulator's handler counts it).
                Assert.InRange(emulator.RequestCount, before, before + 1);
                return "404";
            case AkuaValidationException { StatusCode: 400 }:
                // The server's HTTP layer refused the request line (e.g. an escaped NUL): nothing was reached.
                Assert.InRange(emulator.RequestCount, before, before + 1);
                return "400";
            case ArgumentException:
                Assert.Equal(before, emulator.RequestCount);
                return "ArgumentException";
            default:
                Assert.Fail($"{what}: {outcome} ({error?.Message})");
                return outcome;
        }
    }

    [Fact]
    public async Task HostileIdsNeverReachAnotherResource()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o));
        var productId = await Support.NewProductAsync(emulator, client);
        var offer = await client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId });
        var before = emulator.RequestCount;
        var outcomes = new Dictionary<string, int>();
        void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

        foreach (var id in HostileIds)
        {
            Count(await Probe(emulator, () => client.Offers.GetAsync(id), "offer get " + id));
            Count(await Probe(emulator, () => client.Offers.ResolveAsync(id), "resolve " + id));
            Count(await Probe(emulator, () => client.Products.GetAsync(id), "product get " + id));
            Count(await Probe(emulator, () => client.Offers.ArchiveAsync(id, "1"), "offer archive " + id));
            Count(await Probe(emulator, () => client.Offers.GetAsync(offer.Id + "/" + id), "offer get under a real id " + id));
        }

        // Nothing was changed by any of it.
        var still = await client.Offers.GetAsync(offer.Id);
        Assert.Equal(offer.Id, still.Id);
        Assert.Equal(OfferStatus.Active, still.Status);
        Assert.Equal(1, emulator.OfferCount());
        Assert.Equal(1, emulator.ProductCount());

        report.Record(new ScenarioRow("hostile: ids and short hashes with / .. ? # % : spaces unicode CR/LF NUL", $"{HostileIds.Length} ids × 5 calls",
            emulator.RequestCount - before, 0, 0, string.Join(", ", outcomes.Select(kv => $"{kv.Key} ×{kv.Value}")), "no call reached another resource"));
    }

    [Fact]
    public async Task HeaderInjectionRefusedBeforeIo()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o));
        var productId = await Support.NewProductAsync(emulator, client);
        var before = emulator.RequestCount;
        string[] values = ["k\r\nx-injected: 1", "k\nx-injected: 1", "k\rx", "ws_a\r\nauthorization: Bearer other"];
        foreach (var value in values)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId }, new AkuaRequestOptions { IdempotencyKey = value }));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.GetAsync("offer_1", new AkuaRequestOptions { WorkspaceContext = value }));
        }

        Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { BaseAddress = emulator.BaseAddress, ApiToken = "sk_akua_x\r\nx-injected: 1" }));
        Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { BaseAddress = emulator.BaseAddress, ApiToken = "t", ApplicationId = "app\r\nx-injected: 1" }));
        report.Record(new ScenarioRow("hostile: CR/LF in idempotency key, workspace, token, application id", $"{values.Length * 2 + 2} calls", emulator.RequestCount - before, 0, 0, "ArgumentException", "refused before any I/O"));
        Assert.Equal(before, emulator.RequestCount);
        Assert.Equal(0, emulator.OfferCount());
    }

    [Fact]
    public async Task HugeStringsRefusedBeforeIo()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o));
        var productId = await Support.NewProductAsync(emulator, client);
        var huge = new string('a', 5 * 1024 * 1024);
        var before = emulator.RequestCount;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.GetAsync(huge));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.ResolveAsync(huge));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Products.GetAsync(huge));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId, Notes = huge }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = huge }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId, AllowedEmails = [huge] }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Products.CreateAsync(new CreateProductRequest { Name = huge, PackageId = "pkg_never_sent", PackageVersionPin = PackageVersionPin.Latest }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId }, new AkuaRequestOptions { IdempotencyKey = huge }));

        report.Record(new ScenarioRow("hostile: 5 MB strings (ids, hash, notes, emails, name, cursor, key)", "8 calls", emulator.RequestCount - before, 0, 0, "ArgumentException", "refused before any I/O"));
        Assert.Equal(before, emulator.RequestCount);
        Assert.Equal(0, emulator.OfferCount());
    }

    [Fact]
    public async Task HugeCursorRefusedBeforeIo()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var client = emulator.CreateClient(o => Support.Fast(o));
        var before = emulator.RequestCount;
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Offers.ListPageAsync(new ListOffersOptions { Cursor = new string('a', 5 * 1024 * 1024) }));
        Assert.Equal(before, emulator.RequestCount);
    }

    [Fact]
    public async Task TokenNeverLeaks()
    {
        var token = "sk_akua_SECRET_" + Guid.NewGuid().ToString("N");
        var wrongToken = "sk_akua_WRONG_" + Guid.NewGuid().ToString("N");
        var options = new AkuaEmulatorOptions { ApiToken = token };
        await using var emulator = await AkuaEmulator.StartAsync(options);

        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var activities = new ActivityCapture();
        var tags = activities.Tags;

        AkuaClientOptions Options(string t)
        {
            var o = new AkuaClientOptions { BaseAddress = emulator.BaseAddress, ApiToken = t };
            Support.Fast(o, maxRetries: 2);
            return o;
        }

        using var client = new AkuaClient(Options(token), loggerFactory);
        using var wrong = new AkuaClient(Options(wrongToken), loggerFactory);
        var errors = new List<string>();
        var before = emulator.RequestCount;
        async Task Try(Func<Task> call)
        {
            var (error, _, _) = await Support.Outcome(call);
            if (error is not null)
            {
                errors.Add(error.ToString());
                if (error is AkuaApiException api)
                {
                    errors.Add(api.ResponseBody ?? "");
                }
            }
        }

        var productId = await Support.NewProductAsync(emulator, client);
        await Try(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = productId }));
        await Try(() => client.Offers.GetAsync("offer_missing"));
        await Try(() => wrong.Offers.GetAsync("offer_missing"));
        await Try(() => client.Offers.CreateAsync(new CreateOfferRequest { ProductId = "prod_missing" }));
        emulator.Faults.Enqueue(AkuaFault.Status(503), 3);
        await Try(() => client.Products.GetAsync(productId));
        emulator.Faults.Enqueue(AkuaFault.DropConnection(), 3);
        await Try(() => client.Products.GetAsync(productId));
        emulator.Faults.Enqueue(AkuaFault.Html(502));
        await Try(() => client.Offers.ListPageAsync());
        emulator.Faults.Enqueue(AkuaFault.RateLimited(TimeSpan.FromSeconds(3600)));
        await Try(() => client.Offers.ListPageAsync());
        await Try(() => client.Offers.GetAsync("a/../b"));
        var requests = emulator.RequestCount - before;

        var records = logs.Collector.GetSnapshot();
        var haystacks = records.SelectMany(l => l.Texts().Append(l.Exception?.ToString() ?? "")).Concat(tags).Concat(errors).ToList();
        var leaks = haystacks.Count(h => h.Contains(token, StringComparison.Ordinal) || h.Contains(wrongToken, StringComparison.Ordinal));
        report.Record(new ScenarioRow("hostile: token-leak scan (logs, activity tags, exceptions)", "503 ×3, drop ×3, HTML 502, 429, 401, 404, 422",
            requests, 0, 0, $"{errors.Count(e => e.StartsWith("Akua", StringComparison.Ordinal))} exceptions, {records.Count} log lines, {tags.Count} tags",
            $"token found {leaks} times"));
        Assert.NotEmpty(records);
        Assert.NotEmpty(tags);
        Assert.True(errors.Count >= 8, $"only {errors.Count} failures collected");
        Assert.Equal(0, leaks);
    }

    [Theory]
    [InlineData("http://api.akua.dev/v1/")]
    [InlineData("http://10.0.0.1/v1/")]
    [InlineData("http://example.com:80/v1/")]
    [InlineData("http://127.0.0.1.example.com/v1/")]
    [InlineData("http://localhost.example.com/v1/")]
    public void PlainHttpToNonLoopbackHostRefused(string address)
    {
        Assert.Throws<ArgumentException>(() => new AkuaClient(new AkuaClientOptions { BaseAddress = new Uri(address), ApiToken = "sk_akua_x" }));
        report.Record(new ScenarioRow("hostile: plain http to " + address, "none", 0, 0, 0, "ArgumentException", "refused by new AkuaClient(...)"));
    }
}
