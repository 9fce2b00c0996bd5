using System.Linq;
using ProtocolLang.Runtime.Results;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>Mean (95% CI) of a repeated outcome over time per group; groups are dodged slightly so the bars do not overlap.</summary>
internal static class TrajectoryChart
{
    public static FigureImage Draw(FigureResult figure, TrajectoryFigure trajectory)
    {
        string unit = figure.Unit is null || figure.Label.Contains(figure.Unit, System.StringComparison.Ordinal) ? string.Empty : " (" + figure.Unit + ")";
        string timeUnit = trajectory.TimeUnit is null ? string.Empty : " (" + trajectory.TimeUnit + ")";
        Plot plot = FigureStyle.NewPlot(figure.Label, trajectory.Time + timeUnit, "Mean (95% CI) of " + figure.Label + unit);
        double[] allTimes = trajectory.Groups.SelectMany(g => g.Points).Select(p => p.Time).Distinct().Order().ToArray();
        double span = allTimes.Length > 1 ? allTimes[^1] - allTimes[0] : 1;
        double dodge = span * 0.008;
        int count = trajectory.Groups.Count;
        for (int g = 0; g < count; g++)
        {
            TrajectoryGroup group = trajectory.Groups[g];
            if (group.Points.Count == 0)
            {
                continue;
            }

            Color color = FigureStyle.GroupColor(g);
            double shift = (g - ((count - 1) / 2.0)) * dodge;
            double[] xs = group.Points.Select(p => p.Time + shift).ToArray();
            double[] ys = group.Points.Select(p => p.Mean).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = group.Label;

            // Points with a CI (n >= 2) get error bars; a lone value is drawn as its mean only.
            TrajectoryPoint[] withCi = group.Points.Where(p => !double.IsNaN(p.Lower)).ToArray();
            if (withCi.Length > 0)
            {
                var bars = plot.Add.ErrorBar(
                    withCi.Select(p => p.Time + shift).ToArray(),
                    withCi.Select(p => p.Mean).ToArray(),
                    withCi.Select(p => p.Mean - p.Lower).ToArray());
                bars.YErrorPositive = withCi.Select(p => p.Upper - p.Mean).ToArray();
                bars.Color = color;
                bars.LineWidth = 1.5f;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            allTimes.Select(t => new Tick(t, t.ToString("R", System.Globalization.CultureInfo.InvariantCulture))).ToArray());
        plot.ShowLegend(Alignment.UpperRight);
        return FigureStyle.Render(plot, figure.Id);
    }
}
