using System.Globalization;
using System.Text;

namespace Akua.Sdk.CodeGen;

/// <summary>A small indenting writer for generated C#.</summary>
internal sealed class CSharpWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CSharpWriter Line(string line = "")
    {
        if (line.Length == 0)
        {
            _text.Append('\n');
            return this;
        }

        if (line.StartsWith('}'))
        {
            _indent--;
        }

        _text.Append(' ', _indent * 4).Append(line).Append('\n');
        if (line.EndsWith('{'))
        {
            _indent++;
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>Writes the file only when its text changed, so unchanged output keeps its timestamp.</summary>
    public static void Save(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }

        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }
}
