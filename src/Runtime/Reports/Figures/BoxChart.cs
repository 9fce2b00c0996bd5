using System.Linq;
using ProtocolLang.Runtime.Results;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>Box plots of a continuous outcome by group from the recorded <c>boxplot.stats</c> numbers; outliers as circles.</summary>
internal static class BoxChart
{
    public static FigureImage Draw(FigureResult figure, BoxFigure box)
    {
        string unit = figure.Unit is null || figure.Label.Contains(figure.Unit, System.StringComparison.Ordinal) ? string.Empty : " (" + figure.Unit + ")";
        Plot plot = FigureStyle.NewPlot(figure.Label + " by group", "Group", figure.Label + unit);
        var ticks = new Tick[box.Groups.Count];
        for (int g = 0; g < box.Groups.Count; g++)
        {
            BoxGroup group = box.Groups[g];
            Color color = FigureStyle.GroupColor(g);
            ticks[g] = new Tick(g + 1, group.Label);
            if (group.N == 0)
            {
                continue;
            }

            var shape = new Box
            {
                Position = g + 1,
                BoxMin = group.LowerHinge,
                BoxMax = group.UpperHinge,
                BoxMiddle = group.Median,
                WhiskerMin = group.LowerWhisker,
                WhiskerMax = group.UpperWhisker,
                Width = 0.5,
            };
            shape.FillColor = color.WithAlpha(0.35);
            shape.LineColor = color;
            shape.LineWidth = 1.5f;
            plot.Add.Box(shape);
            if (group.Outliers.Count > 0)
            {
                plot.Add.Markers(group.Outliers.Select(_ => (double)(g + 1)).ToArray(), group.Outliers.ToArray(), MarkerShape.OpenCircle, 7, color);
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Axes.SetLimitsX(0.4, box.Groups.Count + 0.6);
        return FigureStyle.Render(plot, figure.Id);
    }
}
