using System.Text.Json;

namespace Akua.Sdk.Contract;

/// <summary>A model the SDK checks against the document's rules before sending it.</summary>
internal interface IAkuaValidatable
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field that breaks a rule.</summary>
    /// <param name="paramName">The caller's name for this object, such as <c>request</c> or <c>request.Customer</c>.</param>
    void Validate(string paramName);
}

/// <summary>
/// The checks the generated <c>Validate</c> methods (<c>Generated/Validation.g.cs</c>) apply to each
/// property, and the hand-written request types to theirs. Parameter names are built only when a
/// check fails: these run on every call.
/// </summary>
internal static partial class AkuaCheck
{
    /// <summary>The deepest JSON value the SDK sends (System.Text.Json's default limit).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Checks a request object, null included.</summary>
    public static void Request<T>(T? request, string paramName)
        where T : class, IAkuaValidatable
    {
        ArgumentNullException.ThrowIfNull(request, paramName);
        request.Validate(paramName);
    }

    public static void Text(AkuaValueRule rule, string? value, string paramName, string member)
    {
        if (value is null)
        {
            Absent(rule, paramName, member);
        }
        else if (rule.TextProblem(value) is { } problem)
        {
            throw Fail(paramName, member, problem);
        }
    }

    public static void Number(AkuaValueRule rule, long? value, string paramName, string member)
    {
        if (value is not { } number)
        {
            Absent(rule, paramName, member);
        }
        else if (rule.NumberProblem(number) is { } problem)
        {
            throw OutOfRange(paramName, member, number, problem);
        }
    }

    public static void Number(AkuaValueRule rule, double? value, string paramName, string member)
    {
        if (value is not { } number)
        {
            Absent(rule, paramName, member);
        }
        else if (!double.IsFinite(number) || rule.NumberProblem((decimal)number) is not null)
        {
            throw OutOfRange(paramName, member, number, rule.NumberProblem(double.IsFinite(number) ? (decimal)number : 0) ?? "must be a finite number.");
        }
    }

    /// <summary>Checks a timestamp against the range of its Unix seconds.</summary>
    public static void Timestamp(AkuaValueRule rule, DateTimeOffset? value, string paramName, string member)
    {
        if (value is not { } timestamp)
        {
            Absent(rule, paramName, member);
        }
        else if (rule.NumberProblem(timestamp.ToUnixTimeSeconds()) is not null)
        {
            throw OutOfRange(paramName, member, timestamp, "must be after 1970-01-01T00:00:00Z.");
        }
    }

    /// <summary>Only presence: for values whose type already guarantees the rest (enumerations, flags).</summary>
    public static void Present<T>(AkuaValueRule rule, T? value, string paramName, string member)
        where T : struct
    {
        if (value is null)
        {
            Absent(rule, paramName, member);
        }
    }

    /// <summary>Only presence: for hand-written types that check themselves when built.</summary>
    public static void Present(AkuaValueRule rule, object? value, string paramName, string member)
    {
        if (value is null)
        {
            Absent(rule, paramName, member);
        }
    }

    public static void Object<T>(AkuaValueRule rule, T? value, string paramName, string member)
        where T : class, IAkuaValidatable
    {
        if (value is null)
        {
            Absent(rule, paramName, member);
        }
        else
        {
            value.Validate(paramName + member);
        }
    }

    public static void TextItems(AkuaValueRule rule, IEnumerable<string?>? value, string paramName, string member)
    {
        if (Items(rule, value, paramName, member) is not { } items)
        {
            return;
        }

        // By index when it is a list: a foreach over the interface would box the list's enumerator on every send.
        if (items is IList<string?> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                TextItem(rule, list[i], i, paramName, member);
            }

            return;
        }

        var index = 0;
        foreach (var item in items)
        {
            TextItem(rule, item, index++, paramName, member);
        }
    }

    private static void TextItem(AkuaValueRule rule, string? item, int index, string paramName, string member)
    {
        if (item is null || rule.Items?.TextProblem(item) is not null)
        {
            throw Fail(paramName, $"{member}[{index}]", item is null ? "must not be null." : rule.Items!.TextProblem(item)!);
        }
    }

    public static void ObjectItems<T>(AkuaValueRule rule, IEnumerable<T?>? value, string paramName, string member)
        where T : class, IAkuaValidatable
    {
        if (Items(rule, value, paramName, member) is not { } items)
        {
            return;
        }

        var index = 0;
        foreach (var item in items)
        {
            if (item is null)
            {
                throw Fail(paramName, $"{member}[{index}]", "must not be null.");
            }

            item.Validate($"{paramName}{member}[{index}]");
            index++;
        }
    }

    /// <summary>The number of items only (and no null items).</summary>
    public static void Count<T>(AkuaValueRule rule, IEnumerable<T>? value, string paramName, string member) =>
        Items(rule, value, paramName, member);

    public static void ObjectValues<T>(AkuaValueRule rule, IEnumerable<KeyValuePair<string, T>>? value, string paramName, string member)
        where T : class, IAkuaValidatable
    {
        if (value is null)
        {
            Absent(rule, paramName, member);
            return;
        }

        foreach (var (key, item) in value)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw Fail(paramName, member, "must not have an empty key.");
            }

            if (item is null)
            {
                throw Fail(paramName, $"{member}[\"{key}\"]", "must not be null.");
            }

            item.Validate($"{paramName}{member}[\"{key}\"]");
        }
    }

    public static void JsonValues(AkuaValueRule rule, IEnumerable<KeyValuePair<string, JsonElement>>? value, string paramName, string member)
    {
        if (value is null)
        {
            Absent(rule, paramName, member);
            return;
        }

        foreach (var (key, item) in value)
        {
            Json(rule.Values ?? rule, item, paramName, $"{member}[\"{key}\"]");
        }
    }

    /// <summary>Any JSON: it must be there (a default <see cref="JsonElement"/> is no value) and not nest too deep to send.</summary>
    public static void Json(AkuaValueRule rule, JsonElement value, string paramName, string member)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            if (rule.Required)
            {
                throw Fail(paramName, member, "has no value: set it to a JsonElement (for example JsonSerializer.SerializeToElement(value)).");
            }

            return;
        }

        // The body's own objects around the value count towards the serializer's limit too.
        var name = paramName + member;
        var around = name.Count(c => c is '.' or '[');
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Depth(value, around + 1) > MaxJsonDepth)
        {
            throw new ArgumentException($"{name} nests deeper than the {MaxJsonDepth} levels a request body may have.", name);
        }
    }

    public static void Json(AkuaValueRule rule, JsonElement? value, string paramName, string member) =>
        Json(rule, value ?? default, paramName, member);

    /// <summary>None of the properties of an <c>anyOf</c> set is there.</summary>
    public static ArgumentException NeedsOneOf(string paramName, string[] members) =>
        new($"{paramName} needs {string.Join(" or ", members)} (or more than one).", paramName);

    /// <summary>A property that needs another is there without it.</summary>
    public static ArgumentException Needs(string paramName, string member, string needed) =>
        new($"{paramName}.{member} needs {paramName}.{needed}.", $"{paramName}.{member}");

    /// <summary>Properties that exclude each other are there together.</summary>
    public static ArgumentException NotTogether(string paramName, string[] members) =>
        new($"{paramName}.{members[^1]} cannot be combined with {string.Join(" and ", members[..^1].Select(m => paramName + "." + m))}.", $"{paramName}.{members[^1]}");

    /// <summary>An <see cref="ArgumentException"/> naming <c>{paramName}{member}</c>.</summary>
    public static ArgumentException Fail(string paramName, string member, string problem)
    {
        var name = paramName + member;
        return new ArgumentException($"{name} {problem}", name);
    }

    private static ArgumentOutOfRangeException OutOfRange(string paramName, string member, object value, string problem)
    {
        var name = paramName + member;
        return new ArgumentOutOfRangeException(name, value, $"{name} {problem}");
    }

    private static void Absent(AkuaValueRule rule, string paramName, string member)
    {
        if (rule.Required)
        {
            throw Fail(paramName, member, "is required.");
        }
    }

    private static IEnumerable<T>? Items<T>(AkuaValueRule rule, IEnumerable<T>? value, string paramName, string member)
    {
        if (value is null)
        {
            Absent(rule, paramName, member);
            return null;
        }

        var count = value switch
        {
            ICollection<T> collection => collection.Count,
            IReadOnlyCollection<T> collection => collection.Count,
            _ => value.Count(),
        };
        if (rule.CountProblem(count) is { } problem)
        {
            throw Fail(paramName, member, problem);
        }

        return value;
    }

    private static int Depth(JsonElement value, int depth)
    {
        if (depth > MaxJsonDepth)
        {
            return depth;
        }

        var deepest = depth;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    deepest = Math.Max(deepest, Depth(property.Value, depth + 1));
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    deepest = Math.Max(deepest, Depth(item, depth + 1));
                }

                break;
        }

        return deepest;
    }
}

/// <summary>Checks of the SDK's own value types.</summary>
internal static partial class AkuaCheck
{
    /// <summary>A usage limit: unlimited, or a number within the rule's range.</summary>
    public static void Value(AkuaValueRule rule, OfferUsageLimit? value, string paramName, string member) =>
        Number(rule, (long?)value?.MaxUses, paramName, member);
}
