using System;
using System.Text;
using ProtocolLang.Runtime.Results;
using T = ProtocolLang.Runtime.Reports.Figures.SvgText;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The subject flow as a CONSORT/STROBE diagram (the geometry is <see cref="FlowLayout"/>'s): hand-written SVG, and the
/// same marks drawn as a 300 dpi PNG by <see cref="FlowDiagramPng"/>.
/// </summary>
internal static class FlowDiagram
{
    public const string Id = "subject-flow";

    /// <summary>The standalone SVG of the subject flow, or null when the results have no subject table.</summary>
    public static string? Svg(FlowResult flow, string caption) => FlowLayout.Build(flow) is { } layout ? Svg(layout, caption) : null;

    /// <summary>The SVG and the PNG of the subject flow, or null when the results have no subject table.</summary>
    public static RenderedFigure? Render(FlowResult flow, string caption) =>
        FlowLayout.Build(flow) is { } layout ? new RenderedFigure(Svg(layout, caption), FlowDiagramPng.Render(layout)) : null;

    private static string Svg(FlowLayout layout, string caption)
    {
        var svg = new StringBuilder();
        foreach (FlowMark mark in layout.Marks)
        {
            Append(svg, mark);
        }

        string w = T.Number(layout.Width);
        string h = T.Number(layout.Height);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" "
            + $"font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"{T.Number(FlowLayout.FontSize)}\">\n"
            + $"<title>{T.Escape(caption)}</title>\n"
            + $"<rect fill=\"white\" width=\"{w}\" height=\"{h}\"/>\n"
            + svg
            + "</svg>\n";
    }

    private static void Append(StringBuilder svg, FlowMark mark)
    {
        switch (mark)
        {
            case FlowRect r:
                svg.Append("<rect x=\"").Append(T.Number(r.X)).Append("\" y=\"").Append(T.Number(r.Y))
                    .Append("\" width=\"").Append(T.Number(r.Width)).Append("\" height=\"").Append(T.Number(r.Height))
                    .Append("\" fill=\"white\" stroke=\"#111\" stroke-width=\"").Append(T.Number(r.StrokeWidth)).Append("\"/>\n");
                break;
            case FlowLine l:
                svg.Append("<line x1=\"").Append(T.Number(l.X1)).Append("\" y1=\"").Append(T.Number(l.Y1)).Append("\" x2=\"").Append(T.Number(l.X2))
                    .Append("\" y2=\"").Append(T.Number(l.Y2)).Append("\" stroke=\"#111\" stroke-width=\"1\"/>\n");
                break;
            case FlowHead a:
                svg.Append("<path d=\"M").Append(T.Number(a.TipX)).Append(' ').Append(T.Number(a.TipY))
                    .Append(" L").Append(T.Number(a.X1)).Append(' ').Append(T.Number(a.Y1))
                    .Append(" L").Append(T.Number(a.X2)).Append(' ').Append(T.Number(a.Y2))
                    .Append(" Z\" fill=\"#111\"/>\n");
                break;
            case FlowText t:
                svg.Append("<text x=\"").Append(T.Number(t.X)).Append("\" y=\"").Append(T.Number(t.Y)).Append('"')
                    .Append(t.Centred ? " text-anchor=\"middle\"" : string.Empty)
                    .Append(t.Italic ? " font-style=\"italic\"" : string.Empty)
                    .Append(t.Bold ? " font-weight=\"bold\"" : string.Empty)
                    .Append('>').Append(T.Escape(t.Text)).Append("</text>\n");
                break;
            default:
                throw new InvalidOperationException("unknown flow diagram mark " + mark.GetType().Name);
        }
    }
}
