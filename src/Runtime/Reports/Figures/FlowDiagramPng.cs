using System;
using SkiaSharp;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The flow diagram's <see cref="FlowLayout"/> drawn with SkiaSharp as a 300 dpi PNG: the SVG's marks in the same order
/// at the same places, every length scaled by 300/96 as the ScottPlot figures' PNGs are (<see cref="FigurePng"/>), text
/// in DejaVu Sans (the font the SVG names and whose advance widths sized the boxes), and a <c>pHYs</c> chunk saying
/// 300 dpi. Nothing here reads the culture, the clock or a random source, so equal layouts give equal bytes.
/// </summary>
internal static class FlowDiagramPng
{
    private static readonly SKColor Ink = new(0x11, 0x11, 0x11);

    // Typefaces are found by family through fontconfig, as ScottPlot finds DejaVu Sans for the other figures.
    private static readonly Lazy<SKTypeface> Regular = new(() => Typeface(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> Bold = new(() => Typeface(SKFontStyle.Bold));
    private static readonly Lazy<SKTypeface> Italic = new(() => Typeface(SKFontStyle.Italic));

    public static byte[] Render(FlowLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        (int width, int height) = FigurePng.PixelSize((int)layout.Width, (int)layout.Height);
        float scale = (float)(FigurePng.DotsPerInch / 96.0);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info) ?? throw new InvalidOperationException("Skia could not create a raster surface for the flow diagram");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);

        using var stroke = new SKPaint { Color = Ink, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var fill = new SKPaint { Color = Ink, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
        using SKFont regular = Font(Regular.Value, slanted: false);
        using SKFont bold = Font(Bold.Value, slanted: false);
        using SKFont italic = Font(Italic.Value, slanted: true);
        foreach (FlowMark mark in layout.Marks)
        {
            switch (mark)
            {
                case FlowRect r:
                    var rect = SKRect.Create((float)r.X, (float)r.Y, (float)r.Width, (float)r.Height);
                    canvas.DrawRect(rect, white);
                    stroke.StrokeWidth = (float)r.StrokeWidth;
                    canvas.DrawRect(rect, stroke);
                    stroke.StrokeWidth = 1;
                    break;
                case FlowLine l:
                    canvas.DrawLine((float)l.X1, (float)l.Y1, (float)l.X2, (float)l.Y2, stroke);
                    break;
                case FlowHead a:
                    using (var path = new SKPath())
                    {
                        path.MoveTo((float)a.TipX, (float)a.TipY);
                        path.LineTo((float)a.X1, (float)a.Y1);
                        path.LineTo((float)a.X2, (float)a.Y2);
                        path.Close();
                        canvas.DrawPath(path, fill);
                    }

                    break;
                case FlowText t:
                    SKFont font = t.Bold ? bold : t.Italic ? italic : regular;

                    // As SVG's text-anchor="middle": the line's measured advance centred on x.
                    float x = t.Centred ? (float)t.X - (font.MeasureText(t.Text) / 2) : (float)t.X;
                    canvas.DrawText(t.Text, x, (float)t.Y, font, fill);
                    break;
                default:
                    throw new InvalidOperationException("unknown flow diagram mark " + mark.GetType().Name);
            }
        }

        canvas.Flush();
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return FigurePng.WithResolution(data.ToArray(), FigurePng.DotsPerInch);
    }

    private static SKTypeface Typeface(SKFontStyle style) =>
        SKTypeface.FromFamilyName(FigureStyle.FontName, style) ?? SKTypeface.Default;

    /// <summary>12 px, unhinted, with linear metrics and subpixel positions, as a browser sets the SVG's text.</summary>
    private static SKFont Font(SKTypeface typeface, bool slanted) => new(typeface, (float)FlowLayout.FontSize)
    {
        LinearMetrics = true,
        Subpixel = true,
        Hinting = SKFontHinting.None,
        Edging = SKFontEdging.Antialias,

        // Without an oblique face installed (fonts-dejavu-extra), slant the upright one as browsers do.
        SkewX = slanted && !typeface.IsItalic ? -0.25f : 0,
    };
}
