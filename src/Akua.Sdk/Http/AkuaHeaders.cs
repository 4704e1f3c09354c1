namespace Akua.Sdk;

/// <summary>Header names of the Akua API, and the checks the SDK applies to values it sends.</summary>
internal static class AkuaHeaders
{
    public const string WorkspaceContext = "akua-context";
    public const string IdempotencyKey = "idempotency-key";
    public const string IfMatch = "if-match";
    public const int MaxEtagLength = 256;

    private static readonly string[] RequestIdHeaders = ["x-request-id", "request-id", "akua-request-id"];

    public static string? RequestId(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>Checks a value headed for a request header: present, short enough, printable ASCII only (no CR/LF injection).</summary>
    public static void Validate(string? value, int maxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (Problem(value, maxLength) is { } problem)
        {
            throw new ArgumentException($"{paramName} {problem}", paramName);
        }
    }

    /// <summary>What is wrong with a header value, or null when it may be sent.</summary>
    public static string? Problem(string value, int maxLength)
    {
        if (value.Length == 0 || value.Length > maxLength)
        {
            return $"must be 1 to {maxLength} characters long; it has {value.Length}.";
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return "may only contain printable ASCII characters (no control characters such as CR or LF).";
            }
        }

        return null;
    }
}
