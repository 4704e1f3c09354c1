using System.Text.Json;

namespace Akua.Sdk.Serialization;

/// <summary>
/// What the generated models check after reading (<c>IJsonOnDeserialized</c>): a required property
/// that is null, or a null item of a list or map, makes the response invalid instead of a model
/// full of nulls. An absent required property is caught by its setter not having run.
/// </summary>
internal static class AkuaRequired
{
    /// <summary>A required property the body did not have at all.</summary>
    public static void Present(bool read, string name)
    {
        if (!read)
        {
            throw new JsonException($"The required property '{name}' is missing.");
        }
    }

    public static void NotNull<T>(T value, string name)
    {
        if (value is null)
        {
            throw new JsonException($"The required property '{name}' is null.");
        }
    }

    public static void NoNullItems<T>(IReadOnlyList<T>? items, string name)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw NullItem(name, i);
            }
        }
    }

    public static void NoNullItems<T>(IList<T>? items, string name)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw NullItem(name, i);
            }
        }
    }

    public static void NoNullValues<T>(IEnumerable<KeyValuePair<string, T>>? values, string name)
    {
        if (values is null)
        {
            return;
        }

        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                throw new JsonException($"The property '{name}' maps '{key}' to null.");
            }
        }
    }

    private static JsonException NullItem(string name, int index) => new($"The property '{name}' holds null at index {index}.");
}
