namespace Akua.Sdk;

/// <summary>
/// A string-valued enumeration of the Akua API that stays readable when the API adds values:
/// known values are static properties, unknown ones keep their wire text in <see cref="Value"/>.
/// </summary>
/// <typeparam name="TSelf">The enumeration type.</typeparam>
public interface IExtensibleEnum<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    /// <summary>The value as the API writes it.</summary>
    string Value { get; }

    /// <summary>True when the value is one this version of the SDK knows.</summary>
    bool IsKnown { get; }

    /// <summary>Wraps a wire value.</summary>
    /// <param name="value">The value as the API writes it.</param>
    static abstract TSelf FromValue(string value);
}
