using System;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// A figure as an inline picture (DrawingML, ECMA-376 Part 1, 20.4.2.8 inline) in its own centred paragraph; its
/// alternative text is the caption. A plot (720 px wide) is as wide as the text block; a figure of another width (the
/// flow diagram) keeps that scale, so its text is the plots' size, and no figure is wider than the text block or taller
/// than most of the page (its caption must fit under it).
/// </summary>
internal static class DocxFigure
{
    /// <summary>The tallest a figure may be, in EMUs: 70% of the text block's height, leaving room for its caption.</summary>
    private const long PortraitMaxHeightEmu = (DocxPage.Height - (2 * DocxPage.Margin)) * 635L * 7 / 10;

    private const long LandscapeMaxHeightEmu = (DocxPage.Width - (2 * DocxPage.Margin)) * 635L * 7 / 10;

    /// <param name="relationshipId">The id of the image part's relationship from the document.</param>
    /// <param name="number">1-based: the drawing's id, unique in the document.</param>
    /// <param name="widthPixels">The PNG's size in pixels (300 dpi), which fixes its aspect ratio and its scale.</param>
    public static Paragraph Build(string relationshipId, uint number, string description, int widthPixels, int heightPixels, bool landscape)
    {
        (long cx, long cy) = Size(widthPixels, heightPixels, landscape ? LandscapeMaxHeightEmu : PortraitMaxHeightEmu);
        string name = "Figure " + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(
                new PIC.NonVisualDrawingProperties { Id = 0U, Name = name },
                new PIC.NonVisualPictureDrawingProperties()),
            new PIC.BlipFill(
                new A.Blip { Embed = relationshipId },
                new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));

        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = number, Name = name, Description = description },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };

        return new Paragraph(
            new ParagraphProperties
            {
                KeepNext = new KeepNext(),
                Justification = new Justification { Val = JustificationValues.Center },
            },
            new Run(new Drawing(inline)));
    }

    /// <summary>The picture's extent: the text width for a plot's 720 px, in proportion for other widths, shrunk to fit <paramref name="maxHeight"/>.</summary>
    internal static (long Width, long Height) Size(int widthPixels, int heightPixels, long maxHeight)
    {
        long plotPixels = Figures.FigurePng.PixelSize(Figures.FigureStyle.Width, Figures.FigureStyle.Height).Width;
        long cx = Math.Min(DocxPage.TextWidthEmu, DocxPage.TextWidthEmu * widthPixels / plotPixels);
        long cy = cx * heightPixels / widthPixels;
        if (cy > maxHeight)
        {
            cx = cx * maxHeight / cy;
            cy = maxHeight;
        }

        return (cx, cy);
    }
}
