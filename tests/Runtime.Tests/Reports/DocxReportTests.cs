using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using A = DocumentFormat.OpenXml.Drawing;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>The example study (examples/Nxp2Jdm's data through the hand-written plan) run once, writing Markdown, HTML, Word and JSON.</summary>
public sealed class DocxExampleRun : IDisposable
{
    public static readonly string ExampleDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm");

    private readonly TemporaryDirectory _output = new();

    public DocxExampleRun()
    {
        Results = Nxp2Jdm.Nxp2JdmStudy.Run(new StudyRunOptions
        {
            StudyDirectory = ExampleDirectory,
            OutputDirectory = _output.Path,
            Formats = [ReportFormat.Markdown, ReportFormat.Html, ReportFormat.Docx, ReportFormat.Json],
        });
    }

    public string Output => _output.Path;

    public StudyResults Results { get; }

    public void Dispose() => _output.Dispose();
}

/// <summary>report.docx of the example study: valid, the same tables, figures, stable bytes.</summary>
public sealed class DocxReportTests(DocxExampleRun run) : IClassFixture<DocxExampleRun>
{
    private static readonly string ExampleDirectory = DocxExampleRun.ExampleDirectory;
    private readonly string _output = run.Output;
    private readonly StudyResults _results = run.Results;

    private string DocxPath => Path.Combine(_output, ReportWriter.DocxFile);

    [Fact]
    public void TheWordReportOfTheExampleHasNoOpenXmlValidationErrors()
    {
        using WordprocessingDocument document = WordprocessingDocument.Open(DocxPath, isEditable: false);

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToArray();

        Assert.True(errors.Length == 0, string.Join("\n", errors));
        Assert.NotEmpty(document.MainDocumentPart!.Document!.Body!.Elements<Table>());
    }

    [Fact]
    public void TableOneIsAWordTableWithTheCellsOfTheMarkdownReport()
    {
        ReportView view = ReportViewBuilder.Build(_results);
        SectionView describe = view.Analyses[0];
        MarkdownTable tableOne = describe.Tables[0];
        using WordprocessingDocument document = WordprocessingDocument.Open(DocxPath, isEditable: false);

        Table table = TableAfterHeading(document, ReportText.ToPlain(describe.Heading));
        string[][] cells = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText.Replace('\u00A0', ' ')).ToArray()).ToArray();

        Assert.StartsWith("describe ", ReportText.ToPlain(describe.Source), StringComparison.Ordinal);
        Assert.Equal(tableOne.Rows.Count + 1, cells.Length);
        Assert.Equal(tableOne.Header.Select(h => ReportText.ToPlain(h).Replace('\u00A0', ' ')), cells[0]);
        // A numeric cell keeps its bracketed interval on one line with no-break spaces (DocxTable); the text is otherwise the same.
        for (int r = 0; r < tableOne.Rows.Count; r++)
        {
            Assert.Equal(tableOne.Rows[r].Select(ReportText.ToPlain), cells[r + 1]);
        }

        // The same rows, cell for cell, as report.md prints them from the same view.
        string markdown = File.ReadAllText(Path.Combine(_output, ReportWriter.MarkdownFile));
        foreach (IReadOnlyList<string> row in ReportViews.ForMarkdown(view).Analyses[0].Tables[0].Rows)
        {
            Assert.Contains("| " + string.Join(" | ", row) + " |\n", markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TableOneHasOnlyHorizontalRulesAndRightAlignedNumbers()
    {
        MarkdownTable tableOne = ReportViewBuilder.Build(_results).Analyses[0].Tables[0];
        using WordprocessingDocument document = WordprocessingDocument.Open(DocxPath, isEditable: false);
        Table table = TableAfterHeading(document, ReportText.ToPlain(ReportViewBuilder.Build(_results).Analyses[0].Heading));

        TableBorders borders = table.GetFirstChild<TableProperties>()!.TableBorders!;
        Assert.NotNull(borders.TopBorder);
        Assert.NotNull(borders.BottomBorder);
        Assert.Null(borders.LeftBorder);
        Assert.Null(borders.RightBorder);
        Assert.Null(borders.InsideVerticalBorder);
        Assert.All(table.Elements<TableRow>().First().Elements<TableCell>(),
            c => Assert.NotNull(c.TableCellProperties!.TableCellBorders!.BottomBorder));
        TableCell[] firstRow = table.Elements<TableRow>().ElementAt(1).Elements<TableCell>().ToArray();
        for (int c = 0; c < firstRow.Length; c++)
        {
            bool right = firstRow[c].Descendants<Justification>().Any(j => j.Val! == JustificationValues.Right);
            Assert.Equal(tableOne.Alignments[c] == "right", right);
        }

        Assert.Contains("right", tableOne.Alignments);
    }

    [Fact]
    public void EveryFigureIsEmbeddedAsAPngOnAnA4PortraitPage()
    {
        // Every figure, the flow diagram too.
        int figures = ReportViewBuilder.Build(_results).Figures.Count;
        using WordprocessingDocument document = WordprocessingDocument.Open(DocxPath, isEditable: false);
        MainDocumentPart main = document.MainDocumentPart!;

        string[] embeds = main.Document!.Descendants<A.Blip>().Select(b => b.Embed!.Value!).ToArray();
        Assert.True(figures >= 4, $"the example has {figures} figures");
        Assert.Equal(figures, embeds.Length);
        Assert.Equal(figures, embeds.Distinct().Count());
        foreach (string id in embeds)
        {
            var part = Assert.IsType<ImagePart>(main.GetPartById(id));
            Assert.Equal("image/png", part.ContentType);
            using Stream stream = part.GetStream();
            var signature = new byte[8];
            stream.ReadExactly(signature);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature);
        }

        PageSize page = main.Document.Body!.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (page.Width!.Value, page.Height!.Value));
    }

    /// <summary>Figure 1 of the Word report is the flow diagram's PNG, the very bytes of figures/subject-flow.png, and it comes right after the title.</summary>
    [Fact]
    public void TheFirstPictureIsTheFlowDiagramsPng()
    {
        byte[] flowPng = File.ReadAllBytes(Path.Combine(_output, "figures", "subject-flow.png"));
        using WordprocessingDocument document = WordprocessingDocument.Open(DocxPath, isEditable: false);
        MainDocumentPart main = document.MainDocumentPart!;
        Body body = main.Document!.Body!;

        A.Blip first = body.Descendants<A.Blip>().First();
        using var embedded = new MemoryStream();
        using (Stream stream = main.GetPartById(first.Embed!.Value!).GetStream())
        {
            stream.CopyTo(embedded);
        }

        Assert.Equal(flowPng, embedded.ToArray());
        Paragraph picture = first.Ancestors<Paragraph>().First();
        Paragraph[] before = picture.ElementsBefore().OfType<Paragraph>().ToArray();
        Assert.Equal(["Title", "Heading1"], before.Select(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value));
        Assert.StartsWith("Figure 1. Flow of subjects", picture.ElementsAfter().OfType<Paragraph>().First().InnerText, StringComparison.Ordinal);
    }

    /// <summary>
    /// The Word report's outline — headings with their levels and figure captions, in order — is the Markdown report's and
    /// the HTML report's, each read from its file; and that order is the paper's: title, the flow diagram as Figure 1,
    /// Table 1, the analyses in protocol order, the appendix.
    /// </summary>
    [Fact]
    public void TheWordReportFollowsThePaperOrderOfTheMarkdownAndHtmlReports()
    {
        string[] markdown = ReportOutline.FromMarkdown(File.ReadAllText(Path.Combine(_output, ReportWriter.MarkdownFile)));
        string[] html = ReportOutline.FromHtml(File.ReadAllText(Path.Combine(_output, ReportWriter.HtmlFile)));
        using WordprocessingDocument document = WordprocessingDocument.Open(DocxPath, isEditable: false);
        string[] word = ReportOutline.FromDocx(document.MainDocumentPart!.Document!.Body!);

        Assert.Equal(markdown, word);
        Assert.Equal(html, word);

        Assert.StartsWith("0 ", word[0], StringComparison.Ordinal);
        Assert.Equal("1 Subject flow", word[1]);
        Assert.StartsWith("caption Figure 1. Flow of subjects", word[2], StringComparison.Ordinal);
        Assert.StartsWith("1 Table 1. ", word[3], StringComparison.Ordinal);
        int appendix = Array.IndexOf(word, "1 Appendix");
        int analyses = Array.IndexOf(word, "1 Analyses");
        Assert.True(analyses > 3 && appendix > analyses, string.Join("\n", word));

        // The analyses under "Analyses" are numbered in protocol order ("3. ...").
        int[] numbers = word[analyses..appendix].Where(l => l.StartsWith("2 ", StringComparison.Ordinal))
            .Select(l => int.Parse(l[2..l.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(numbers.Length >= 5, string.Join("\n", word));
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(_results.Analyses.Count - 1, numbers.Length);
    }

    [Fact]
    public void TheWordReportIsByteIdenticalTwiceInOneRunAndUnderGermanAndTurkishCultures()
    {
        byte[] written = File.ReadAllBytes(DocxPath);
        byte[] again = ReportWriter.RenderDocx(_results);
        CultureInfo saved = CultureInfo.CurrentCulture;
        byte[] german;
        byte[] turkish;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            german = ReportWriter.RenderDocx(_results);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            turkish = ReportWriter.RenderDocx(_results);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(written, again);
        Assert.Equal(written, german);
        Assert.Equal(written, turkish);
    }

    [Fact]
    public void EveryZipEntryCarriesTheSameFixedTime()
    {
        using var zip = new ZipArchive(File.OpenRead(DocxPath), ZipArchiveMode.Read);

        Assert.Equal("[Content_Types].xml", zip.Entries[0].FullName);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith(".png", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAnalysisWithATableTooWideForPortraitIsSetOnLandscapePagesAndTheDocumentEndsInPortrait()
    {
        ReportView view = ReportViewBuilder.Build(_results);
        SectionView wide = view.Analyses.First(s => s.Tables.Any(t => ProtocolLang.Runtime.Reports.Docx.DocxTable.MinimumWidth(t) > ProtocolLang.Runtime.Reports.Docx.DocxPage.TextWidth));
        using WordprocessingDocument document = WordprocessingDocument.Open(DocxPath, isEditable: false);
        Body body = document.MainDocumentPart!.Document!.Body!;

        // A section's page setup is in the paragraph that ends it: the first one after the wide analysis's heading.
        Paragraph heading = body.Elements<Paragraph>().First(p => p.InnerText == ReportText.ToPlain(wide.Heading));
        SectionProperties ending = heading.ElementsAfter().OfType<Paragraph>().Select(p => p.ParagraphProperties?.SectionProperties).First(s => s is not null)!;
        Assert.Equal(PageOrientationValues.Landscape, ending.GetFirstChild<PageSize>()!.Orient!.Value);
        Assert.Equal(PageOrientationValues.Portrait, body.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!.Orient!.Value);
    }

    [Fact]
    public void AWordOnlyRunWritesNoSvgFilesAndListsReportDocxInTheManifest()
    {
        using var output = new TemporaryDirectory();
        Nxp2Jdm.Nxp2JdmStudy.Run(new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output.Path, Formats = [ReportFormat.Docx] });

        Assert.False(Directory.Exists(Path.Combine(output.Path, "figures")));
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(Path.Combine(output.Path, ReportWriter.DocxFile))[..2]);
        Assert.Contains("report.docx", File.ReadAllLines(Path.Combine(output.Path, ".protocollang-manifest")));
    }

    private static Table TableAfterHeading(WordprocessingDocument document, string heading)
    {
        var body = document.MainDocumentPart!.Document!.Body!;
        var start = body.Elements<Paragraph>().First(p =>
            p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Heading1" or "Heading2" && p.InnerText == heading);
        return start.ElementsAfter().OfType<Table>().First();
    }
}
