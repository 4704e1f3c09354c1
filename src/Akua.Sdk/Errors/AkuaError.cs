namespace Akua.Sdk;

/// <summary>One entry of an Akua error response.</summary>
public sealed class AkuaError
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    /// <summary>Creates an error entry; the SDK builds these from responses, tests may build their own.</summary>
    /// <param name="code">The API's numeric error code.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="path">Where in the request, such as <c>["body", "name"]</c>.</param>
    /// <param name="metadata">Extra facts, such as <c>current_etag</c>.</param>
    public AkuaError(int code, string message, IReadOnlyList<string>? path = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Code = code;
        Message = message ?? string.Empty;
        Path = path ?? [];
        Metadata = metadata ?? NoMetadata;
    }

    /// <summary>A numeric code programs can branch on, such as 7002.</summary>
    public int Code { get; }

    /// <summary>What went wrong, for people.</summary>
    public string Message { get; }

    /// <summary>Where in the request the problem is, such as <c>["body", "name"]</c>; empty when not about one field.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>Extra facts about the error, such as <c>current_etag</c> on a stale write.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The error as one line: code, path and message.</summary>
    public override string ToString() =>
        Path.Count == 0 ? $"{Code}: {Message}" : $"{Code} at {string.Join('.', Path)}: {Message}";
}
