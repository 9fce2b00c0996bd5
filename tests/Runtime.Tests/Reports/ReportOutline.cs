using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>
/// A report's outline read back from its file: each heading as "LEVEL text" (0 the title, 1 a section, 2 an analysis
/// under "Analyses", 3 a table's flow in the appendix), each figure caption as "caption text" and each table as
/// "table header | cells" (the numbers-at-risk tables, which HTML puts inside its figure, left out), in document order.
/// The text is normalised so the formats' own syntax does not count: no Markdown marks or escapes, no HTML tags or
/// entities, ASCII minus, plain spaces.
/// </summary>
internal static partial class ReportOutline
{
    public static string[] FromMarkdown(string markdown)
    {
        var outline = new List<string>();
        bool inTable = false;
        foreach (string line in markdown.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                if (!inTable)
                {
                    Table(outline, line.Trim('|', ' ').Split(" | "));
                }

                inTable = true;
                continue;
            }

            inTable = false;
            if (MarkdownHeading().Match(line) is { Success: true } h)
            {
                outline.Add((h.Groups[1].Length - 1) + " " + Plain(h.Groups[2].Value));
            }
            else if (line.StartsWith("Figure ", StringComparison.Ordinal) && FigureNumber().IsMatch(line))
            {
                outline.Add("caption " + Plain(line));
            }
        }

        return [.. outline];
    }

    public static string[] FromHtml(string html)
    {
        var outline = new List<string>();
        foreach (Match m in HtmlOutline().Matches(html))
        {
            if (m.Groups["level"].Success)
            {
                outline.Add((int.Parse(m.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1) + " " + Plain(Untag(m.Groups["heading"].Value)));
            }
            else if (m.Groups["caption"].Success)
            {
                outline.Add("caption " + Plain(Untag(m.Groups["caption"].Value)));
            }
            else
            {
                Table(outline, HtmlHeader().Matches(m.Groups["thead"].Value).Select(c => Untag(c.Groups[1].Value)));
            }
        }

        return [.. outline];
    }

    public static string[] FromDocx(Body body)
    {
        var outline = new List<string>();
        foreach (OpenXmlElement element in body.Elements())
        {
            if (element is Table table)
            {
                Table(outline, table.Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText));
                continue;
            }

            string? style = (element as Paragraph)?.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            string? entry = style switch
            {
                "Title" => "0",
                "Heading1" => "1",
                "Heading2" => "2",
                "Heading3" => "3",
                "Caption" => "caption",
                _ => null,
            };
            if (entry is not null)
            {
                outline.Add(entry + " " + Plain(element.InnerText));
            }
        }

        return [.. outline];
    }

    private static void Table(List<string> outline, IEnumerable<string> header)
    {
        string[] cells = header.Select(Plain).ToArray();
        if (cells.Length > 0 && cells[0] != "At risk")
        {
            outline.Add("table " + string.Join(" | ", cells));
        }
    }

    private static string Untag(string html) => WebUtility.HtmlDecode(Tag().Replace(html, string.Empty));

    private static string Plain(string text) => MarkdownEscape().Replace(text.Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal), "$1")
        .Replace('\u2212', '-').Replace('\u00A0', ' ').Trim();

    [GeneratedRegex(@"^(#{1,4}) (?:<a id=""[^""]*""></a>)?(.*)$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^Figure \d+\. ")]
    private static partial Regex FigureNumber();

    [GeneratedRegex(@"<h(?<level>[1-4])[^>]*>(?<heading>.*?)</h\k<level>>|<figcaption>(?<caption>.*?)</figcaption>|<table(?: class=""(?<class>[^""]*)"")?>\s*<thead>(?<thead>.*?)</thead>", RegexOptions.Singleline)]
    private static partial Regex HtmlOutline();

    [GeneratedRegex(@"<th[^>]*>(.*?)</th>", RegexOptions.Singleline)]
    private static partial Regex HtmlHeader();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|<>])")]
    private static partial Regex MarkdownEscape();
}
