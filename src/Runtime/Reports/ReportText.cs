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

    /// <summary>A code span.</summary>
    internal static string Code(string text) => CodeOpen + Strip(text) + CodeClose;

    /// <summary>Strong (bold) text.</summary>
    internal static string Strong(string text) => StrongOpen + text + StrongClose;

    /// <summary>Removes marks from text that came from outside (a label, a file name).</summary>
    internal static string Strip(string text) =>
        text.IndexOfAny([CodeOpen, CodeClose, StrongOpen, StrongClose]) < 0
            ? text
            : text.Replace(CodeOpen.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(CodeClose.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(StrongOpen.ToString(), string.Empty, StringComparison.Ordinal)
                .Replace(StrongClose.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// Markdown: code spans fenced with backticks (two when the code holds one), strong as <c>**</c>.
    /// In a table cell (<paramref name="cell"/>) pipes are escaped, even inside code spans, as GitHub tables need.
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
                string code = text[(i + 1)..end];
                code = cell ? code.Replace("|", "\\|", StringComparison.Ordinal) : code;
                builder.Append(code.Contains('`', StringComparison.Ordinal) ? $"`` {code} ``" : $"`{code}`");
                i = end + 1;
                continue;
            }

            if (c is StrongOpen or StrongClose)
            {
                builder.Append("**");
            }
            else if (c == '|' && cell)
            {
                builder.Append("\\|");
            }
            else if (c != CodeClose)
            {
                builder.Append(c);
            }

            i++;
        }

        return builder.ToString();
    }

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
                plain.Append(c);
                continue;
            }

            Flush();
            builder.Append(tag);
        }

        Flush();
        return builder.ToString();
    }

    /// <summary>Plain text: marks dropped (figure captions drawn into an SVG, titles).</summary>
    public static string ToPlain(string text) => Strip(text);
}
