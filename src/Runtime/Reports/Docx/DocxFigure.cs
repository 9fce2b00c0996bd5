using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// A figure as an inline picture (DrawingML, ECMA-376 Part 1, 20.4.2.8 inline) in its own centred paragraph, as wide as
/// the text block and as tall as the figure's aspect ratio makes it; its alternative text is the caption.
/// </summary>
internal static class DocxFigure
{
    /// <param name="relationshipId">The id of the image part's relationship from the document.</param>
    /// <param name="number">1-based: the drawing's id, unique in the document.</param>
    /// <param name="widthPixels">The figure's layout size (the SVG's pixels), which fixes its aspect ratio.</param>
    public static Paragraph Build(string relationshipId, uint number, string description, int widthPixels, int heightPixels)
    {
        long cx = DocxPage.TextWidthEmu;
        long cy = cx * heightPixels / widthPixels;
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
}
