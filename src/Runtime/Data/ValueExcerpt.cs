using System;
using System.Globalization;
using System.Text;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// A value from a data file as quoted in a message (console, problems file, report): at most <see cref="MaxLength"/>
/// characters, then <c>...</c>, with every control or invisible formatting character written as <c>\uXXXX</c>, so
/// a hostile cell can neither flood the terminal, drive it (ESC, BEL) nor hide text (bidirectional overrides).
/// </summary>
internal static class ValueExcerpt
{
    /// <summary>Characters of the value shown; an unclosed quote can swallow the rest of a file into one cell.</summary>
    public const int MaxLength = 40;

    public static string Of(string value) => Of(value.AsSpan());

    public static string Of(ReadOnlySpan<char> value)
    {
        var shown = value.Length <= MaxLength ? value : value[..MaxLength];
        if (shown.Length < value.Length && char.IsHighSurrogate(shown[^1]))
        {
            shown = shown[..^1];   // never cut a surrogate pair in two
        }

        var text = new StringBuilder(shown.Length + 8);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]);
            if (paired)
            {
                text.Append(c).Append(shown[++i]);
            }
            else if (NeedsEscape(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return shown.Length < value.Length ? text.Append("...").ToString() : text.ToString();
    }

    /// <summary>Controls (C0, DEL, C1), lone surrogates, and format characters such as U+202E (right-to-left override).</summary>
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
