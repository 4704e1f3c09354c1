using Akua.Sdk.Benchmarks.Fixtures;

namespace Akua.Sdk.Benchmarks.Contenders;

/// <summary>One way of calling the API. Every operation reads the same canned response.</summary>
internal interface IContender
{
    /// <summary>Short name for tables: floor, sdk, sdk-di, nswag, restsharp, newtonsoft.</summary>
    string Name { get; }

    /// <summary>False when the contender has no list-everything path of its own.</summary>
    bool HasListAll { get; }

    /// <summary>GET offers/{id}: one ~1.8 KB offer.</summary>
    Task GetOffer();

    /// <summary>POST offers with an idempotency key: the small create result.</summary>
    Task CreateOffer();

    /// <summary>PATCH products/{id} with if-match (the etag path): one product.</summary>
    Task UpdateProduct();

    /// <summary>GET offers?limit=100: one page of 100 offers (~180 KB).</summary>
    Task ListPage();

    /// <summary>Every offer of a 10-page list (1,000 offers), following next_cursor.</summary>
    Task ListAll();
}

/// <summary>The operations, by the names the tables use.</summary>
internal static class Operations
{
    public const string Get = "get";
    public const string Create = "create";
    public const string Update = "update";
    public const string ListPage = "list-page";
    public const string ListAll = "list-10-pages";

    public static readonly string[] All = [Get, Create, Update, ListPage, ListAll];

    public static Func<Task> Bind(IContender contender, string operation) => operation switch
    {
        Get => contender.GetOffer,
        Create => contender.CreateOffer,
        Update => contender.UpdateProduct,
        ListPage => contender.ListPage,
        ListAll => contender.ListAll,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Calls per measured batch that make roughly the same work across operations.</summary>
    public static int Weight(string operation) => operation switch
    {
        ListPage => 60,
        ListAll => 600,
        _ => 1,
    };
}

/// <summary>Keeps results reachable so nothing is optimized away, and lets a check look at them.</summary>
internal static class Sink
{
    private static object? _last;

    public static object? Last => Volatile.Read(ref _last);

    public static void Keep(object? value) => Volatile.Write(ref _last, value);
}

/// <summary>The shared request inputs, equal for every contender.</summary>
internal static class Inputs
{
    public const string Token = "ak_test_0123456789abcdefghijklmnopqrstuvwxyz";
    public const string NewProductName = "PostgreSQL Managed v2";
    public const string Notes = "Thanks for your business";
    public const string Email = "jsmith@example.com";
    public const int MaxUses = 5;
    public const int ListLimit = CannedBodies.PageSize;
    public static readonly Uri InMemoryBase = new("https://api.akua.dev/v1/");
}
