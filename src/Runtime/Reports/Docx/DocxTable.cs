using System;
using System.Collections.Generic;
using System.Linq;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// A view table (<see cref="MarkdownTable"/>) as a Word table in the style journals ask for (e.g. the APA and
/// AMA manuals): horizontal rules only, at the top, under the header and at the bottom; no vertical rules or shading.
/// The header row is bold and repeats on each page; numeric columns (right-aligned in the Markdown view) are
/// right-aligned. The cells' text is the view's, row for row, so the table pastes into a manuscript as the Markdown
/// report shows it.
/// </summary>
/// <remarks>
/// Numbers are never broken across lines. When the whole table fits the text block with every cell on one line, numeric
/// cells do not wrap at all. When it does not, a numeric cell may break only outside brackets, between an estimate and
/// its interval (<c>3792</c> / <c>[1626, 6402]</c>): the spaces inside brackets and parentheses become no-break spaces
/// (U+00A0). <see cref="DocxBody"/> puts a table that cannot fit even so on a landscape page.
/// </remarks>
internal static class DocxTable
{
    /// <summary>Rules: 0.75 pt outside, 0.5 pt under the header (border sizes are in eighths of a point).</summary>
    private const uint OuterRule = 6;
    private const uint HeaderRule = 4;

    /// <summary>Roughly the advance of one 9 pt character in twips (Times's digits are 90, Courier's characters 108), to share the page among the columns.</summary>
    private const int CharWidth = 100;
    private const int CellMargin = 57;

    private const char NoBreakSpace = '\u00A0';

    /// <summary>A table of at most this many body rows is kept on one page (with what precedes it, when that keeps with the next).</summary>
    private const int KeptTogetherRows = 20;

    private enum NumberWrap
    {
        /// <summary>Every numeric cell on one line.</summary>
        None,

        /// <summary>A numeric cell may break between an estimate and its bracketed interval.</summary>
        OutsideBrackets,

        /// <summary>The table is too wide even so: cells wrap where they must.</summary>
        Anywhere,
    }

    /// <summary>The narrowest this table can be laid out with no number and no word broken, in twips.</summary>
    public static int MinimumWidth(MarkdownTable view) => Measure(view).Sum(c => c.Minimum);

    /// <param name="available">The text block's width in twips: the table is laid out to fit it where it can.</param>
    /// <param name="keepWithNext">The last row keeps with the paragraph after the table (its first note).</param>
    public static Table Build(MarkdownTable view, int available, bool keepWithNext = false)
    {
        ColumnMeasure[] columns = Measure(view);
        int[] widths = ColumnWidths(columns, available, out NumberWrap wrap);

        var table = new Table(new TableProperties
        {
            // The grid's sum, not "auto": LibreOffice stretches an auto-width table to the page and re-shares the columns.
            TableWidth = new TableWidth { Width = DocxStyles.Measure(widths.Sum()), Type = TableWidthUnitValues.Dxa },
            TableBorders = new TableBorders
            {
                TopBorder = new TopBorder { Val = BorderValues.Single, Size = OuterRule, Space = 0, Color = "000000" },
                BottomBorder = new BottomBorder { Val = BorderValues.Single, Size = OuterRule, Space = 0, Color = "000000" },
            },
            TableLayout = new TableLayout { Type = TableLayoutValues.Autofit },
            TableCellMarginDefault = new TableCellMarginDefault
            {
                TableCellLeftMargin = new TableCellLeftMargin { Width = (short)CellMargin, Type = TableWidthValues.Dxa },
                TableCellRightMargin = new TableCellRightMargin { Width = (short)CellMargin, Type = TableWidthValues.Dxa },
            },
        });

        var grid = new TableGrid();
        foreach (int width in widths)
        {
            grid.Append(new GridColumn { Width = DocxStyles.Measure(width) });
        }

        table.Append(grid);

        // Word keeps a table's rows together when each row's paragraphs keep with the next (all but the last row's).
        bool together = view.Rows.Count <= KeptTogetherRows;
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (int c = 0; c < columns.Length; c++)
        {
            string text = c < view.Header.Count ? view.Header[c] : string.Empty;
            header.Append(Cell(text, widths[c], columns[c].Numeric, noWrap: false, headerRule: true, bold: true, keepNext: true));
        }

        table.Append(header);
        for (int r = 0; r < view.Rows.Count; r++)
        {
            IReadOnlyList<string> row = view.Rows[r];
            bool keepNext = r < view.Rows.Count - 1 ? together : keepWithNext;
            var tableRow = new TableRow(new TableRowProperties(new CantSplit()));
            for (int c = 0; c < columns.Length; c++)
            {
                string text = c < row.Count ? row[c] : string.Empty;
                bool numeric = columns[c].Numeric;
                if (numeric && wrap == NumberWrap.OutsideBrackets)
                {
                    text = KeepBracketsTogether(text);
                }

                tableRow.Append(Cell(text, widths[c], numeric, noWrap: numeric && wrap == NumberWrap.None, headerRule: false, bold: false, keepNext));
            }

            table.Append(tableRow);
        }

        return table;
    }

    private static TableCell Cell(string text, int width, bool right, bool noWrap, bool headerRule, bool bold, bool keepNext)
    {
        var properties = new TableCellProperties
        {
            TableCellWidth = new TableCellWidth { Width = DocxStyles.Measure(width), Type = TableWidthUnitValues.Dxa },
        };
        if (headerRule)
        {
            properties.TableCellBorders = new TableCellBorders
            {
                BottomBorder = new BottomBorder { Val = BorderValues.Single, Size = HeaderRule, Space = 0, Color = "000000" },
            };
        }

        if (noWrap)
        {
            properties.NoWrap = new NoWrap();
        }

        properties.TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = headerRule ? TableVerticalAlignmentValues.Bottom : TableVerticalAlignmentValues.Top };

        var paragraphProperties = new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = DocxStyles.TableText } };
        if (keepNext)
        {
            paragraphProperties.KeepNext = new KeepNext();
        }

        if (right)
        {
            paragraphProperties.Justification = new Justification { Val = JustificationValues.Right };
        }

        var paragraph = new Paragraph(paragraphProperties);
        paragraph.Append(DocxInline.Runs(text, bold));
        return new TableCell(properties, paragraph);
    }

    /// <summary>
    /// The columns' widths for Word's autofit to start from (and which LibreOffice keeps), within <paramref name="available"/>
    /// twips: each column as wide as its longest cell when that fits; else every column from its minimum, the spare width
    /// shared in proportion to what each lacks of its one-line width; else everything shrunk in proportion.
    /// </summary>
    private static int[] ColumnWidths(ColumnMeasure[] columns, int available, out NumberWrap wrap)
    {
        if (columns.Sum(c => c.Natural) <= available)
        {
            wrap = NumberWrap.None;
            return columns.Select(c => c.Natural).ToArray();
        }

        int minimum = columns.Sum(c => c.Minimum);
        if (minimum > available)
        {
            wrap = NumberWrap.Anywhere;
            double factor = (double)available / minimum;
            return columns.Select(c => Math.Max((int)(c.Minimum * factor), Width(3))).ToArray();
        }

        wrap = NumberWrap.OutsideBrackets;
        int spare = available - minimum;
        int wanted = columns.Sum(c => c.Natural - c.Minimum);
        return columns.Select(c => c.Minimum + (int)((long)spare * (c.Natural - c.Minimum) / wanted)).ToArray();
    }

    /// <summary>
    /// Each column's one-line width and its minimum: for a numeric column its longest run of text outside brackets
    /// (see <see cref="KeepBracketsTogether"/>), for a text column its longest word; header words count for both.
    /// Widths come from character counts: a rough advance per 9 pt character is enough to share out the page.
    /// </summary>
    private static ColumnMeasure[] Measure(MarkdownTable view)
    {
        IReadOnlyList<string> alignments = view.Alignments;
        int count = Math.Max(view.Header.Count, view.Rows.Select(r => r.Count).DefaultIfEmpty(0).Max());
        var columns = new ColumnMeasure[count];
        for (int c = 0; c < count; c++)
        {
            bool numeric = c < alignments.Count && alignments[c] == "right";
            string[] body = view.Rows.Select(r => c < r.Count ? ReportText.ToPlain(r[c]) : string.Empty).ToArray();
            string header = c < view.Header.Count ? ReportText.ToPlain(view.Header[c]) : string.Empty;
            int longestHeaderWord = LongestWord(header);
            int longestBody = body.Select(t => t.Length).DefaultIfEmpty(0).Max();
            int longestPiece = body.Select(t => numeric ? LongestWord(KeepBracketsTogether(t)) : LongestWord(t)).DefaultIfEmpty(0).Max();
            int natural = Width(Math.Max(longestBody, header.Length));
            columns[c] = new ColumnMeasure(numeric, natural, Math.Min(Width(Math.Max(longestPiece, longestHeaderWord)), natural));
        }

        return columns;
    }

    /// <summary>Spaces inside parentheses and brackets as no-break spaces, so a line can break only between an estimate and its interval.</summary>
    private static string KeepBracketsTogether(string text)
    {
        var chars = text.ToCharArray();
        int depth = 0;
        for (int i = 0; i < chars.Length; i++)
        {
            switch (chars[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ' ' when depth > 0:
                    chars[i] = NoBreakSpace;
                    break;
            }
        }

        return new string(chars);
    }

    private static int LongestWord(string text) => text.Split(' ').Select(w => w.Length).DefaultIfEmpty(0).Max();

    /// <summary>The width for <paramref name="characters"/>, with one character to spare: fonts differ (Word substitutes a missing Times New Roman).</summary>
    private static int Width(int characters) => ((Math.Max(characters, 3) + 1) * CharWidth) + (2 * CellMargin);

    private readonly record struct ColumnMeasure(bool Numeric, int Natural, int Minimum);
}
