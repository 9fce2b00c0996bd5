using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace ProtocolLang.Cli.Diff;

/// <summary>
/// Renders the diff's blocks as one self-contained HTML page (inline style, no scripts, no external resources); every text is
/// HTML-encoded, and numbers take the typographic minus (U+2212) as the report's HTML does.
/// </summary>
internal static partial class HtmlDiffWriter
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}"
        + "table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
        + "th{background:#f4f4f4}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}code{font-size:.9em;background:#f6f6f6}";

    public static void Write(TextWriter w, ResultsDiffReport report)
    {
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Results diff</title>\n<style>" + Style + "</style>\n</head>\n<body>\n");
        foreach (var block in DiffDocumentBuilder.Build(report))
        {
            switch (block)
            {
                case HeadingBlock h:
                    w.Write("<h" + h.Level + ">" + Text(h.Text) + "</h" + h.Level + ">\n");
                    break;
                case ParagraphBlock p:
                    w.Write("<p>" + Text(p.Text) + "</p>\n");
                    break;
                case ListBlock l:
                    w.Write("<ul>\n" + string.Concat(l.Items.Select(i => "<li>" + Text(i) + "</li>\n")) + "</ul>\n");
                    break;
                case TableBlock t:
                    Table(w, t);
                    break;
            }
        }

        w.Write("</body>\n</html>\n");
    }

    private static void Table(TextWriter w, TableBlock table)
    {
        w.Write("<table>\n<thead><tr>" + string.Concat(table.Header.Select(h => "<th>" + WebUtility.HtmlEncode(h) + "</th>")) + "</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            w.Write("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var numeric = i < table.Numeric.Count && table.Numeric[i];
                w.Write((numeric ? "<td class=\"num\">" + Minus(Text([row[i]])) : "<td>" + Text([row[i]])) + "</td>");
            }

            w.Write("</tr>\n");
        }

        w.Write("</tbody>\n</table>\n");
    }

    private static string Text(IReadOnlyList<Inline> text) =>
        string.Concat(text.Select(i => i.Code ? "<code>" + WebUtility.HtmlEncode(i.Text) + "</code>" : WebUtility.HtmlEncode(i.Text)));

    /// <summary>A hyphen before a digit that starts a number becomes U+2212 (not one inside a word or a date).</summary>
    private static string Minus(string html) => NegativeNumber().Replace(html, "\u2212");

    [GeneratedRegex(@"(?<![\w.\-])-(?=\d)")]
    private static partial Regex NegativeNumber();
}
