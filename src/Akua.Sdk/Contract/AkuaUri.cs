using System.Globalization;
using System.Text;

namespace Akua.Sdk.Contract;

/// <summary>
/// Builds the relative URI of an operation from caller input: every path and query value is
/// checked against its rule (an <see cref="ArgumentException"/> naming the caller's parameter) and
/// escaped so it cannot leave its place. Called by the generated <c>AkuaOperations.*.Uri</c> methods.
/// </summary>
internal static class AkuaUri
{
    /// <summary>The longest query value sent; the document sets no limit on cursors, this keeps an absurd one off the wire.</summary>
    public const int MaxQueryValueLength = 4096;

    /// <summary>Checks an id and escapes it as exactly one path segment (<c>a/b</c> stays one segment).</summary>
    public static string Segment(AkuaValueRule rule, string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        // No id is blank: a white-space id is a caller's mistake, not a resource to look up.
        if ((value.Length == 0 ? "must not be empty." : string.IsNullOrWhiteSpace(value) ? "must not be blank." : rule.TextProblem(value)) is { } problem)
        {
            throw new ArgumentException($"{paramName} {problem}", paramName);
        }

        if (value is "." or "..")
        {
            throw new ArgumentException($"{paramName} cannot be '{value}'.", paramName);
        }

        return Uri.EscapeDataString(value);
    }

    /// <summary>Starts the query of a path.</summary>
    public static AkuaQueryBuilder Query(string path) => new(path);
}

/// <summary>Appends checked, escaped query parameters to a path; allocates only when one is set.</summary>
internal sealed class AkuaQueryBuilder(string path)
{
    private StringBuilder? _uri;

    /// <summary>Adds a text parameter unless it is null.</summary>
    public void Add(AkuaValueRule rule, string? value, string paramName)
    {
        if (value is null)
        {
            Absent(rule, paramName);
            return;
        }

        var problem = value.Length == 0 ? "must not be empty (leave it null instead)."
            : string.IsNullOrWhiteSpace(value) ? "must not be blank (leave it null instead)."
            : value.Length > AkuaUri.MaxQueryValueLength ? $"must be at most {AkuaUri.MaxQueryValueLength} characters long; it has {value.Length}."
            : rule.TextProblem(value);
        if (problem is not null)
        {
            throw new ArgumentException($"{paramName} {problem}", paramName);
        }

        Append(rule.Name, Uri.EscapeDataString(value));
    }

    /// <summary>Adds a whole-number parameter unless it is null.</summary>
    public void Add(AkuaValueRule rule, long? value, string paramName)
    {
        if (value is not { } number)
        {
            Absent(rule, paramName);
            return;
        }

        if (rule.NumberProblem(number) is { } problem)
        {
            throw new ArgumentOutOfRangeException(paramName, number, $"{paramName} {problem}");
        }

        Append(rule.Name, number.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Adds a true/false parameter unless it is null.</summary>
    public void Add(AkuaValueRule rule, bool? value, string paramName)
    {
        if (value is not { } flag)
        {
            Absent(rule, paramName);
            return;
        }

        Append(rule.Name, flag ? "true" : "false");
    }

    /// <summary>Adds an enumeration parameter unless it is null.</summary>
    public void Add<T>(AkuaValueRule rule, T? value, string paramName)
        where T : struct, IExtensibleEnum<T> =>
        Add(rule, value?.Value, paramName);

    public override string ToString() => _uri?.ToString() ?? path;

    private static void Absent(AkuaValueRule rule, string paramName)
    {
        if (rule.Required)
        {
            throw new ArgumentNullException(paramName, $"{paramName} is required.");
        }
    }

    private void Append(string name, string escapedValue)
    {
        if (_uri is null)
        {
            _uri = new StringBuilder(path, path.Length + 64).Append('?');
        }
        else
        {
            _uri.Append('&');
        }

        _uri.Append(name).Append('=').Append(escapedValue);
    }
}
