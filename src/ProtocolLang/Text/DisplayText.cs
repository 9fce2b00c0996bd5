using System.Globalization;
using System.Text;

namespace ProtocolLang.Text;

/// <summary>
/// Makes text from a study safe to echo to a terminal or a build log: control characters (ESC,
/// BEL, NUL, DEL, the C1 range), bidirectional overrides and isolates, line and paragraph
/// separators and unpaired surrogates become <c>\u001B</c>-style escapes, so a hostile file cannot
/// recolour, retitle or rearrange the terminal or hide text from the reader. Everything else,
/// including ordinary non-ASCII letters, is kept. Escaping is idempotent: an escape contains none
/// of the characters it replaces.
/// </summary>
public static class DisplayText
{
    /// <summary>True when <paramref name="c"/> (at <paramref name="index"/> in <paramref name="text"/>) is written as an escape.</summary>
    public static bool NeedsEscape(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }

        return char.IsControl(c) || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
            || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
    }

    /// <summary><paramref name="text"/> with every character of <see cref="NeedsEscape"/> escaped.</summary>
    public static string Escape(string text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text, i))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length + 16);
                builder.Append(EscapeOf(text[i]));
            }
            else
            {
                builder?.Append(text[i]);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>
    /// A source line for display: tabs become one space and other escaped characters their escape.
    /// <paramref name="columns"/>[i] is the display column where character <c>i</c> starts
    /// (<c>columns[line.Length]</c> is the width), so a caret drawn under a span stays aligned.
    /// </summary>
    public static string EscapeLine(string line, out int[] columns)
    {
        columns = new int[line.Length + 1];
        var builder = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            columns[i] = builder.Length;
            if (line[i] == '\t')
            {
                builder.Append(' ');
            }
            else if (NeedsEscape(line, i))
            {
                builder.Append(EscapeOf(line[i]));
            }
            else
            {
                builder.Append(line[i]);
            }
        }

        columns[line.Length] = builder.Length;
        return builder.ToString();
    }

    private static string EscapeOf(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
