using System;
using System.Globalization;
using System.Threading;
using ProtocolLang.Runtime.Reports.Figures;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>
/// The forest plot of Cox subgroups, drawn from the results alone: the same bytes on every drawing and in any culture,
/// a row for every estimate (not estimable ones say so instead of a square), a height that grows with the rows.
/// </summary>
public sealed class ForestChartTests
{
    [Fact]
    public void TheForestPlotIsTheSameBytesOnEveryDrawingAndInAnyCulture()
    {
        CoxResult cox = Cox();
        string first = ForestChart.Draw(cox, cox.Subgroups!, "Hazard ratio", "forest").Svg;
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        string second;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("fi-FI");
            second = ForestChart.Draw(cox, cox.Subgroups!, "Hazard ratio", "forest").Svg;
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }

        Assert.Equal(first, second);
        Assert.DoesNotContain("\u2212", first, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLevelHasARowAndANotEstimableOneSaysSo()
    {
        CoxResult cox = Cox();
        string svg = ForestChart.Draw(cox, cox.Subgroups!, "Hazard ratio", "forest").Svg;

        foreach (string text in new[] { "Subgroup (events/n)", "HR (95% CI)", "All subjects (", "Single arm:", "No events:", "Empty:", "Partial:",
            "NA (not estimable)", "NA (no subjects)", "interaction not computed", "z (0/0)" })
        {
            Assert.Contains(text, svg, StringComparison.Ordinal);
        }

        Assert.Contains($"height=\"{ForestChart.Height(1 + 4 + 2 + 2 + 3 + 2 + 1)}\"", svg, StringComparison.Ordinal);
    }

    private static CoxResult Cox()
    {
        _ = CoxSubgroupAnalysisTests.Factor(0, out AnalysisResult analysis);
        return analysis.Cox!;
    }
}
