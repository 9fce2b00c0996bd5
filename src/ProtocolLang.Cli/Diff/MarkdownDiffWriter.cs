using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ProtocolLang.Cli.Diff;

/// <summary>Renders the diff's blocks (<see cref="DiffDocumentBuilder"/>) as GitHub-flavoured Markdown, with "\n" line ends in any OS.</summary>
internal static class MarkdownDiffWriter
{
    public static void Write(TextWriter w, ResultsDiffReport report)
    {
        var first = true;
        foreach (var block in DiffDocumentBuilder.Build(report))
        {
            if (!first)
            {
                w.Write("\n");
            }

            first = false;
            switch (block)
            {
                case HeadingBlock h:
                    w.Write(new string('#', h.Level) + " " + Text(h.Text) + "\n");
                    break;
                case ParagraphBlock p:
                    w.Write(Text(p.Text) + "\n");
                    break;
                case ListBlock l:
                    foreach (var item in l.Items)
                    {
                        w.Write("- " + Text(item) + "\n");
                    }

                    break;
                case TableBlock t:
                    Table(w, t);
                    break;
            }
        }
    }

    private static void Table(TextWriter w, TableBlock table)
    {
        w.Write("| " + string.Join(" | ", table.Header.Select(Escape)) + " |\n");
        w.Write("|" + string.Concat(table.Numeric.Select(n => n ? "---:|" : "---|")) + "\n");
        foreach (var row in table.Rows)
        {
            w.Write("| " + string.Join(" | ", row.Select(cell => Text([cell]))) + " |\n");
        }
    }

    private static string Text(IReadOnlyList<Inline> text) => string.Concat(text.Select(i => i.Code ? Code(i.Text) : Escape(i.Text)));

    /// <summary>A code span whose fence is longer than any run of backticks inside it (CommonMark 6.1).</summary>
    private static string Code(string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = text.StartsWith('`') || text.EndsWith('`') ? " " : string.Empty;
        return fence + pad + Flat(text).Replace("|", "\\|", StringComparison.Ordinal) + pad + fence;
    }

    /// <summary>
    /// Text safe in a table cell and inline, yet readable as plain text: pipes, backslashes, backticks and <c>*</c> escaped;
    /// <c>_</c> only at a word's edge and <c>&lt;</c> only before a tag-like character (GFM treats <c>NXP2_JDM</c> and
    /// <c>&lt;0.001</c> literally); brackets are left alone, as the diff writes no link definitions; lines joined.
    /// </summary>
    private static string Escape(string text)
    {
        var flat = Flat(text);
        var builder = new System.Text.StringBuilder(flat.Length);
        for (var i = 0; i < flat.Length; i++)
        {
            var c = flat[i];
            var escape = c switch
            {
                '\\' or '|' or '*' or '`' => true,
                '_' => i == 0 || i == flat.Length - 1 || !char.IsLetterOrDigit(flat[i - 1]) || !char.IsLetterOrDigit(flat[i + 1]),
                '<' => i + 1 < flat.Length && (char.IsLetter(flat[i + 1]) || flat[i + 1] is '/' or '!' or '?'),
                _ => false,
            };
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Flat(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
