using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// <c>report.docx</c>: the report view as a WordprocessingML package (DocumentFormat.OpenXml), with the same tables as the
/// Markdown and HTML reports as real Word tables, and the figures embedded as 300 dpi PNG drawn from the same plots as
/// the SVG files. The bytes depend only on the view: every relationship id is given, no document properties (which carry
/// times and a random part name) are written, and <see cref="DocxPackage.Normalise"/> fixes the zip's entry times and order.
/// </summary>
public static class DocxReport
{
    /// <summary>The package's bytes.</summary>
    public static byte[] Render(ReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        using var stream = new MemoryStream();
        using (WordprocessingDocument document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            MainDocumentPart main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>("rIdStyles").Styles = DocxStyles.Build();
            main.AddNewPart<DocumentSettingsPart>("rIdSettings").Settings = Settings();

            int images = 0;
            (string, int, int)? Embed(FigureView figure)
            {
                // Every figure has a PNG (the flow diagram's too); a view built without one gets its caption only.
                if (figure.Png.Length == 0)
                {
                    return null;
                }

                byte[] png = figure.Png;
                string id = string.Create(CultureInfo.InvariantCulture, $"rIdFigure{++images}");
                ImagePart part = main.AddImagePart(ImagePartType.Png, id);
                using (var data = new MemoryStream(png, writable: false))
                {
                    part.FeedData(data);
                }

                (int width, int height) = PngSize(png);
                return (id, width, height);
            }

            main.Document = new Document(DocxBody.Build(view, Embed));
        }

        return DocxPackage.Normalise(stream.ToArray());
    }

    /// <summary>Word 2013+ layout (compatibility mode 15), so Word does not open the file in compatibility mode.</summary>
    private static Settings Settings() => new(
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }));

    /// <summary>The width and height in the PNG's IHDR chunk (big-endian, at bytes 16 and 20; W3C PNG, 11.2.2), for the figure's aspect ratio.</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        png.Length >= 24
            ? (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)))
            : throw new InvalidOperationException("a figure's PNG has no IHDR chunk");
}
