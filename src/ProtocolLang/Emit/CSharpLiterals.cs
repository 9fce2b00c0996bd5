using System.Globalization;
using System.Text;

namespace ProtocolLang.Emit;

/// <summary>
/// The only ways text from a <c>.study</c> file reaches generated C#: as a string literal
/// (<see cref="String"/>), a number literal (<see cref="Number"/>), an identifier
/// (<see cref="Identifier"/>) or comment text (<see cref="CommentText"/>). Each makes injection
/// impossible by construction rather than by filtering known-bad input.
/// </summary>
public static class CSharpLiterals
{
    /// <summary>C# reserved keywords (C# spec §6.4.4); contextual keywords are valid identifiers.</summary>
    private static readonly string[] Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "__arglist", "__makeref", "__reftype", "__refvalue",
    ];

    /// <summary>
    /// A quoted C# string literal whose value is exactly <paramref name="value"/>
    /// (<c>SymbolDisplay.FormatLiteral(value, quote: true)</c> semantics). Printable characters stay
    /// as they are; quotes, backslashes, control, format (e.g. bidi overrides), line/paragraph
    /// separators, surrogates, private-use and unassigned characters become escapes, so the literal
    /// always stays on one line and means nothing but data.
    /// </summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\0': builder.Append("\\0"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (IsPrintable(c))
                    {
                        builder.Append(c);
                    }
                    else
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    private static bool IsPrintable(char c)
    {
        if (c < 0x80)
        {
            return c >= 0x20 && c != 0x7F;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary><c>null</c> or <see cref="String"/>.</summary>
    public static string StringOrNull(string? value) => value is null ? "null" : String(value);

    /// <summary>A number as C# source: round-trip digits, invariant culture (never a culture's minus sign or comma).</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A number that C# types as <c>double</c>: <c>12.0</c> rather than <c>12</c>, so <c>12 / 5</c> is not integer division.</summary>
    public static string DoubleNumber(double value)
    {
        var text = Number(value);
        return text.IndexOfAny(['.', 'E', 'e', 'N', 'I']) >= 0 ? text : text + ".0";
    }

    /// <summary>
    /// A valid C# identifier for a name: characters outside <c>[A-Za-z0-9_]</c> become <c>_</c>,
    /// a leading digit gets <c>_</c>, and reserved keywords get <c>@</c> (<c>class</c> → <c>@class</c>).
    /// </summary>
    public static string Identifier(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(IsIdentifierChar(c) ? c : '_');
        }

        if (builder.Length == 0 || (builder[0] >= '0' && builder[0] <= '9'))
        {
            builder.Insert(0, '_');
        }

        var identifier = builder.ToString();
        return System.Array.IndexOf(Keywords, identifier) >= 0 ? "@" + identifier : identifier;
    }

    /// <summary>True for the ASCII letters, digits and underscore that the .study grammar allows in names.</summary>
    internal static bool IsIdentifierChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

    /// <summary>Text for inside a <c>//</c> or <c>///</c> comment: only <c>[A-Za-z0-9_.-]</c> are kept, so it can never end the comment or the line.</summary>
    public static string CommentText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(IsIdentifierChar(c) || c == '.' || c == '-' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary><c>relapse_months</c> → <c>RelapseMonths</c>, <c>CK</c> → <c>CK</c> (culture-invariant).</summary>
    public static string PascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upperNext = true;
        foreach (var c in name)
        {
            if (!IsIdentifierChar(c) || c == '_')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary><c>CKCourse</c> → <c>ckCourse</c>, <c>MAS</c> → <c>mas</c>, <c>relapse_months</c> → <c>relapseMonths</c>.</summary>
    public static string CamelCase(string name)
    {
        var pascal = PascalCase(name);
        var chars = pascal.ToCharArray();
        var i = 0;
        while (i < chars.Length && char.IsUpper(chars[i]))
        {
            var nextIsLower = i + 1 < chars.Length && char.IsLower(chars[i + 1]);
            if (i > 0 && nextIsLower)
            {
                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
            i++;
        }

        return Identifier(new string(chars));
    }
}
