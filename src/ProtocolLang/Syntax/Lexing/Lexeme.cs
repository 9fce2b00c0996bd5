using System;
using System.Globalization;
using System.Text;

namespace ProtocolLang.Syntax.Lexing;

/// <summary>
/// The lexical rules of the language, written once: the declaration scanner and the Sprache
/// token parsers both call these, so they agree on where a word, number, string or comment ends.
/// Every method works on <c>[position, end)</c> of the full source text (absolute offsets).
/// </summary>
internal static class Lexeme
{
    /// <summary>Operators and punctuation, longest first (maximal munch).</summary>
    private static readonly string[] Symbols =
    [
        "==", "!=", "<=", ">=", "..",
        "<", ">", "=", "+", "-", "*", "/", "(", ")", "{", "}", ",", ":", ".", "~", "|",
    ];

    public static bool IsWordStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    public static bool IsWordPart(char c) => IsWordStart(c) || IsDigit(c);

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>
    /// Skips whitespace, <c>// line</c> and <c>/* block */</c> comments. An unterminated block
    /// comment runs to <paramref name="end"/>; <paramref name="unterminatedComment"/> is its start.
    /// </summary>
    public static int SkipTrivia(string text, int position, int end, out int unterminatedComment)
    {
        unterminatedComment = -1;
        var p = position;
        while (p < end)
        {
            var c = text[p];
            if (char.IsWhiteSpace(c))
            {
                p++;
            }
            else if (c == '/' && p + 1 < end && text[p + 1] == '/')
            {
                while (p < end && text[p] != '\n' && text[p] != '\r')
                {
                    p++;
                }
            }
            else if (c == '/' && p + 1 < end && text[p + 1] == '*')
            {
                var close = text.IndexOf("*/", p + 2, end - (p + 2), System.StringComparison.Ordinal);
                if (close < 0)
                {
                    unterminatedComment = p;
                    return end;
                }

                p = close + 2;
            }
            else
            {
                break;
            }
        }

        return p;
    }

    public static int SkipTrivia(string text, int position, int end) => SkipTrivia(text, position, end, out _);

    /// <summary>End of the identifier-like word at <paramref name="position"/> (which must be a word start).</summary>
    public static int ScanWord(string text, int position, int end)
    {
        var p = position + 1;
        while (p < end && IsWordPart(text[p]))
        {
            p++;
        }

        return p;
    }

    /// <summary>The symbol at <paramref name="position"/>, or null.</summary>
    public static string? ScanSymbol(string text, int position, int end)
    {
        foreach (var symbol in Symbols)
        {
            if (position + symbol.Length <= end && string.CompareOrdinal(text, position, symbol, 0, symbol.Length) == 0)
            {
                return symbol;
            }
        }

        return null;
    }

    /// <summary>
    /// The extent of a number-like lexeme starting with a digit: letters, digits, <c>_</c> and
    /// <c>.</c> (but not <c>..</c>, so <c>0..100</c> is a range), and a sign after an exponent
    /// letter. <see cref="IsValidNumber"/> then decides whether it is a number.
    /// </summary>
    public static int ScanNumberLexeme(string text, int position, int end)
    {
        var p = position;
        while (p < end)
        {
            var c = text[p];
            if (IsWordPart(c))
            {
                p++;
            }
            else if (c == '.' && !(p + 1 < end && text[p + 1] == '.'))
            {
                p++;
            }
            else if ((c == '+' || c == '-') && (text[p - 1] == 'e' || text[p - 1] == 'E') && p + 1 < end && IsDigit(text[p + 1]))
            {
                p++;
            }
            else
            {
                break;
            }
        }

        return p;
    }

    /// <summary><c>digits [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ]</c>, nothing else.</summary>
    public static bool IsValidNumber(string text, int start, int end)
    {
        var p = start;
        var digits = CountDigits(text, ref p, end);
        if (digits == 0)
        {
            return false;
        }

        if (p < end && text[p] == '.')
        {
            p++;
            if (CountDigits(text, ref p, end) == 0)
            {
                return false;
            }
        }

        if (p < end && (text[p] == 'e' || text[p] == 'E'))
        {
            p++;
            if (p < end && (text[p] == '+' || text[p] == '-'))
            {
                p++;
            }

            if (CountDigits(text, ref p, end) == 0)
            {
                return false;
            }
        }

        return p == end && FitsDouble(text.Substring(start, end - start));
    }

    /// <summary>False for a literal beyond double range (<c>1e400</c>), which would otherwise become infinity.</summary>
    private static bool FitsDouble(string lexeme)
    {
        try
        {
            var value = double.Parse(lexeme, NumberStyles.Float, CultureInfo.InvariantCulture);
            return !double.IsInfinity(value);
        }
        catch (OverflowException)
        {
            // .NET Framework (the generator may run there) throws instead of returning infinity.
            return false;
        }
    }

    /// <summary>
    /// Reads a string literal starting at the opening quote. Strings end at the closing quote on
    /// the same line. Returns the end (after the closing quote, or at the line end when
    /// unterminated) and the unescaped value; reports the first bad escape's offset.
    /// </summary>
    public static int ScanString(string text, int position, int end, out string value, out bool terminated, out int badEscape)
    {
        var builder = new StringBuilder();
        badEscape = -1;
        terminated = false;
        var p = position + 1;
        while (p < end)
        {
            var c = text[p];
            if (c == '"')
            {
                terminated = true;
                p++;
                break;
            }

            if (c == '\n' || c == '\r')
            {
                break;
            }

            if (c == '\\' && p + 1 < end)
            {
                var e = text[p + 1];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    default:
                        if (badEscape < 0)
                        {
                            badEscape = p;
                        }

                        builder.Append(e);
                        break;
                }

                p += 2;
                continue;
            }

            builder.Append(c);
            p++;
        }

        value = builder.ToString();
        return p;
    }

    private static int CountDigits(string text, ref int p, int end)
    {
        var start = p;
        while (p < end && IsDigit(text[p]))
        {
            p++;
        }

        return p - start;
    }
}
