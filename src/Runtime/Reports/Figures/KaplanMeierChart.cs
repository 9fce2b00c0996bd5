using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// Kaplan-Meier curves per group as step functions from the survfit table, censored times marked '+', with the numbers at
/// risk under the time axis (<see cref="AtRiskPanel"/>), ticks from the <c>at</c> times (<see cref="SurvivalTimeAxis"/>),
/// the y label from the outcome and, when given, the log-rank test's p in the legend.
/// </summary>
internal static class KaplanMeierChart
{
    /// <param name="annotation">A line for the legend under the groups (the log-rank p), or null.</param>
    /// <param name="confidenceBands">Draw each curve's pointwise CI (the table's lower/upper) as a band; off in reports (see docs/reports.md).</param>
    public static RenderedFigure Draw(KaplanMeierResult km, string id, string? annotation, bool confidenceBands = false)
    {
        Plot plot = Build(km, annotation, confidenceBands, out int height);
        return FigureStyle.Render(plot, id, height);
    }

    /// <summary>The figure's height: the usual one plus the numbers-at-risk rows.</summary>
    public static int Height(KaplanMeierResult km) => FigureStyle.Height + (int)Math.Ceiling(AtRiskPanel.HeightFor(km.Groups.Count));

    internal static Plot Build(KaplanMeierResult km, string? annotation, bool confidenceBands, out int height)
    {
        string unit = km.Unit is null ? string.Empty : " (" + km.Unit + ")";
        Plot plot = FigureStyle.NewPlot(km.Label, "Time" + unit, YLabel(km.Label));
        IReadOnlyList<double> ticks = SurvivalTimeAxis.Breaks(km);
        var legend = new List<LegendItem>();
        var rows = new List<AtRiskPanel.Row>();
        for (int g = 0; g < km.Groups.Count; g++)
        {
            KaplanMeierGroup group = km.Groups[g];
            Color color = FigureStyle.GroupColor(g);
            if (confidenceBands)
            {
                Band(plot, group, color);
            }

            // The curve starts at S = 1 at time 0 and steps down at each event time (right-continuous).
            var xs = new List<double> { 0 };
            var ys = new List<double> { 1 };
            foreach (KaplanMeierRow row in group.Table)
            {
                xs.Add(row.Time);
                ys.Add(row.Survival);
            }

            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            legend.Add(new LegendItem { LabelText = group.Label, LineColor = color, LineWidth = 2, MarkerShape = MarkerShape.None });

            KaplanMeierRow[] censored = group.Table.Where(r => r.NCensor > 0).ToArray();
            if (censored.Length > 0)
            {
                var marks = plot.Add.Markers(censored.Select(r => r.Time).ToArray(), censored.Select(r => r.Survival).ToArray(), MarkerShape.Cross, 9, color);
                marks.MarkerLineWidth = 1.5f;
            }

            rows.Add(new AtRiskPanel.Row(group.Label, color, ticks.Select(t => SurvivalTimeAxis.AtRisk(group, t)).ToArray()));
        }

        if (annotation is not null)
        {
            legend.Add(new LegendItem { LabelText = annotation, LineWidth = 0, MarkerShape = MarkerShape.None });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            ticks.Select(t => new Tick(t, t.ToString("R", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            new[] { 0, 0.25, 0.5, 0.75, 1 }.Select(v => new Tick(v, v.ToString("0.00", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.AddPanel(new MarginPanel(plot.Axes.Left, AtRiskPanel.LabelWidth(km.Groups.Select(g => g.Label))));
        plot.Axes.AddPanel(new AtRiskPanel(ticks, rows));

        // A little room right of the last tick, so its number at risk is not cut at the figure's edge.
        double end = SurvivalTimeAxis.End(km);
        plot.Axes.SetLimits(-0.01 * end, end * 1.03, 0, 1.03);
        plot.ShowLegend(legend, Alignment.LowerLeft);
        height = Height(km);
        return plot;
    }

    /// <summary>
    /// The y axis says what the curve estimates: the probability of being free of the outcome ("Relapse-free
    /// probability"; for a label of several words "Probability free of cardiovascular death"), its first letter
    /// lower-cased unless it looks like an acronym.
    /// </summary>
    internal static string YLabel(string label)
    {
        string trimmed = label.Trim();
        if (trimmed.Length == 0)
        {
            return "Survival probability";
        }

        if (!trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return char.ToUpperInvariant(trimmed[0]) + trimmed[1..] + "-free probability";
        }

        bool acronym = trimmed.Length > 1 && char.IsUpper(trimmed[1]);
        return "Probability free of " + (acronym ? trimmed : char.ToLowerInvariant(trimmed[0]) + trimmed[1..]);
    }

    /// <summary>The pointwise CI (survfit's lower/upper) as a step-shaped band from time 0, until the first row without limits.</summary>
    private static void Band(Plot plot, KaplanMeierGroup group, Color color)
    {
        var xs = new List<double> { 0 };
        var low = new List<double> { 1 };
        var high = new List<double> { 1 };
        foreach (KaplanMeierRow row in group.Table)
        {
            if (double.IsNaN(row.Lower) || double.IsNaN(row.Upper))
            {
                break;
            }

            // Step: hold the previous limits up to the row's time, then jump.
            xs.Add(row.Time);
            low.Add(low[^1]);
            high.Add(high[^1]);
            xs.Add(row.Time);
            low.Add(row.Lower);
            high.Add(row.Upper);
        }

        var band = plot.Add.FillY(xs.ToArray(), high.ToArray(), low.ToArray());
        band.FillColor = color.WithAlpha(0.15);
        band.LineWidth = 0;
    }
}
