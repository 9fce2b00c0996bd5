using System.Collections.Generic;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// The Word pass over the view's neutral inline marks (<see cref="ReportText"/>), as <see cref="ReportViews.ForMarkdown"/>
/// and <see cref="ReportViews.ForHtml"/> are for the other formats: a marked string becomes runs, a code span in the
/// <see cref="DocxStyles.CodeStyle"/> character style and strong text bold. Word needs no escaping; characters that
/// XML cannot hold (control characters from a data file) become U+FFFD, and a line break in the text a Word break.
/// </summary>
internal static class DocxInline
{
    /// <summary>The runs of <paramref name="text"/>; <paramref name="bold"/> makes every run bold (table headers).</summary>
    public static IReadOnlyList<Run> Runs(string text, bool bold = false)
    {
        var runs = new List<Run>();
        var plain = new StringBuilder();
        bool code = false;
        bool strong = false;

        void Flush()
        {
            if (plain.Length > 0)
            {
                runs.Add(MakeRun(plain.ToString(), code, strong || bold));
                plain.Clear();
            }
        }

        foreach (char c in text)
        {
            switch (c)
            {
                case ReportText.CodeOpen:
                    Flush();
                    code = true;
                    break;
                case ReportText.CodeClose:
                    Flush();
                    code = false;
                    break;
                case ReportText.StrongOpen:
                    Flush();
                    strong = true;
                    break;
                case ReportText.StrongClose:
                    Flush();
                    strong = false;
                    break;
                default:
                    plain.Append(XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD');
                    break;
            }
        }

        Flush();
        return runs;
    }

    /// <summary>A paragraph of <paramref name="text"/> in paragraph style <paramref name="style"/>.</summary>
    public static Paragraph Paragraph(string text, string style, bool keepNext = false)
    {
        var properties = new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = style } };
        if (keepNext)
        {
            properties.KeepNext = new KeepNext();
        }

        var paragraph = new Paragraph(properties);
        paragraph.Append(Runs(text));
        return paragraph;
    }

    private static Run MakeRun(string text, bool code, bool bold)
    {
        var run = new Run();
        if (code || bold)
        {
            var properties = new RunProperties();
            if (code)
            {
                properties.RunStyle = new RunStyle { Val = DocxStyles.CodeStyle };
            }

            if (bold)
            {
                properties.Bold = new Bold();
            }

            run.Append(properties);
        }

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            if (lines[i].Length > 0)
            {
                run.Append(new Text(lines[i]) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve });
            }
        }

        return run;
    }
}
