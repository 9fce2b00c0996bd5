using System;
using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports.Figures;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>
/// Box plots (the one palette, translucent boxes, the values as deterministic points, empty groups left out) and
/// trajectories (on the model's scale, time labels without repetition).
/// </summary>
public sealed class BoxAndTrajectoryChartTests
{
    private static readonly Lazy<StudyResults> Small = new(() =>
    {
        using var folder = new StudyFolder();
        return SmallStudy.Run(folder.Options("out", ReportFormat.Json));
    });

    private static BoxGroup Group(string name, params double[] values) =>
        new(name, name + " label", values.Length, 0, values.Min(), values.Min(), values.Order().ElementAt(values.Length / 2), values.Max(), values.Max(), [])
        {
            Values = values.Order().ToArray(),
        };

    private static readonly BoxGroup Empty = new("empty", "Nobody here", 0, 3, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, []) { Values = [] };

    [Fact]
    public void BoxesTakeThePaletteColoursByGroupTranslucentlyAndLeaveOutAnEmptyGroup()
    {
        var figure = new FigureResult("box-x", "box", "x", "X", null);
        var box = new BoxFigure([Group("a", 1, 2, 3, 4), Empty, Group("c", 5, 6, 7, 9)]);

        string svg = BoxChart.Draw(figure, box).Svg;

        Assert.DoesNotContain("Nobody here", svg, StringComparison.Ordinal);
        Assert.Contains("a label", svg, StringComparison.Ordinal);
        Assert.Contains("c label", svg, StringComparison.Ordinal);

        // Group a the palette's first colour, group c its third (the empty group keeps its colour's place); boxes translucent.
        string[] fills = Regex.Matches(svg, "fill=\"(#[0-9A-F]{6})\" fill-opacity=\"0\\.2").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal([FigureStyle.PaletteHex[0], FigureStyle.PaletteHex[2]], fills);
        Assert.DoesNotContain(FigureStyle.PaletteHex[1], svg, StringComparison.Ordinal);

        // None of ScottPlot's own category colours (its default palette) is left in the figure.
        foreach (string scottPlot in new[] { "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728" })
        {
            Assert.DoesNotContain(scottPlot, svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryValueIsAPointAndTheJitterStaysInsideTheBoxAndIsTheSameEveryTime()
    {
        var figure = new FigureResult("box-x", "box", "x", "X", null);
        var box = new BoxFigure([Group("a", 1, 2, 2, 2, 3, 4, 5)]);

        Assert.Equal(BoxChart.Draw(figure, box).Svg, BoxChart.Draw(figure, box).Svg);
        double[] offsets = Enumerable.Range(0, 500).Select(BoxChart.Jitter).ToArray();
        Assert.All(offsets, o => Assert.InRange(o, -0.175, 0.175));
        Assert.True(offsets.Take(3).Distinct().Count() == 3, "tied values in a row land at different places");

        // Seven points, each a filled circle in the group's colour with some transparency.
        string point = $"fill=\"{FigureStyle.PaletteHex[0]}\" fill-opacity=\"0.5";
        Assert.Equal(7, Regex.Matches(BoxChart.Draw(figure, box).Svg, Regex.Escape(point)).Count);
    }

    [Fact]
    public void ABoxPlotOfAnAnalysisByAnotherFactorIsTitledAndLabelledByIt()
    {
        var figure = new FigureResult("box-x", "box", "x", "X", null);
        var box = new BoxFigure([Group("a", 1, 2, 3)]);

        string byArm = BoxChart.Draw(figure, box, "by arm").Svg;
        string byGroup = BoxChart.Draw(figure, box).Svg;

        Assert.Contains(">\n      X by arm\n", byArm.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(">\n      Arm\n", byArm, StringComparison.Ordinal);
        Assert.Contains(">\n      Group\n", byGroup, StringComparison.Ordinal);
        Assert.DoesNotContain(">\n      Group\n", byArm, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("month", "months", "Month")]
    [InlineData("week", "weeks", "Week")]
    [InlineData("day", "Day", "Day")]
    [InlineData("t", "years", "T (years)")]
    [InlineData("visit", null, "Visit")]
    public void TheTimeAxisLabelDoesNotRepeatTheTimeInItsUnit(string time, string? unit, string expected) =>
        Assert.Equal(expected, TrajectoryChart.TimeLabel(time, unit));

    [Fact]
    public void TheTrajectoryOfALogModelsOutcomeIsOnALogAxisWithGeometricMeans()
    {
        FigureResult figure = Small.Value.Figures!.Single(f => f.Trajectory is not null);
        TrajectoryFigure trajectory = figure.Trajectory!;
        Assert.Equal("log", trajectory.Scale);

        string log = TrajectoryChart.Draw(figure, trajectory).Svg;
        string raw = TrajectoryChart.Draw(figure, trajectory with { Scale = null }).Svg;

        Assert.Contains("Geometric mean (95% CI), log scale", log, StringComparison.Ordinal);
        Assert.Contains("Mean (95% CI)", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("log scale", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("month (months)", log, StringComparison.Ordinal);

        // A geometric mean lies inside its own interval and, on the log axis, the interval is symmetric around it.
        TrajectoryPoint p = trajectory.Groups.SelectMany(g => g.Points).First(q => !double.IsNaN(q.Lower));
        Assert.InRange(p.Mean, p.Lower, p.Upper);
        Assert.Equal(Math.Log(p.Mean) - Math.Log(p.Lower), Math.Log(p.Upper) - Math.Log(p.Mean), 10);
    }
}
