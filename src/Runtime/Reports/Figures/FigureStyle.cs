using System;
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
    /// (too faint on white) and black (kept for axes); groups take the colours in declaration order.
    /// </summary>
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];

    public static Color GroupColor(int index) => Color.FromHex(Palette[index % Palette.Length]);

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Axes.Bottom.TickGenerator = InvariantTicks();
        plot.Axes.Left.TickGenerator = InvariantTicks();
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        return plot;
    }

    /// <summary>Tick labels in the invariant culture (ScottPlot's default formatter uses the current one).</summary>
    private static NumericAutomatic InvariantTicks() => new()
    {
        LabelFormatter = v => Math.Round(v, 10).ToString("G", CultureInfo.InvariantCulture),
    };

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

    /// <summary>Pixels per inch of the PNG figures: 300, the resolution journals ask of line art with text at its printed size.</summary>
    public const int PngDpi = 300;

    /// <summary>
    /// The plot and its SVG, with its PNG drawn on demand (only Word output needs it; drawing 300 dpi costs more than the SVG).
    /// </summary>
    public static FigureImage Render(Plot plot, string id, int height = Height) => new(ToSvg(plot, id, height), () => ToPng(plot, height));

    /// <summary>
    /// The plot as PNG at <see cref="PngDpi"/>: the same layout as the SVG (<see cref="Width"/> × <paramref name="height"/> at
    /// 96 px per inch, the CSS pixel) scaled by 300/96, so 720 × 420 becomes 2250 × 1313 pixels. Drawn under the
    /// invariant culture, as the SVG; Skia's PNG encoder writes no time or resolution chunk, so the bytes depend only on the plot
    /// (and the installed font). Word output sets the printed size itself.
    /// </summary>
    public static byte[] ToPng(Plot plot, int height = Height)
    {
        const double scale = PngDpi / 96.0;
        CultureInfo saved = CultureInfo.CurrentCulture;
        double previous = plot.ScaleFactor;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            plot.ScaleFactor = scale;
            return plot.GetImageBytes((int)Math.Round(Width * scale), (int)Math.Round(height * scale), ImageFormat.Png);
        }
        finally
        {
            plot.ScaleFactor = previous;
            CultureInfo.CurrentCulture = saved;
        }
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
