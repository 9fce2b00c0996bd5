using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ScottPlot;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>Kaplan-Meier curves per group as step functions from the survfit table, censored times marked '+'.</summary>
internal static class KaplanMeierChart
{
    public static FigureImage Draw(KaplanMeierResult km, string id)
    {
        string unit = km.Unit is null ? string.Empty : " (" + km.Unit + ")";
        Plot plot = FigureStyle.NewPlot(km.Label, "Time" + unit, "Survival probability");
        for (int g = 0; g < km.Groups.Count; g++)
        {
            KaplanMeierGroup group = km.Groups[g];
            Color color = FigureStyle.GroupColor(g);

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
            line.LegendText = group.Label;

            KaplanMeierRow[] censored = group.Table.Where(r => r.NCensor > 0).ToArray();
            if (censored.Length > 0)
            {
                var marks = plot.Add.Markers(censored.Select(r => r.Time).ToArray(), censored.Select(r => r.Survival).ToArray(), MarkerShape.Cross, 9, color);
                marks.MarkerLineWidth = 1.5f;
            }
        }

        double maxTime = km.Groups.SelectMany(g => g.Table).Select(r => r.Time).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(0, maxTime * 1.02, 0, 1.03);
        plot.ShowLegend(Alignment.LowerLeft);
        return FigureStyle.Render(plot, id);
    }
}
