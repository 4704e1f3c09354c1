namespace Akua.Sdk;

/// <summary>The outcome of one item of a batch operation.</summary>
/// <typeparam name="T">The result type of one item.</typeparam>
/// <param name="Index">The item's position in the input.</param>
/// <param name="Value">The result, when the item succeeded.</param>
/// <param name="Exception">Why the item failed: an <see cref="AkuaException"/> or an <see cref="ArgumentException"/> from validation.</param>
public sealed record AkuaBatchItem<T>(int Index, T? Value, Exception? Exception)
    where T : class
{
    /// <summary>True when the item succeeded.</summary>
    public bool IsSuccess => Exception is null;
}

/// <summary>The outcome of a batch operation: one entry per input item, in input order.</summary>
/// <typeparam name="T">The result type of one item.</typeparam>
public sealed class AkuaBatchResult<T>
    where T : class
{
    /// <summary>Creates a result from its items.</summary>
    /// <param name="items">One entry per input item, in input order.</param>
    public AkuaBatchResult(IReadOnlyList<AkuaBatchItem<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        SucceededCount = items.Count(item => item.IsSuccess);
    }

    /// <summary>One entry per input item, in input order.</summary>
    public IReadOnlyList<AkuaBatchItem<T>> Items { get; }

    /// <summary>How many items succeeded.</summary>
    public int SucceededCount { get; }

    /// <summary>How many items failed.</summary>
    public int FailedCount => Items.Count - SucceededCount;

    /// <summary>The items that failed.</summary>
    public IEnumerable<AkuaBatchItem<T>> Failures => Items.Where(item => !item.IsSuccess);
}
