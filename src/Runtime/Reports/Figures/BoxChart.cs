using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// Box plots of a continuous outcome by group from the recorded <c>boxplot.stats</c> numbers, each group in its palette
/// colour (the same as in every other figure): a translucent box so the median line shows, and the values as jittered
/// points under it (outliers as circles when the values are not recorded). A group without values has no box and no
/// place on the axis.
/// </summary>
internal static class BoxChart
{
    private const double BoxWidth = 0.5;

    /// <param name="grouping">How the figure's analysis groups its subjects, in words: "by group" (the study's groups), "by arm".</param>
    public static RenderedFigure Draw(FigureResult figure, BoxFigure box, string grouping = "by group")
    {
        string unit = figure.Unit is null || figure.Label.Contains(figure.Unit, StringComparison.Ordinal) ? string.Empty : " (" + figure.Unit + ")";
        string factor = grouping.StartsWith("by ", StringComparison.Ordinal) ? grouping[3..] : grouping;
        string xLabel = factor.Length == 0 ? "Group" : char.ToUpperInvariant(factor[0]) + factor[1..];
        Plot plot = FigureStyle.NewPlot(figure.Label + " " + grouping, xLabel, figure.Label + unit);
        var ticks = new List<Tick>();
        for (int g = 0; g < box.Groups.Count; g++)
        {
            BoxGroup group = box.Groups[g];
            if (group.N == 0)
            {
                continue;
            }

            // The group keeps its colour (by declaration order) when an empty group before it is left out.
            Color color = FigureStyle.GroupColor(g);
            double position = ticks.Count + 1;
            ticks.Add(new Tick(position, group.Label));
            if (group.Values is { Count: > 0 } values)
            {
                var points = plot.Add.Markers(values.Select((_, i) => position + Jitter(i)).ToArray(), values.ToArray(), MarkerShape.FilledCircle, 5, color.WithAlpha(0.55));
                points.MarkerLineWidth = 0;
            }
            else if (group.Outliers.Count > 0)
            {
                plot.Add.Markers(group.Outliers.Select(_ => position).ToArray(), group.Outliers.ToArray(), MarkerShape.OpenCircle, 7, color);
            }

            var boxes = plot.Add.Box(new Box
            {
                Position = position,
                BoxMin = group.LowerHinge,
                BoxMax = group.UpperHinge,
                BoxMiddle = group.Median,
                WhiskerMin = group.LowerWhisker,
                WhiskerMax = group.UpperWhisker,
                Width = BoxWidth,
            });

            // The plottable's style wins over the box's own: set it there, or ScottPlot's default palette colours the box.
            boxes.FillColor = color.WithAlpha(0.25);
            boxes.LineColor = color;
            boxes.LineWidth = 1.5f;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Axes.SetLimitsX(0.4, Math.Max(ticks.Count, 1) + 0.6);
        return FigureStyle.Render(plot, figure.Id);
    }

    /// <summary>
    /// A deterministic horizontal offset for the i-th value (ascending order) within 70 % of the box's width: the fractional
    /// parts of i × the golden ratio, a low-discrepancy sequence (Weyl), so neighbouring values spread apart and the same
    /// values always land at the same places, with no random numbers.
    /// </summary>
    internal static double Jitter(int i)
    {
        const double golden = 0.6180339887498949;
        double u = (i * golden) % 1.0;
        return (u - 0.5) * BoxWidth * 0.7;
    }
}
