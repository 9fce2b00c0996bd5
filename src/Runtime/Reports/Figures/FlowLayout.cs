using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportNumberFormat;
using T = ProtocolLang.Runtime.Reports.Figures.SvgText;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>One drawing primitive of the flow diagram, in CSS pixels (the SVG's unit), in drawing order.</summary>
internal abstract record FlowMark;

/// <summary>A box: white fill, dark outline (2 px for the analysed subjects, else 1 px).</summary>
internal sealed record FlowRect(double X, double Y, double Width, double Height, double StrokeWidth) : FlowMark;

/// <summary>A 1 px line.</summary>
internal sealed record FlowLine(double X1, double Y1, double X2, double Y2) : FlowMark;

/// <summary>A filled arrowhead: its tip and the two corners of its base.</summary>
internal sealed record FlowHead(double TipX, double TipY, double X1, double Y1, double X2, double Y2) : FlowMark;

/// <summary>A line of text at its baseline: centred on <paramref name="X"/> or starting there; bold for a count, italic for a row's title.</summary>
internal sealed record FlowText(string Text, double X, double Y, bool Centred, bool Bold, bool Italic) : FlowMark;

/// <summary>
/// The flow diagram's geometry, computed once from <c>results.flow</c>: every box, line, arrowhead and wrapped text line
/// with its place. <see cref="FlowDiagram"/> writes it as SVG and <see cref="FlowDiagramPng"/> draws it as a 300 dpi PNG,
/// so the two show the same diagram.
/// </summary>
/// <remarks>
/// The layout follows visR's attrition diagram (<c>visr(get_attrition(...))</c>: remaining N per step, excluded N to
/// the side) and the CONSORT 2010 flow diagram (Schulz, Altman, Moher; BMJ 2010;340:c332) for the split by group;
/// STROBE item 13 asks for the numbers at each stage with the reasons for non-participation. Text is measured by
/// <see cref="SvgText"/>'s fixed rule (DejaVu Sans' advance widths), so the geometry depends on the results only.
/// </remarks>
internal sealed record FlowLayout(double Width, double Height, IReadOnlyList<FlowMark> Marks)
{
    public const double FontSize = 12;
    private const double LineHeight = 16;
    private const double PadX = 10;
    private const double PadY = 6;
    private const double Margin = 12;
    private const double SideGap = 40;
    private const double RowGap = 14;
    private const double MainTextWidth = 240;
    private const double SideTextWidth = 300;
    private const double RowTextWidth = 190;
    private const double ArrowHead = 6;

    private sealed record Box(IReadOnlyList<string> Lines, bool Centred, bool Strong = false)
    {
        public double W { get; set; }

        public double H => (Lines.Count * LineHeight) + (2 * PadY);

        public double X { get; set; }

        public double Y { get; set; }
    }

    private sealed record Row(string? Title, IReadOnlyList<Box> Boxes);

    /// <summary>The layout of the subject flow, or null when the results have no subject table.</summary>
    public static FlowLayout? Build(FlowResult flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        CohortFlow? cohort = flow.Cohort;
        TableFlow? table = cohort is null ? null : flow.Tables.FirstOrDefault(t => t.Table == cohort.Table);
        if (cohort is null || table is null)
        {
            return null;
        }

        // The column: subjects read, then per exclusion step a side box and the subjects remaining.
        var main = new List<Box> { Main(["Subjects read from " + table.Source], table.RowsRead) };
        var side = new List<Box?>();
        int remaining = table.RowsRead;

        // Without a groups block everyone is in the one implicit group, so the group steps are always 0: not drawn.
        var steps = table.Excluded.Where(e => !(ImplicitOverall(cohort) && e.Stage is "unassigned" or "overlapping")).ToArray();
        for (int i = 0; i < steps.Length; i++)
        {
            ExclusionCount e = steps[i];
            remaining -= e.Count;
            side.Add(new Box([.. T.Wrap(ReportText.ToPlain(ReportViewBuilder.ExclusionText(e, cohort)), FontSize, SideTextWidth), Count(e.Count)], Centred: false));
            bool last = i == steps.Length - 1;
            main.Add(last ? Main(["Analysed"], cohort.Analysed, strong: true) : Main(["Remaining"], remaining));
        }

        if (steps.Length == 0)
        {
            main[0] = Main(["Subjects read from " + table.Source, "all analysed"], cohort.Analysed, strong: true);
        }

        return Place(main, side, Rows(cohort));
    }

    private static Box Main(IReadOnlyList<string> text, int n, bool strong = false) =>
        new([.. text.SelectMany(t => T.Wrap(t, FontSize, MainTextWidth)), Count(n)], Centred: true, strong);

    private static string Count(int n) => "n = " + F.Count(n);

    /// <summary>The groups (unless the study has none: one implicit group "overall"), each group set and the populations.</summary>
    private static List<Row> Rows(CohortFlow cohort)
    {
        var rows = new List<Row>();
        if (!ImplicitOverall(cohort) && cohort.Groups.Count > 0)
        {
            rows.Add(new Row(null, cohort.Groups.Select(g => RowBox([g.Label], g.N)).ToArray()));
        }

        foreach (GroupSetFlow set in cohort.GroupSets ?? [])
        {
            var boxes = set.Groups.Select(g => RowBox([g.Label], g.N)).ToList();
            if (set.InNone > 0)
            {
                boxes.Add(RowBox(["Missing for " + set.Name + ": in none of its groups"], set.InNone));
            }

            if (set.Overlapping > 0)
            {
                boxes.Add(RowBox(["Missing for " + set.Name + ": in more than one group"], set.Overlapping));
            }

            rows.Add(new Row("Group set " + set.Name + " among the " + F.Count(set.Analysed) + " analysed", boxes));
        }

        if (cohort.Populations is { Count: > 0 } populations)
        {
            rows.Add(new Row("Populations among the " + F.Count(cohort.Analysed) + " analysed", populations.Select(p => RowBox(
                [p.Label + " (" + p.Name + ")"], p.N,
                p.Conditions.Select(c => "Left out (" + c.Text + " not true): " + F.Count(c.Excluded)).ToArray())).ToArray()));
        }

        return rows.Where(r => r.Boxes.Count > 0).ToList();
    }

    private static bool ImplicitOverall(CohortFlow cohort) => cohort.Groups.Count == 1 && cohort.Groups[0].Name == "overall";

    private static Box RowBox(IReadOnlyList<string> text, int n, IReadOnlyList<string>? after = null) =>
        new([.. text.SelectMany(t => T.Wrap(t, FontSize, RowTextWidth)), Count(n), .. (after ?? []).SelectMany(t => T.Wrap(t, FontSize, RowTextWidth))], Centred: true);

    private static double TextWidth(Box box) => box.Lines.Max(l => T.Width(l, FontSize)) + (2 * PadX);

    private static FlowLayout Place(List<Box> main, List<Box?> side, List<Row> rows)
    {
        double mainW = Math.Max(150, main.Max(TextWidth));
        main.ForEach(b => b.W = mainW);
        var sides = side.OfType<Box>().ToList();
        double sideW = sides.Count == 0 ? 0 : sides.Max(TextWidth);
        sides.ForEach(b => b.W = sideW);
        foreach (Row row in rows)
        {
            double boxWidth = Math.Max(110, row.Boxes.Max(TextWidth));
            foreach (Box b in row.Boxes)
            {
                b.W = boxWidth;
            }
        }

        double chainW = mainW + (sides.Count == 0 ? 0 : SideGap + sideW);
        double RowWidth(Row r) => r.Boxes.Sum(b => b.W) + (RowGap * (r.Boxes.Count - 1));
        double content = Math.Max(chainW, rows.Count == 0 ? 0 : rows.Max(RowWidth));
        double width = Math.Ceiling(content + (2 * Margin));

        // The column is centred on the page unless its side boxes would not fit, then it moves left.
        double cx = width / 2;
        if (sides.Count > 0 && cx + (mainW / 2) + SideGap + sideW > width - Margin)
        {
            cx = width - Margin - sideW - SideGap - (mainW / 2);
        }

        var marks = new List<FlowMark>();
        double y = Margin;
        for (int i = 0; i < main.Count; i++)
        {
            Box box = main[i];
            box.X = cx - (mainW / 2);
            box.Y = y;
            y += box.H;
            if (i == main.Count - 1)
            {
                break;
            }

            Box? s = side[i];
            double gap = s is null ? 28 : Math.Max(28, s.H + 16);
            if (s is not null)
            {
                s.X = cx + (mainW / 2) + SideGap;
                s.Y = y + ((gap - s.H) / 2);
                Arrow(marks, cx, s.Y + (s.H / 2), s.X, s.Y + (s.H / 2));
            }

            Arrow(marks, cx, y, cx, y + gap);
            y += gap;
        }

        Box analysed = main[^1];
        for (int r = 0; r < rows.Count; r++)
        {
            Row row = rows[r];

            // Only the groups split the analysed subjects, so only their row hangs from the analysed box; group sets
            // and populations are other views of the same subjects (populations may overlap).
            bool split = r == 0 && row.Title is null;
            y += split ? 0 : 12;
            if (row.Title is not null)
            {
                y += 10;
                marks.Add(new FlowText(row.Title, width / 2, y + 10, Centred: true, Bold: false, Italic: true));
                y += 16;
            }

            double x = (width - RowWidth(row)) / 2;
            double top = y + (split ? 36 : 8);
            foreach (Box b in row.Boxes)
            {
                b.X = x;
                b.Y = top;
                x += b.W + RowGap;
            }

            if (split)
            {
                // A bus from the analysed box to every box of the first row.
                double bus = analysed.Y + analysed.H + 18;
                double from = Math.Min(cx, row.Boxes[0].X + (row.Boxes[0].W / 2));
                double to = Math.Max(cx, row.Boxes[^1].X + (row.Boxes[^1].W / 2));
                marks.Add(new FlowLine(cx, analysed.Y + analysed.H, cx, bus));
                marks.Add(new FlowLine(from, bus, to, bus));
                foreach (Box b in row.Boxes)
                {
                    Arrow(marks, b.X + (b.W / 2), bus, b.X + (b.W / 2), b.Y);
                }
            }

            y = top + row.Boxes.Max(b => b.H);
        }

        double height = Math.Ceiling(y + Margin);
        foreach (Box b in main.Concat(sides).Concat(rows.SelectMany(r => r.Boxes)))
        {
            Boxed(marks, b);
        }

        return new FlowLayout(width, height, marks);
    }

    private static void Boxed(List<FlowMark> marks, Box b)
    {
        marks.Add(new FlowRect(b.X, b.Y, b.W, b.H, b.Strong ? 2 : 1));
        double tx = b.Centred ? b.X + (b.W / 2) : b.X + PadX;
        for (int i = 0; i < b.Lines.Count; i++)
        {
            // The count line of a box is bold: it is what a reader looks for.
            bool count = b.Lines[i].StartsWith("n = ", StringComparison.Ordinal);
            marks.Add(new FlowText(b.Lines[i], tx, b.Y + PadY + 12 + (i * LineHeight), b.Centred, count, Italic: false));
        }
    }

    /// <summary>A horizontal or vertical line ending in a filled arrowhead at (x2, y2).</summary>
    private static void Arrow(List<FlowMark> marks, double x1, double y1, double x2, double y2)
    {
        double dx = Math.Sign(x2 - x1);
        double dy = Math.Sign(y2 - y1);
        double bx = x2 - (dx * ArrowHead);
        double by = y2 - (dy * ArrowHead);
        marks.Add(new FlowLine(x1, y1, bx, by));
        marks.Add(new FlowHead(x2, y2, bx + (dy * ArrowHead / 2), by + (dx * ArrowHead / 2), bx - (dy * ArrowHead / 2), by - (dx * ArrowHead / 2)));
    }
}
