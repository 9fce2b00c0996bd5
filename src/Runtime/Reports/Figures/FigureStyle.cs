using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The fixed look of every figure (size, font, colours) and the one way a figure becomes SVG text,
/// so that the same results give the same bytes on any machine that has the font installed.
/// </summary>
internal static partial class FigureStyle
{
    public const int Width = 720;
    public const int Height = 420;

    /// <summary>DejaVu Sans: in Debian's fonts-dejavu-core, which CI installs; text widths come from its metrics.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>
    /// Okabe &amp; Ito's colour-blind-safe palette ("Color Universal Design", 2008), without its yellow
    /// (too faint on white) and black (kept for axes and text); groups take the colours in declaration order,
    /// in every figure: each plot's default palette is this one, so no plottable falls back to ScottPlot's own.
    /// </summary>
    public static readonly IReadOnlyList<string> PaletteHex = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];

    private static readonly IPalette Palette = new ScottPlot.Palettes.Custom(PaletteHex.ToArray(), "Okabe-Ito", "Okabe & Ito (2008) without yellow and black");

    public static Color GroupColor(int index) => Color.FromHex(PaletteHex[index % PaletteHex.Count]);

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Add.Palette = Palette;
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Axes.Bottom.TickGenerator = InvariantTicks();
        plot.Axes.Left.TickGenerator = InvariantTicks();
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        return plot;
    }

    /// <summary>Tick labels in the invariant culture (ScottPlot's default formatter uses the current one), with the true minus (<see cref="FigureNumbers"/>).</summary>
    private static NumericAutomatic InvariantTicks() => new()
    {
        LabelFormatter = FigureNumbers.Tick,
    };

    /// <summary>The plot as its SVG (see <see cref="ToSvg"/>) and its 300 dpi PNG (<see cref="FigurePng"/>) of the same layout.</summary>
    public static RenderedFigure Render(Plot plot, string id, int height = Height) =>
        new(ToSvg(plot, id, height), FigurePng.Render(plot, Width, height));

    /// <summary>
    /// The plot as an SVG element (no XML declaration, so it can be inlined in HTML). Skia's SVG
    /// canvas names clip paths <c>cl_N</c> from a process-wide counter, so the ids depend on how many
    /// figures were drawn before and two figures inlined in one page could share an id. They are
    /// renamed <c>{id}-clip1</c>, <c>{id}-clip2</c>, ... in order of appearance. The root also gets a
    /// <c>viewBox</c> so the figure scales with the page; nothing else is changed.
    /// </summary>
    public static string ToSvg(Plot plot, string id, int height = Height)
    {
        string svg;
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // ScottPlot and Skia format some numbers with the current culture; draw in the invariant one.
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            svg = plot.GetSvgXml(Width, height);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        svg = XmlDeclaration().Replace(svg, string.Empty);
        var renamed = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);
        svg = ClipId().Replace(svg, m =>
        {
            string old = m.Groups[1].Value;
            if (!renamed.TryGetValue(old, out string? name))
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{id}-clip{renamed.Count + 1}");
                renamed[old] = name;
            }

            return m.Value.Replace(old, name, StringComparison.Ordinal);
        });
        svg = svg.Replace(
            string.Create(CultureInfo.InvariantCulture, $"width=\"{Width}\" height=\"{height}\">"),
            string.Create(CultureInfo.InvariantCulture, $"width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">"),
            StringComparison.Ordinal);
        svg = svg.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\t", "  ", StringComparison.Ordinal).Trim() + "\n";
        return svg;
    }

    /// <summary>
    /// Draws a small throwaway plot, so the font is loaded and the drawing code compiled before the
    /// report's first figure (see <see cref="ReportWarmup"/>); the result is discarded, and the clip-path
    /// renaming in <see cref="ToSvg"/> keeps later figures independent of how many were drawn before.
    /// </summary>
    public static void WarmUp()
    {
        Plot plot = NewPlot("warm-up", "x", "y");
        plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
        _ = ToSvg(plot, "warm-up", height: 60);
    }

    /// <summary>
    /// The SVG for inlining in HTML: without the namespace declarations, which an HTML parser does not
    /// need and which would be the page's only URLs. The figure files keep them (standalone SVG needs them).
    /// </summary>
    public static string Inline(string svg) => svg
        .Replace(" xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal)
        .Replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"^<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"(?:id=""|url\(#)(cl_[0-9A-Za-z]+)")]
    private static partial Regex ClipId();
}

/// <summary>A drawn figure: the standalone SVG text and the PNG bytes of the same plot.</summary>
internal sealed record RenderedFigure(string Svg, byte[] Png);
