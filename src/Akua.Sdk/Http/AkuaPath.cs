namespace Akua.Sdk;

/// <summary>Builds path segments and query values that cannot escape their place in the URI.</summary>
internal static class AkuaPath
{
    public const int MaxOfferIdLength = 56;
    public const int MaxProductIdLength = 55;
    public const int MaxShortHashLength = 64;

    /// <summary>Validates an id and escapes it as exactly one path segment (<c>a/b</c> stays one segment).</summary>
    public static string Segment(string? id, int maxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        if (id.Length == 0 || id.Length > maxLength)
        {
            throw new ArgumentException($"{paramName} must be 1 to {maxLength} characters long; it has {id.Length}.", paramName);
        }

        if (id is "." or "..")
        {
            throw new ArgumentException($"{paramName} cannot be '{id}'.", paramName);
        }

        return Uri.EscapeDataString(id);
    }

    public static string Query(string value) => Uri.EscapeDataString(value);
}
