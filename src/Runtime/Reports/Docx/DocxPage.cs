using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// Page setup: ISO 216 A4 portrait (210 × 297 mm = 11906 × 16838 twips) with 2.54 cm (1 inch) margins all round, the
/// margins most journals' manuscript instructions ask for, leaving a text block 15.92 cm wide. An analysis with a table
/// too wide for that goes on landscape A4 pages (24.62 cm of text), as journals print wide tables.
/// </summary>
internal static class DocxPage
{
    public const int Width = 11906;
    public const int Height = 16838;
    public const int Margin = 1440;

    /// <summary>The portrait text block's width in twips.</summary>
    public const int TextWidth = Width - (2 * Margin);

    /// <summary>The landscape text block's width in twips.</summary>
    public const int LandscapeTextWidth = Height - (2 * Margin);

    /// <summary>The portrait text block's width in EMUs (914400 per inch, 635 per twip), the unit of DrawingML extents.</summary>
    public const long TextWidthEmu = TextWidth * 635L;

    /// <summary>A section's page: portrait, or landscape (the same sheet turned, its width and height swapped; ECMA-376 Part 1, 17.6.13).</summary>
    public static SectionProperties Build(bool landscape = false) => new(
        landscape
            ? new PageSize { Width = Height, Height = Width, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = Width, Height = Height, Orient = PageOrientationValues.Portrait },
        new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 708, Footer = 708, Gutter = 0 });
}
