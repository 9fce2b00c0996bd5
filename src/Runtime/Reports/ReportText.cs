using System;
using System.Net;
using System.Text;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// The neutral inline markup of the report view. The builder marks code spans and strong text
/// with private-use characters (never typed in a protocol or a CSV); each output format turns the
/// marks into its own syntax and escapes the rest. That keeps every number and sentence formatted
/// once, in <see cref="ReportViewBuilder"/>, for the Markdown and the HTML report alike.
/// </summary>
public static class ReportText
{
    internal const char CodeOpen = '\uE000';
    internal const char CodeClose = '\uE001';
    internal const char StrongOpen = '\uE002';
    internal const char StrongClose = '\uE003';

    /// <summary>A number's minus sign (<see cref="ReportViewNumbers"/>): "-" in Markdown, U+2212 in HTML and plain text.</summary>
    internal const char Minus = '\uE004';

    /// <summary>The true minus sign, U+2212, as typeset mathematics and journals print it.</summary>
    internal const char TrueMinus = '\u2212';

    /// <summary>A code span.</summary>
    internal static string Code(string text) => CodeOpen + Strip(text) + CodeClose;

    /// <summary>Strong (bold) text.</summary>
    internal static string Strong(string text) => StrongOpen + text + StrongClose;

    /// <summary>Removes marks from text that came from outside (a label, a file name); a marked minus becomes "-".</summary>
    internal static string Strip(string text) =>
        text.IndexOfAny([CodeOpen, CodeClose, StrongOpen, StrongClose, Minus]) < 0
            ? text
            : text.Replace(Minus, '-')
                .Replace(CodeOpen.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(CodeClose.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(StrongOpen.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(StrongClose.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// Markdown: code spans fenced with backticks (two when the code holds one), strong as <c>**</c>.
    /// In a table cell (<paramref name="cell"/>) pipes are escaped, even inside code spans, as GitHub tables need.
    /// Outside code spans, what would make a data value or a study's label live Markdown or raw
    /// HTML is escaped (<see cref="AppendMarkdownText"/>); the report's own text has none of it, so it reads as before.
    /// </summary>
    public static string ToMarkdown(string text, bool cell)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == CodeOpen)
            {
                int end = text.IndexOf(CodeClose, i + 1);
                end = end < 0 ? text.Length : end;
                string code = text[(i + 1)..end].Replace(Minus, '-');
                code = cell ? code.Replace("|", "\\|", StringComparison.Ordinal) : code;
                builder.Append(code.Contains('`', StringComparison.Ordinal) ? $"`` {code} ``" : $"`{code}`");
                i = end + 1;
                continue;
            }

            if (c is StrongOpen or StrongClose)
            {
                builder.Append("**");
            }
            else if (c == Minus)
            {
                builder.Append('-');
            }
            else if (c == '|' && cell)
            {
                builder.Append("\\|");
            }
            else if (c != CodeClose)
            {
                AppendMarkdownText(builder, text, i);
            }

            i++;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Appends <c>text[i]</c>, escaped where it would start markup: <c>&lt;</c> before a letter,
    /// <c>/</c>, <c>!</c> or <c>?</c> (an HTML tag, comment or autolink) as <c>&amp;lt;</c>; <c>&amp;</c> before
    /// a letter or <c>#</c> (an entity) as <c>&amp;amp;</c>; a backslash, a backtick, and <c>(</c> right after
    /// <c>]</c> (a link or image) with a backslash. A <c>&lt;</c> before a digit or space
    /// (<c>&lt;0.001</c>) starts nothing and is kept.
    /// </summary>
    private static void AppendMarkdownText(StringBuilder builder, string text, int i)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        switch (c)
        {
            case '<' when IsAsciiLetter(next) || next is '/' or '!' or '?':
                builder.Append("&lt;");
                break;
            case '&' when IsAsciiLetter(next) || next == '#':
                builder.Append("&amp;");
                break;
            case '\\' or '`':
                builder.Append('\\').Append(c);
                break;
            case '(' when i > 0 && text[i - 1] == ']':
                builder.Append("\\(");
                break;
            default:
                builder.Append(c);
                break;
        }
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>HTML: every character escaped, code spans as <c>&lt;code&gt;</c>, strong as <c>&lt;strong&gt;</c>.</summary>
    public static string ToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        var plain = new StringBuilder();
        void Flush()
        {
            builder.Append(WebUtility.HtmlEncode(plain.ToString()));
            plain.Clear();
        }

        foreach (char c in text)
        {
            string? tag = c switch
            {
                CodeOpen => "<code>",
                CodeClose => "</code>",
                StrongOpen => "<strong>",
                StrongClose => "</strong>",
                _ => null,
            };
            if (tag is null)
            {
                plain.Append(c == Minus ? TrueMinus : c);
                continue;
            }

            Flush();
            builder.Append(tag);
        }

        Flush();
        return builder.ToString();
    }

    /// <summary>Plain text: marks dropped, a number's minus as U+2212 (figure captions drawn into an SVG, titles, Word).</summary>
    public static string ToPlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Strip(text.Replace(Minus, TrueMinus));
    }
}
