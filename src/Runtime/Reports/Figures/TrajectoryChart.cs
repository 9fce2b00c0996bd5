using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// Mean (95% CI) of a repeated outcome over time per group, on the model's scale: for a <c>log(y)</c> model the geometric
/// means on a log axis (points drawn at log10 y, ticks labelled as values). Groups are dodged slightly so the bars do not
/// overlap; the legend sits right of the data area, so it never covers a visit.
/// </summary>
internal static class TrajectoryChart
{
    public static RenderedFigure Draw(FigureResult figure, TrajectoryFigure trajectory)
    {
        bool log = trajectory.Scale == "log";
        string unit = figure.Unit is null || figure.Label.Contains(figure.Unit, StringComparison.Ordinal) ? string.Empty : " (" + figure.Unit + ")";
        // The title names the outcome; the y axis says what is plotted, in which unit and on which scale.
        string yLabel = (log ? "Geometric mean (95% CI)" : "Mean (95% CI)") + unit + (log ? ", log scale" : string.Empty);
        Plot plot = FigureStyle.NewPlot(figure.Label, TimeLabel(trajectory.Time, trajectory.TimeUnit), yLabel);
        Func<double, double> y = log ? Math.Log10 : v => v;
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
            double[] ys = group.Points.Select(p => y(p.Mean)).ToArray();
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
                    withCi.Select(p => y(p.Mean)).ToArray(),
                    withCi.Select(p => y(p.Mean) - y(p.Lower)).ToArray());
                bars.YErrorPositive = withCi.Select(p => y(p.Upper) - y(p.Mean)).ToArray();
                bars.Color = color;
                bars.LineWidth = 1.5f;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            allTimes.Select(t => new Tick(t, FigureNumbers.TrueMinus(t.ToString("R", CultureInfo.InvariantCulture)))).ToArray());
        if (log)
        {
            LogAxis(plot, trajectory);
        }

        plot.ShowLegend(Edge.Right);
        return FigureStyle.Render(plot, figure.Id);
    }

    /// <summary>
    /// The time axis' label: the time column's name, capitalised, and its unit unless the unit only repeats the name
    /// ("month" in "months" gives "Month", not "month (months)").
    /// </summary>
    internal static string TimeLabel(string time, string? unit)
    {
        string name = time.Length == 0 ? time : char.ToUpperInvariant(time[0]) + time[1..];
        if (unit is null || unit.Equals(time, StringComparison.OrdinalIgnoreCase) || unit.Equals(time + "s", StringComparison.OrdinalIgnoreCase))
        {
            return name;
        }

        return name + " (" + unit + ")";
    }

    /// <summary>Ticks at 1, 2, 5 × 10^k within the data's range (log10 positions, labels as values), and the range padded a little.</summary>
    private static void LogAxis(Plot plot, TrajectoryFigure trajectory)
    {
        double[] values = trajectory.Groups.SelectMany(g => g.Points)
            .SelectMany(p => new[] { p.Mean, p.Lower, p.Upper })
            .Where(v => double.IsFinite(v) && v > 0)
            .ToArray();
        if (values.Length == 0)
        {
            return;
        }

        double low = Math.Log10(values.Min());
        double high = Math.Log10(values.Max());
        double pad = Math.Max(0.05 * (high - low), 0.05);
        low -= pad;
        high += pad;
        var ticks = new List<Tick>();
        for (int decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
        {
            foreach (double step in new[] { 1.0, 2, 5 })
            {
                double value = step * Math.Pow(10, decade);
                double at = Math.Log10(value);
                if (at >= low && at <= high)
                {
                    ticks.Add(new Tick(at, value.ToString("G6", CultureInfo.InvariantCulture)));
                }
            }
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsY(low, high);
    }
}
