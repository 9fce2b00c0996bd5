using System;
using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Reports.Figures;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>Numbers drawn in figures follow the report's number policy: the true minus sign, ratios as the report's tables print them.</summary>
public sealed class FigureNumbersTests
{
    [Theory]
    [InlineData("-3", "\u22123")]
    [InlineData("-0.25", "\u22120.25")]
    [InlineData("-.5", "\u2212.5")]
    [InlineData("-1.5 (-2.0, -1.0)", "\u22121.5 (\u22122.0, \u22121.0)")]
    [InlineData("[-4, 4]", "[\u22124, 4]")]
    [InlineData("P-019", "P-019")]
    [InlineData("log-rank p = 0.003", "log-rank p = 0.003")]
    [InlineData("x-1", "x-1")]
    [InlineData("- 1", "- 1")]
    [InlineData("12", "12")]
    public void ANumbersMinusBecomesTheTrueMinusAndAHyphenInAWordStays(string text, string expected) =>
        Assert.Equal(expected, FigureNumbers.TrueMinus(text));

    [Theory]
    [InlineData(-2.5, "\u22122.5")]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(-0.0000000000001, "0")]
    [InlineData(1000, "1000")]
    public void TickLabelsAreInvariantWithTheTrueMinus(double value, string expected) =>
        Assert.Equal(expected, FigureNumbers.Tick(value));

    /// <summary>A plot with negative values labels its ticks with U+2212, never a hyphen-minus.</summary>
    [Fact]
    public void NegativeTickLabelsOfAPlotUseTheTrueMinus()
    {
        ScottPlot.Plot plot = FigureStyle.NewPlot("t", "x", "y");
        plot.Add.Scatter(new double[] { -5, 0, 5 }, new double[] { -10, 0, 10 });
        string svg = FigureStyle.Render(plot, "t").Svg;

        Assert.Matches(new Regex(@"^\s*\u2212\d+\s*$", RegexOptions.Multiline), svg);
        Assert.DoesNotMatch(new Regex(@"^\s*-\d+(\.\d+)?\s*$", RegexOptions.Multiline), svg);
    }

    /// <summary>The forest plot's "HR (95% CI)" column is the report's table cell of the same estimate (the ratio policy), and its interaction p reads as the legend's.</summary>
    [Fact]
    public void TheForestPlotsHazardRatiosAreTheReportTablesRatios()
    {
        _ = CoxSubgroupAnalysisTests.Factor(0, out AnalysisResult analysis);
        CoxResult cox = analysis.Cox!;
        string svg = ForestChart.Draw(cox, cox.Subgroups!, "Hazard ratio", "forest").Svg;
        string[] texts = Regex.Matches(svg, @">\s*([^<>]*?)\s*</text>").Select(m => m.Groups[1].Value).ToArray();

        CoxSubgroupEffect overall = cox.Subgroups!.Overall[0];
        Assert.Contains(ReportNumberFormat.Ratio(overall.HazardRatio, overall.HazardRatioLow, overall.HazardRatioHigh), texts);
        Assert.DoesNotContain(texts, t => t.Contains(" to ", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("p = <", StringComparison.Ordinal) || t.Contains("p = >", StringComparison.Ordinal));
        Assert.Contains(texts, t => Regex.IsMatch(t, @"^interaction p (= \d|<0\.001|>0\.99)"));
    }
}
