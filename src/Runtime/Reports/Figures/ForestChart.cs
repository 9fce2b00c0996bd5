using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ScottPlot;
using F = ProtocolLang.Runtime.Reports.ReportNumberFormat;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The forest plot of a Cox model's subgroups: one row per hazard ratio, the overall row on top, then each factor's header
/// (its label and a colon, with its interaction p) and levels. Labels on the left, "HR (95% CI)" on the right, under
/// column headings; the HR axis is logarithmic (the
/// points are drawn at log10 HR with ticks labelled as ratios) with a reference line at HR = 1; a square per estimate, its
/// area proportional to the level's events (the estimate's weight), and its CI as whiskers.
/// </summary>
internal static class ForestChart
{
    private const int RowHeight = 24;

    /// <summary>A row of the plot: its texts, and the estimate (NaN for a header or a not estimable level).</summary>
    private sealed record Row(string Label, string Text, double HazardRatio, double Low, double High, int Events, bool Header);

    public static RenderedFigure Draw(CoxResult cox, CoxSubgroupsResult subgroups, string title, string id)
    {
        IReadOnlyList<Row> rows = Rows(cox, subgroups);
        Plot plot = FigureStyle.NewPlot(title, "Hazard ratio (log scale)", string.Empty);
        int maxEvents = Math.Max(1, rows.Where(r => double.IsFinite(r.HazardRatio)).Select(r => r.Events).DefaultIfEmpty(1).Max());
        // The column headings sit one row above the first estimate, as the tick labels of that row.
        var left = new List<Tick> { new(rows.Count + 1, "Subgroup (events/n)") };
        var right = new List<Tick> { new(rows.Count + 1, "HR (95% CI)") };
        for (int r = 0; r < rows.Count; r++)
        {
            Row row = rows[r];
            double y = rows.Count - r;
            left.Add(new Tick(y, row.Label));
            right.Add(new Tick(y, row.Text));
            if (row.Header || !double.IsFinite(row.HazardRatio))
            {
                continue;
            }

            Color color = FigureStyle.GroupColor(0);
            if (double.IsFinite(row.Low) && double.IsFinite(row.High))
            {
                var whisker = plot.Add.Line(Math.Log10(row.Low), y, Math.Log10(row.High), y);
                whisker.LineColor = color;
                whisker.LineWidth = 1.5f;
            }

            // A square's area proportional to the events: its side to their square root, between 5 and 15 pixels.
            float size = (float)(5 + (10 * Math.Sqrt((double)Math.Max(row.Events, 0) / maxEvents)));
            plot.Add.Marker(Math.Log10(row.HazardRatio), y, MarkerShape.FilledSquare, size, r == 0 ? Colors.Black : color);
        }

        (double low, double high) = Range(rows);
        var reference = plot.Add.VerticalLine(0);
        reference.LineColor = Colors.Gray;
        reference.LinePattern = LinePattern.Dashed;
        reference.LineWidth = 1;

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(RatioTicks(low, high).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(left.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual(right.ToArray());
        plot.Axes.Right.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.SetLimitsX(low, high);
        plot.Axes.SetLimitsY(0.4, rows.Count + 1.6, plot.Axes.Left);
        plot.Axes.SetLimitsY(0.4, rows.Count + 1.6, plot.Axes.Right);
        return FigureStyle.Render(plot, id, Height(rows.Count + 1));
    }

    /// <summary>What the hazard ratio compares: the contrast's label for a two-arm treatment (<c>rx: Lev+5FU vs Observation</c>), else the treatment's.</summary>
    public static string Treatment(CoxSubgroupsResult subgroups) =>
        subgroups.Overall.Count == 1 ? subgroups.Overall[0].Label : subgroups.TreatmentLabel;

    /// <summary>The figure's height for its rows: the title and axis, then one fixed band per row.</summary>
    public static int Height(int rows) => 110 + (RowHeight * rows);

    private static IReadOnlyList<Row> Rows(CoxResult cox, CoxSubgroupsResult subgroups)
    {
        bool several = subgroups.Overall.Count > 1;
        var rows = new List<Row>();
        foreach (CoxSubgroupEffect e in subgroups.Overall)
        {
            rows.Add(Estimate("All subjects" + (several ? ", " + e.Label : string.Empty), e, cox.Events, cox.N));
        }

        foreach (CoxSubgroupFactorResult factor in subgroups.Factors)
        {
            string interaction = factor.Interaction.Status == ResultStatus.Ok ? "interaction p " + PValue(factor.Interaction.PValue) : "interaction not computed";
            rows.Add(new Row(factor.Label + ":", interaction, double.NaN, double.NaN, double.NaN, 0, true));
            foreach (CoxSubgroupLevelResult level in factor.Levels)
            {
                string label = level.Label;
                if (level.Effects.Count == 0)
                {
                    rows.Add(new Row(label + $" ({F.Count(level.Events)}/{F.Count(level.N)})", "NA (no subjects)", double.NaN, double.NaN, double.NaN, 0, false));
                }

                foreach (CoxSubgroupEffect e in level.Effects)
                {
                    rows.Add(Estimate(label + (several ? ", " + e.Label : string.Empty), e, level.Events, level.N));
                }
            }
        }

        return rows;
    }

    private static Row Estimate(string label, CoxSubgroupEffect e, int events, int n)
    {
        string counts = $" ({F.Count(events)}/{F.Count(n)})";
        string text = e.Status switch
        {
            ResultStatus.NotEstimable => "NA (not estimable)",
            "possibly_infinite" => FigureNumbers.TrueMinus(F.Estimate(e.HazardRatio)) + " (may be infinite)",

            // The ratio policy, as the report's table of the same estimates prints them: "0.65 (0.47, 0.88)".
            _ => FigureNumbers.TrueMinus(F.Ratio(e.HazardRatio, e.HazardRatioLow, e.HazardRatioHigh)),
        };
        // Only an estimate with a CI gets a square: a possibly infinite ratio would stretch the axis to where it stopped.
        return new Row(label + counts, text, e.Status == ResultStatus.Ok ? e.HazardRatio : double.NaN, e.HazardRatioLow, e.HazardRatioHigh, events, false);
    }

    /// <summary>"= 0.012", or "<0.001" and ">0.99" as they are, as the Kaplan-Meier legend prints a p.</summary>
    private static string PValue(double p)
    {
        string text = F.PValue(p);
        return text.StartsWith('<') || text.StartsWith('>') ? text : "= " + text;
    }

    /// <summary>The x range in log10 HR: every finite CI limit and HR = 1, widened a little, at least 0.5 to 2.</summary>
    private static (double Low, double High) Range(IReadOnlyList<Row> rows)
    {
        var values = rows.SelectMany(r => new[] { r.HazardRatio, r.Low, r.High }).Where(v => double.IsFinite(v) && v > 0).Select(Math.Log10).ToList();
        double low = Math.Min(Math.Log10(0.5), values.DefaultIfEmpty(0).Min());
        double high = Math.Max(Math.Log10(2), values.DefaultIfEmpty(0).Max());
        double pad = 0.05 * (high - low);
        return (low - pad, high + pad);
    }

    /// <summary>Ticks at ratios 1, 2, 5 per decade (and their inverses) within the range, labelled as ratios.</summary>
    private static IEnumerable<Tick> RatioTicks(double low, double high)
    {
        double[] steps = [1, 2, 5];
        for (int decade = -3; decade <= 3; decade++)
        {
            foreach (double step in steps)
            {
                double ratio = step * Math.Pow(10, decade);
                double x = Math.Log10(ratio);
                if (x >= low && x <= high)
                {
                    yield return new Tick(x, ratio.ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
