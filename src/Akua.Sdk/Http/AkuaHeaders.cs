using System.Text;
using Akua.Sdk.Contract;

namespace Akua.Sdk;

/// <summary>Header names of the Akua API, the checks the SDK applies to values it sends, and the cleaning of values it echoes.</summary>
internal static class AkuaHeaders
{
    public const string WorkspaceContext = "akua-context";
    public const string IdempotencyKey = "idempotency-key";
    public const string IfMatch = "if-match";

    /// <summary>The longest server-sent value the SDK repeats in messages, logs and tags.</summary>
    public const int MaxEchoedLength = 200;

    private static readonly string[] RequestIdHeaders = ["x-request-id", "request-id", "akua-request-id"];

    /// <summary>The request id the server gave a response, cleaned for repeating.</summary>
    public static string? RequestId(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.NonValidated.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    return Sanitize(value);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Text from the server made safe to repeat: control characters (CR, LF, escape sequences)
    /// become spaces and it is cut at <see cref="MaxEchoedLength"/> characters.
    /// </summary>
    public static string Sanitize(string value, int maxLength = MaxEchoedLength)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                clean = false;
                break;
            }
        }

        if (clean && value.Length <= maxLength)
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength + 1));
        foreach (var c in value)
        {
            if (builder.Length == maxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>Checks a value headed for a request header against its rule: present, within limits, printable ASCII (no CR/LF injection).</summary>
    public static void Validate(string? value, AkuaValueRule rule, string paramName) =>
        Validate(value, rule.MaxLength ?? int.MaxValue, paramName);

    /// <summary>Checks a value headed for a request header: present, at most <paramref name="maxLength"/> characters, printable ASCII.</summary>
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

        if (string.IsNullOrWhiteSpace(value))
        {
            return "must not be only white space.";
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
