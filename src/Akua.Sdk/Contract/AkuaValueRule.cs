using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Akua.Sdk.Contract;

/// <summary>The JSON type of a value in the API document.</summary>
internal enum AkuaValueKind
{
    Any,
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    Map,
}

/// <summary>
/// The rules one value (a property, a parameter, an array item) must meet, as
/// <c>openapi/akua-v1.yaml</c> states them. Instances are generated into <c>Generated/Contract.g.cs</c>;
/// the SDK checks caller input against them before sending, and the emulator checks requests.
/// </summary>
/// <remarks>Lengths count Unicode code points, as JSON Schema does: one emoji is one character.</remarks>
internal sealed class AkuaValueRule(string name, AkuaValueKind kind)
{
    /// <summary>The wire name (<c>product_id</c>); empty for array items and map values.</summary>
    public string Name { get; } = name;

    public AkuaValueKind Kind { get; } = kind;

    /// <summary>The property or parameter must be present.</summary>
    public bool Required { get; init; }

    /// <summary>JSON <c>null</c> is allowed.</summary>
    public bool Nullable { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public Regex? Pattern { get; init; }

    public string? Format { get; init; }

    /// <summary>The smallest value allowed (inclusive; exclusive bounds of integers are made inclusive).</summary>
    public decimal? Minimum { get; init; }

    /// <summary>The largest value allowed (inclusive; exclusive bounds of integers are made inclusive).</summary>
    public decimal? Maximum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>The rule of each item of an array.</summary>
    public AkuaValueRule? Items { get; init; }

    /// <summary>The rule of each value of a map.</summary>
    public AkuaValueRule? Values { get; init; }

    /// <summary>The object's schema (resolved lazily: schemas may refer to each other).</summary>
    public Func<AkuaSchemaRules>? Schema { get; init; }

    /// <summary>The allowed values, when the document lists them.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>What is wrong with a string, or null when it meets the rule.</summary>
    public string? TextProblem(string value)
    {
        if (LengthProblem(value) is { } lengthProblem)
        {
            return lengthProblem;
        }

        if (Pattern is { } pattern && !pattern.IsMatch(value))
        {
            return "does not have the required form.";
        }

        if (Enum is { } values && !values.Contains(value, StringComparer.Ordinal))
        {
            return $"must be one of {string.Join(", ", values)}.";
        }

        return Format switch
        {
            "email" when !IsEmail(value) => "is not a valid email address.",
            "uri" when !IsAbsoluteUri(value) => "is not an absolute URI.",
            _ => null,
        };
    }

    private string? LengthProblem(string value)
    {
        // A string has between Length / 2 and Length code points, so most are judged without counting.
        var tooLong = MaxLength is { } max && value.Length > max && CodePoints(value) > max;
        var tooShort = MinLength is { } min && value.Length < 2 * min && CodePoints(value) < min;
        if (!tooLong && !tooShort)
        {
            return null;
        }

        var upper = MaxLength is { } m ? m.ToString(CultureInfo.InvariantCulture) : "any number of";
        return $"must be {MinLength ?? 0} to {upper} characters long; it has {CodePoints(value)}.";
    }

    /// <summary>What is wrong with a number, or null when it is within range.</summary>
    public string? NumberProblem(decimal value)
    {
        var belowMin = Minimum is { } min && (ExclusiveMinimum ? value <= min : value < min);
        var aboveMax = Maximum is { } max && (ExclusiveMaximum ? value >= max : value > max);
        if (!belowMin && !aboveMax)
        {
            return null;
        }

        var low = Minimum is { } lo ? (ExclusiveMinimum ? "greater than " : "at least ") + lo.ToString(CultureInfo.InvariantCulture) : null;
        var high = Maximum is { } hi ? (ExclusiveMaximum ? "less than " : "at most ") + hi.ToString(CultureInfo.InvariantCulture) : null;
        return $"must be {(low is not null && high is not null ? low + " and " + high : low ?? high)}; it is {value.ToString(CultureInfo.InvariantCulture)}.";
    }

    /// <summary>What is wrong with the number of items of an array, or null.</summary>
    public string? CountProblem(int count) =>
        (MinItems is { } min && count < min) || (MaxItems is { } max && count > max)
            ? $"must hold {MinItems ?? 0} to {(MaxItems is { } m ? m.ToString(CultureInfo.InvariantCulture) : "any number of")} items; it holds {count}."
            : null;

    /// <summary>The number of Unicode code points: a surrogate pair counts once.</summary>
    public static int CodePoints(string value)
    {
        var count = value.Length;
        for (var i = 0; i < value.Length - 1; i++)
        {
            if (char.IsHighSurrogate(value[i]) && char.IsLowSurrogate(value[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    // A scheme must be written: on Unix "/a.png" parses as an absolute file URI.
    private static bool IsAbsoluteUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && value.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when <see cref="MailAddress"/> reads the value as exactly that address. The plain shape most
    /// addresses have is recognized without it (MailAddress allocates some 140 bytes per check); anything
    /// else is left to it.
    /// </summary>
    internal static bool IsEmail(string value) =>
        IsPlainEmail(value) || (MailAddress.TryCreate(value, out var address) && string.Equals(address.Address, value, StringComparison.Ordinal));

    /// <summary>
    /// <c>local@domain</c> where both are dot-separated, non-empty runs of ASCII letters, digits and
    /// <c>_ + -</c> (the local part) or letters, digits and <c>-</c> (the domain): a subset of RFC 5322's
    /// dot-atom that MailAddress accepts unchanged.
    /// </summary>
    private static bool IsPlainEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && IsDotAtom(value.AsSpan(0, at), local: true) && IsDotAtom(value.AsSpan(at + 1), local: false);
    }

    private static bool IsDotAtom(ReadOnlySpan<char> part, bool local)
    {
        if (part.IsEmpty || part[0] == '.' || part[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            var ok = char.IsAsciiLetterOrDigit(c) || c == '-' || (c == '.' && part[i - 1] != '.') || (local && c is '_' or '+');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The rules of an object schema: its properties, and which must be present.</summary>
internal sealed class AkuaSchemaRules(string name, bool allowsOtherProperties, AkuaValueRule[] properties)
{
    /// <summary>The schema's name in the document.</summary>
    public string Name { get; } = name;

    /// <summary>False when the schema is closed (<c>additionalProperties: false</c>).</summary>
    public bool AllowsOtherProperties { get; } = allowsOtherProperties;

    public IReadOnlyList<AkuaValueRule> Properties { get; } = properties;

    /// <summary>Sets of properties of which at least one set must be present.</summary>
    public IReadOnlyList<string[]> AnyOfRequired { get; init; } = [];

    /// <summary>Properties that need other properties when present.</summary>
    public IReadOnlyList<(string If, string[] Then)> Dependencies { get; init; } = [];

    /// <summary>Sets of properties that must not all be present together.</summary>
    public IReadOnlyList<string[]> NotAllOf { get; init; } = [];

    public AkuaValueRule? Property(string name)
    {
        foreach (var property in properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }
}
