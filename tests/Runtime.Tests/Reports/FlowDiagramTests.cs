using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ProtocolLang.Runtime.Reports.Figures;
using ProtocolLang.Runtime.Results;
using SkiaSharp;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>The CONSORT/STROBE subject flow diagram, on a hand-made flow whose every count is known.</summary>
public sealed class FlowDiagramTests
{
    // 20 read: 1 invalid, 3 not included (1 of them for a missing value), 0 excluded, 2 in no group, 1 in two: 13 analysed.
    private static FlowResult Flow(string label = "Arm B") => new(
        [
            new TableFlow("subjects", "data/s.csv", 20,
            [
                new ExclusionCount("invalid_row", "column 'age' is outside its range", 1) { Code = "PL4003" },
                new ExclusionCount("include", "Adult", 3),
                new ExclusionCount("exclude", "Pregnant", 0),
                new ExclusionCount("unassigned", "in no group", 2),
                new ExclusionCount("overlapping", "in more than one group", 1),
            ], 13),
        ],
        new CohortFlow("subjects", 20, 1, [new CriterionFlow("include", "Adult", 3, 1, 16), new CriterionFlow("exclude", "Pregnant", 0, 0, 16)],
            2, 1, 13, [new GroupCount("A", "Arm A", 8), new GroupCount("B", label, 5)], [], []));

    private static IReadOnlyList<string> Texts(string svg) =>
        Regex.Matches(svg, "<text[^>]*>([^<]*)</text>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();

    [Fact]
    public void EveryStepShowsItsReasonAndCountAndTheSubjectsRemainingThenEachGroup()
    {
        string svg = FlowDiagram.Svg(Flow(), "caption")!;

        // Boxes are written column first, then the side boxes, then the groups; wrapped lines join with a space.
        Assert.Equal(
            "Subjects read from data/s.csv n = 20 Remaining n = 19 Remaining n = 16 Remaining n = 16 Remaining n = 14 Analysed n = 13 "
            + "Invalid row: column 'age' is outside its range (PL4003) n = 1 "
            + "Not included: Adult (1 because the criterion's value is missing) n = 3 Excluded: Pregnant n = 0 In no group n = 2 "
            + "In more than one group n = 1 Arm A n = 8 Arm B n = 5",
            string.Join(" ", Texts(svg)));
        Assert.Equal(1 + 5 + 5 + 2 + 1, Regex.Matches(svg, "<rect ").Count);
        Assert.Equal(5 + 5 + 2, Regex.Matches(svg, "<path ").Count);
    }

    [Fact]
    public void LabelsAreEscapedAndTheSvgIsWellFormedXml()
    {
        string svg = FlowDiagram.Svg(Flow("<b>A & \"B\"</b>\tx"), "a <caption>")!;

        Assert.Contains(">&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt; x</text>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>a &lt;caption&gt;</title>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void TheDiagramIsTheSameBytesUnderAnyCurrentCulture(string culture)
    {
        string invariant = FlowDiagram.Svg(Flow(), "caption")!;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(invariant, FlowDiagram.Svg(Flow(), "caption"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        // Coordinates with decimals, which a culture's decimal comma would change.
        Assert.Matches("=\"[0-9]+\\.[0-9]+\"", invariant);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void ThePngIsTheSameBytesUnderAnyCurrentCultureAndTwiceInOneProcess(string culture)
    {
        byte[] invariant = FlowDiagram.Render(Flow(), "caption")!.Png;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(invariant, FlowDiagram.Render(Flow(), "caption")!.Png);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(invariant, FlowDiagram.Render(Flow(), "caption")!.Png);
    }

    /// <summary>The PNG is the SVG's size at 300 dpi (× 300/96), says so in its pHYs chunk, and the SVG is the one <see cref="FlowDiagram.Svg"/> writes.</summary>
    [Fact]
    public void ThePngIsTheSvgsLayoutAt300DotsPerInch()
    {
        RenderedFigure drawn = FlowDiagram.Render(Flow(), "caption")!;
        XElement root = XDocument.Parse(drawn.Svg).Root!;
        int svgWidth = int.Parse(root.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        int svgHeight = int.Parse(root.Attribute("height")!.Value, CultureInfo.InvariantCulture);
        using SKBitmap bitmap = SKBitmap.Decode(drawn.Png);

        Assert.Equal(FlowDiagram.Svg(Flow(), "caption"), drawn.Svg);
        Assert.Equal((Math.Round(svgWidth * 300 / 96.0, MidpointRounding.AwayFromZero), Math.Round(svgHeight * 300 / 96.0, MidpointRounding.AwayFromZero)),
            ((double)bitmap.Width, (double)bitmap.Height));
        int phys = drawn.Png.AsSpan().IndexOf("pHYs"u8);
        Assert.True(phys > 0 && phys < drawn.Png.AsSpan().IndexOf("IDAT"u8), "the pHYs chunk comes before the image data");
        uint perMetre = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(drawn.Png.AsSpan(phys + 4));
        Assert.Equal(11811u, perMetre);   // 300 / 0.0254, rounded
    }

    /// <summary>
    /// Every box of the SVG is drawn in the PNG where the SVG puts it: dark on its top edge (a quarter along, clear of the
    /// arrows), white just above it, and text (dark pixels) inside it.
    /// </summary>
    [Fact]
    public void EveryBoxOfTheSvgIsDrawnAtTheSamePlaceInThePng()
    {
        RenderedFigure drawn = FlowDiagram.Render(Flow(), "caption")!;
        using SKBitmap bitmap = SKBitmap.Decode(drawn.Png);
        const double Scale = 300 / 96.0;
        bool Dark(double x, double y) => bitmap.GetPixel((int)Math.Round(x * Scale), (int)Math.Round(y * Scale)).Red < 128;
        MatchCollection rects = Regex.Matches(drawn.Svg, "<rect x=\"(?<x>[^\"]+)\" y=\"(?<y>[^\"]+)\" width=\"(?<w>[^\"]+)\" height=\"(?<h>[^\"]+)\"");
        double Value(Match m, string name) => double.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);

        Assert.Equal(Regex.Matches(drawn.Svg, "<rect ").Count - 1, rects.Count);   // all but the background
        Assert.True(rects.Count >= 12, $"{rects.Count} boxes");
        foreach (Match r in rects)
        {
            (double x, double y, double w, double h) = (Value(r, "x"), Value(r, "y"), Value(r, "w"), Value(r, "h"));
            Assert.True(Dark(x + (w / 4), y), $"the box at ({x}, {y}) has no top edge in the PNG");
            Assert.False(Dark(x + (w / 4), y - 3), $"the PNG is dark above the box at ({x}, {y})");
            int inkInside = 0;
            for (double py = y + 3; py < y + h - 3; py += 1)
            {
                for (double px = x + 3; px < x + w - 3; px += 1)
                {
                    inkInside += Dark(px, py) ? 1 : 0;
                }
            }

            Assert.True(inkInside > 20, $"the box at ({x}, {y}) has no text in the PNG");
        }
    }

    [Fact]
    public void AStudyWithoutGroupsShowsItsPopulationsAndNoGroupSteps()
    {
        var flow = new FlowResult(
            [new TableFlow("subjects", "data/s.csv", 10, [new ExclusionCount("unassigned", "in no group", 0), new ExclusionCount("overlapping", "in more than one group", 0)], 10)],
            new CohortFlow("subjects", 10, 0, [], 0, 0, 10, [new GroupCount("overall", "Overall", 10)], [], [])
            {
                Populations = [new PopulationFlow("PP", "Per protocol", 10, [new PopulationConditionFlow("adherent", 4, 0, 6)], 6)],
            });

        string text = string.Join(" ", Texts(FlowDiagram.Svg(flow, "caption")!));

        // A row's title is written before the boxes.
        Assert.Equal("Populations among the 10 analysed Subjects read from data/s.csv all analysed n = 10 Per protocol (PP) n = 6 Left out (adherent not true): 4", text);
    }

    [Fact]
    public void EachGroupSetIsARowOfItsGroupsWithThoseMissingForIt()
    {
        FlowResult flow = Flow();
        flow = flow with
        {
            Cohort = flow.Cohort! with
            {
                GroupSets = [new GroupSetFlow("arm", 13, [new GroupCount("T", "Treatment", 6), new GroupCount("C", "Control", 5)], 1, 1, [])],
            },
        };

        string text = string.Join(" ", Texts(FlowDiagram.Svg(flow, "caption")!));

        Assert.StartsWith("Group set arm among the 13 analysed Subjects read", text, StringComparison.Ordinal);
        Assert.EndsWith("Arm A n = 8 Arm B n = 5 Treatment n = 6 Control n = 5 Missing for arm: in none of its groups n = 1 "
            + "Missing for arm: in more than one group n = 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSubjectTableMeansNoDiagram()
    {
        Assert.Null(FlowDiagram.Svg(new FlowResult([], null), "caption"));
    }

    /// <summary>
    /// The fixed width rule must never under-measure DejaVu Sans, the font the diagram names: every line, measured by
    /// Skia with the installed font (bold for the counts), fits its box with the padding to spare.
    /// </summary>
    [Fact]
    public void EveryLineFitsItsBoxInTheNamedFont()
    {
        string label = "NXP2+ juvenile dermatomyositis with MAS, WWW MMM (γ × ≥ 10%) and a very long label indeed";
        string svg = FlowDiagram.Svg(Flow(label), "caption")!;
        using SKTypeface regular = Font("DejaVuSans.ttf");
        using SKTypeface bold = Font("DejaVuSans-Bold.ttf");
        // Unhinted advances, as a browser lays text out at fractional positions.
        using var regularFont = new SKFont(regular, 12) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
        using var boldFont = new SKFont(bold, 12) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };

        double boxWidth = 0;
        int lines = 0;
        foreach (Match m in Regex.Matches(svg, "<rect x=\"[^\"]+\" y=\"[^\"]+\" width=\"(?<w>[^\"]+)\"|<text (?<attributes>[^>]*)>(?<text>[^<]*)</text>"))
        {
            if (m.Groups["w"].Success)
            {
                boxWidth = double.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture);
                continue;
            }

            if (m.Groups["attributes"].Value.Contains("italic", StringComparison.Ordinal))
            {
                continue;
            }

            string text = WebUtility.HtmlDecode(m.Groups["text"].Value);
            SKFont font = m.Groups["attributes"].Value.Contains("bold", StringComparison.Ordinal) ? boldFont : regularFont;
            float width = font.MeasureText(text);
            Assert.True(width <= boxWidth - 19, $"'{text}' is {width:0.0} px wide in a {boxWidth} px box");
            lines++;
        }

        Assert.True(lines >= 24, $"only {lines} lines were measured");
    }

    private static SKTypeface Font(string file)
    {
        string? path = Directory.Exists("/usr/share/fonts")
            ? Directory.EnumerateFiles("/usr/share/fonts", file, SearchOption.AllDirectories).FirstOrDefault()
            : null;
        Assert.True(path is not null, $"{file} is not installed: install fonts-dejavu-core (the figures need it too).");
        return SKTypeface.FromFile(path);
    }
}
