using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports.Figures;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;
using ScottPlot;
using SkiaSharp;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>
/// The Kaplan-Meier figure: its numbers-at-risk table drawn inside the figure under the time axis (checked on the PNG's
/// pixels), its ticks from the <c>at</c> times, its numbers as survfit's n.risk, the log-rank p, a golden SVG, and PNG and
/// SVG bytes that do not depend on the culture or on what was drawn before.
/// </summary>
public sealed class KaplanMeierChartTests
{
    private static readonly Lazy<StudyResults> Small = new(() =>
    {
        using var folder = new StudyFolder();
        return SmallStudy.Run(folder.Options("out", ReportFormat.Json));
    });

    private static AnalysisResult Analysis => Small.Value.Analyses.Single(a => a.Id == "km_relapse");

    private static KaplanMeierResult Km => Analysis.KaplanMeier!;

    [Fact]
    public void TheNumbersAtRiskSitUnderTheTimeAxisCentredUnderEachTickOneRowPerGroupInItsColour()
    {
        KaplanMeierResult km = Km;
        Plot plot = KaplanMeierChart.Build(km, "Log-rank p = 0.5", confidenceBands: false, out int height);
        byte[] png = FigurePng.Render(plot, FigureStyle.Width, height);
        PixelRect data = plot.LastRender.DataRect;
        double scale = FigurePng.DotsPerInch / 96.0;
        IReadOnlyList<double> ticks = SurvivalTimeAxis.Breaks(km);
        double[] tickX = ticks.Select(t => plot.Axes.Bottom.GetPixel(t, data) * scale).ToArray();
        double axisY = data.Bottom * scale;
        double halfWindow = Math.Min(16 * scale, tickX.Zip(tickX.Skip(1), (a, b) => (b - a) / 2).Min() - scale);

        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal(FigurePng.PixelSize(FigureStyle.Width, height), (bitmap.Width, bitmap.Height));
        double previousBottom = axisY;
        for (int g = 0; g < km.Groups.Count; g++)
        {
            Color color = FigureStyle.GroupColor(g);
            double top = double.MaxValue;
            double bottom = 0;
            for (int t = 0; t < tickX.Length; t++)
            {
                // The number's pixels: the group's colour, under the axis, within half the distance to the next tick.
                var pixels = new List<(int X, int Y)>();
                for (int y = (int)axisY + 1; y < bitmap.Height; y++)
                {
                    for (int x = (int)(tickX[t] - halfWindow); x <= (int)(tickX[t] + halfWindow); x++)
                    {
                        if (IsColour(bitmap.GetPixel(x, y), color))
                        {
                            pixels.Add((x, y));
                        }
                    }
                }

                Assert.True(pixels.Count > 20, $"group {g} has no number under the tick at {ticks[t]} ({pixels.Count} pixels of its colour)");
                double centre = (pixels.Min(p => p.X) + pixels.Max(p => p.X)) / 2.0;
                Assert.True(Math.Abs(centre - tickX[t]) <= 1.5 * scale, $"group {g}'s number at {ticks[t]} is centred at x = {centre}, its tick at {tickX[t]}");
                top = Math.Min(top, pixels.Min(p => p.Y));
                bottom = Math.Max(bottom, pixels.Max(p => p.Y));
            }

            // Below the tick labels and the axis title (the first row), and each row below the one before: a table, not text in the plot.
            Assert.True(top > previousBottom + (g == 0 ? 30 * scale : 0), $"group {g}'s row (from y = {top}) overlaps what is above it (to y = {previousBottom})");
            previousBottom = bottom;
        }
    }

    [Fact]
    public void TheNumbersAtRiskAtTheAtTimesAreSurvfitsNRiskInTheResults()
    {
        foreach (KaplanMeierGroup group in Km.Groups)
        {
            Assert.Equal(group.N, SurvivalTimeAxis.AtRisk(group, 0));
            foreach (SurvivalEstimate at in group.AtTimes)
            {
                Assert.Equal(at.Estimable ? at.NRisk : 0, SurvivalTimeAxis.AtRisk(group, at.Time));
            }
        }
    }

    [Theory]
    [InlineData(new double[] { 12, 24, 36 }, 36.0, 36.0, new double[] { 0, 6, 12, 18, 24, 30, 36 })]
    [InlineData(new double[] { 12, 24 }, 52.0, 52.0, new double[] { 0, 12, 24, 36, 48 })]
    [InlineData(new double[] { 1 }, 24.0, 20.0, new double[] { 0, 4, 8, 12, 16, 20, 24 })]
    [InlineData(new double[] { }, 0.0, 730.0, new double[] { 0, 100, 200, 300, 400, 500, 600, 700 })]
    [InlineData(new double[] { 0.5 }, 0.0, 3.0, new double[] { 0, 0.5, 1, 1.5, 2, 2.5, 3 })]
    public void TheTimeAxisTicksComeFromTheAtTimesAndTheHorizon(double[] at, double horizon, double lastTime, double[] expected)
    {
        var group = new KaplanMeierGroup("a", "A", 1, 0, double.NaN, double.NaN, double.NaN, [], null, null,
            [new KaplanMeierRow(lastTime, 1, 0, 1, 1, 0, 1, 1, 0, 0)]);
        var km = new KaplanMeierResult("t", "T", null, "log", 0.95, at, horizon > 0 ? horizon : null, 0, [group]);

        Assert.Equal(expected, SurvivalTimeAxis.Breaks(km));
    }

    [Theory]
    [InlineData("Relapse", "Relapse-free probability")]
    [InlineData("event", "Event-free probability")]
    [InlineData("Cardiovascular death", "Probability free of cardiovascular death")]
    [InlineData("MACE or death", "Probability free of MACE or death")]
    public void TheYAxisSaysWhatTheCurveEstimatesFromTheOutcomesLabel(string label, string expected) =>
        Assert.Equal(expected, KaplanMeierChart.YLabel(label));

    [Fact]
    public void TheLegendCarriesTheLogRankPOfTheSameOutcomeAndGroups()
    {
        string? line = ReportFigures.LogRankLine(Small.Value, Analysis);
        LogRankOutcome test = Small.Value.Analyses.Single(a => a.LogRank is not null).LogRank!;

        Assert.NotNull(line);
        Assert.StartsWith("Log-rank p ", line, StringComparison.Ordinal);
        Assert.Contains(ProtocolLang.Runtime.Reports.ReportNumberFormat.PValue(test.PValue), line, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(line), KaplanMeierChart.Draw(Km, "km", line).Svg, StringComparison.Ordinal);

        // A test on other subjects (another scope) is not this figure's.
        AnalysisResult scoped = Analysis with { Scope = new AnalysisScopeResult("PP", "Per protocol", null, "group", null, null, null, null, 10, []) };
        Assert.Null(ReportFigures.LogRankLine(Small.Value, scoped));
    }

    [Fact]
    public void ConfidenceBandsAreDrawnOnlyWhenAsked()
    {
        string without = KaplanMeierChart.Draw(Km, "km", null).Svg;
        string with = KaplanMeierChart.Draw(Km, "km", null, confidenceBands: true).Svg;

        // A band is a translucent fill in the group's colour (the legend's shadow is near-black).
        string band = $"fill=\"{FigureStyle.PaletteHex[0]}\" fill-opacity=";
        Assert.DoesNotContain(band, without, StringComparison.Ordinal);
        Assert.Contains(band, with, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKaplanMeierFigureMatchesItsGoldenSvg() =>
        GoldenFile.Verify("kaplan_meier.svg", KaplanMeierChart.Draw(Km, "km_relapse", ReportFigures.LogRankLine(Small.Value, Analysis)).Svg);

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void ThePngAndSvgAreTheSameBytesInAnyCultureAndOnEveryDrawing(string culture)
    {
        RenderedFigure first = KaplanMeierChart.Draw(Km, "km", "Log-rank p = 0.5");
        RenderedFigure second;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            second = KaplanMeierChart.Draw(Km, "km", "Log-rank p = 0.5");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = saved;
        }

        Assert.Equal(first.Svg, second.Svg);
        Assert.Equal(first.Png, second.Png);
    }

    [Fact]
    public void ThePngSays300DpiInItsPhysChunkWithAValidCrc()
    {
        byte[] png = KaplanMeierChart.Draw(Km, "km", null).Png;

        // After the signature and IHDR (8 + 25 bytes): length 9, "pHYs", 11811 px/m twice (300 dpi), unit metre, CRC.
        Assert.Equal("pHYs"u8.ToArray(), png[37..41]);
        Assert.Equal(11811u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(41)));
        Assert.Equal(11811u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(45)));
        Assert.Equal(1, png[49]);
        Assert.Equal(FigurePng.Crc(png.AsSpan(37, 13)), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(50)));
        Assert.Equal(0xCBF43926u, FigurePng.Crc("123456789"u8));
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
    }

    /// <summary>A pixel of the text's colour: within a small distance of it (the anti-aliased edges blend with white and are not counted).</summary>
    private static bool IsColour(SKColor pixel, Color color) =>
        Math.Abs(pixel.Red - color.R) + Math.Abs(pixel.Green - color.G) + Math.Abs(pixel.Blue - color.B) < 60;
}
