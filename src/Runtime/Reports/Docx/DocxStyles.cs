using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// The document's styles: a manuscript look that a journal's template can replace by style name. Body text in
/// Times New Roman 11 pt (a font Word and LibreOffice ship or substitute metrically), headings bold, tables and
/// their notes in 9 pt, code in Courier New. Sizes are in half-points, spacing in twentieths of a point (twips),
/// as WordprocessingML counts them (ECMA-376 Part 1, 17.3.2.38 sz and 17.3.1.33 spacing).
/// </summary>
internal static class DocxStyles
{
    public const string Normal = "Normal";
    public const string Title = "Title";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string Caption = "Caption";
    public const string TableText = "TableText";
    public const string TableNote = "TableNote";
    public const string CodeStyle = "Code";

    private const string BodyFont = "Times New Roman";
    private const string CodeFont = "Courier New";

    public static Styles Build()
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle
                {
                    RunFonts = new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, ComplexScript = BodyFont, EastAsia = BodyFont },
                    FontSize = new FontSize { Val = "22" },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = "22" },
                    Languages = new Languages { Val = "en-GB" },
                }),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto },
                })));

        styles.Append(ParagraphStyle(Normal, "Normal", basedOn: null, isDefault: true));
        styles.Append(ParagraphStyle(Title, "Title", Normal, size: 32, bold: true, spaceBefore: 0, spaceAfter: 240, keepNext: true));
        styles.Append(ParagraphStyle(Heading1, "heading 1", Normal, size: 28, bold: true, spaceBefore: 360, spaceAfter: 120, keepNext: true, outline: 0));
        styles.Append(ParagraphStyle(Heading2, "heading 2", Normal, size: 24, bold: true, spaceBefore: 240, spaceAfter: 120, keepNext: true, outline: 1));
        styles.Append(ParagraphStyle(Heading3, "heading 3", Normal, size: 22, bold: true, spaceBefore: 200, spaceAfter: 80, keepNext: true, outline: 2));
        styles.Append(ParagraphStyle(Caption, "caption", Normal, size: 20, bold: false, spaceBefore: 60, spaceAfter: 240));
        styles.Append(ParagraphStyle(TableText, "Table Text", Normal, size: 18, bold: false, spaceBefore: 20, spaceAfter: 20, line: 240));
        styles.Append(ParagraphStyle(TableNote, "Table Note", Normal, size: 18, bold: false, spaceBefore: 40, spaceAfter: 60, line: 240));
        styles.Append(new Style(
            new StyleName { Val = "Code" },
            new PrimaryStyle(),
            new StyleRunProperties(new RunFonts { Ascii = CodeFont, HighAnsi = CodeFont, ComplexScript = CodeFont }))
        {
            Type = StyleValues.Character,
            StyleId = CodeStyle,
        });
        return styles;
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn, bool isDefault = false, int? size = null, bool bold = false,
        int? spaceBefore = null, int? spaceAfter = null, int? line = null, bool keepNext = false, int? outline = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = OnOffValue.FromBoolean(true);
        }

        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
            style.Append(new NextParagraphStyle { Val = Normal });
        }

        style.Append(new PrimaryStyle());

        var paragraph = new StyleParagraphProperties();
        if (keepNext)
        {
            paragraph.KeepNext = new KeepNext();
        }

        if (spaceBefore is not null || spaceAfter is not null || line is not null)
        {
            var spacing = new SpacingBetweenLines();
            if (spaceBefore is not null)
            {
                spacing.Before = Measure(spaceBefore.Value);
            }

            if (spaceAfter is not null)
            {
                spacing.After = Measure(spaceAfter.Value);
            }

            if (line is not null)
            {
                spacing.Line = Measure(line.Value);
                spacing.LineRule = LineSpacingRuleValues.Auto;
            }

            paragraph.SpacingBetweenLines = spacing;
        }

        if (outline is not null)
        {
            paragraph.OutlineLevel = new OutlineLevel { Val = outline.Value };
        }

        if (paragraph.HasChildren)
        {
            style.Append(paragraph);
        }

        var run = new StyleRunProperties();
        if (bold)
        {
            run.Bold = new Bold();
        }

        if (size is not null)
        {
            run.FontSize = new FontSize { Val = Measure(size.Value) };
            run.FontSizeComplexScript = new FontSizeComplexScript { Val = Measure(size.Value) };
        }

        if (run.HasChildren)
        {
            style.Append(run);
        }

        return style;
    }

    /// <summary>An integer measure as WordprocessingML writes it (invariant digits).</summary>
    internal static string Measure(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
