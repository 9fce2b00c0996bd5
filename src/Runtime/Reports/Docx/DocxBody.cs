using System.Collections.Generic;
using System.Linq;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// The document's body from the report view, in the order of the built-in Markdown template (report.md.scriban): title and
/// identity, data files, data problems, warnings, the subject flow, each analysis, then the figures. Each section has a
/// heading; each analysis's method, specification, notes and warnings follow its tables as table notes, the way a
/// journal prints a table's footnotes. The headings' words are the built-in templates' (the templates hold their own copy).
/// </summary>
internal sealed class DocxBody
{
    private readonly Body _body = new();
    private uint _figures;
    private bool _afterTable;
    private bool _landscape;

    /// <param name="embed">Adds a figure's image to the package: its relationship id and pixel size, or null when the figure has no image.</param>
    public static Body Build(ReportView view, System.Func<FigureView, (string RelationshipId, int Width, int Height)?> embed)
    {
        var builder = new DocxBody();
        builder.Add(view, embed);
        builder.EndTable();
        builder._body.Append(DocxPage.Build(builder._landscape));
        return builder._body;
    }

    private void Add(ReportView view, System.Func<FigureView, (string RelationshipId, int Width, int Height)?> embed)
    {
        Paragraph(view.Title, DocxStyles.Title);
        Table(view.Identity);

        Heading("Data files", DocxStyles.Heading1);
        Table(view.DataFiles);
        if (view.DataSources is { } sources)
        {
            Table(sources);
        }

        Paragraph(view.StalenessCheck, DocxStyles.Normal);

        if (view.Problems is { } problems)
        {
            Heading("Data problems", DocxStyles.Heading1);
            Paragraph(problems.Summary, DocxStyles.Normal);
            Table(problems.Table);
        }

        if (view.Warnings.Count > 0)
        {
            Heading("Warnings", DocxStyles.Heading1);
            foreach (string warning in view.Warnings)
            {
                Paragraph(warning, DocxStyles.Normal);
            }
        }

        Heading("Subject flow", DocxStyles.Heading1);
        foreach (FlowView flow in view.Flows)
        {
            Heading(flow.Heading, DocxStyles.Heading2);
            Table(flow.Steps);
            Table(flow.Groups);
            Table(flow.Populations);
            Table(flow.GroupSets);
            Notes(flow.Notes);
        }

        // The heading goes on the first analysis's page, landscape or not.
        Orientation(view.Analyses.Count > 0 && NeedsLandscape(view.Analyses[0]));
        Heading("Analyses", DocxStyles.Heading1);
        foreach (SectionView section in view.Analyses)
        {
            AddSection(section);
        }

        Orientation(landscape: false);
        if (view.Figures.Count > 0)
        {
            Heading("Figures", DocxStyles.Heading1);
            foreach (FigureView figure in view.Figures)
            {
                AddFigure(figure, embed(figure));
            }
        }
    }

    private void AddSection(SectionView section)
    {
        Orientation(NeedsLandscape(section));
        Heading(section.Heading, DocxStyles.Heading2);
        Paragraph(section.Source, DocxStyles.Normal, keepNext: true);
        if (section.Scope.Length > 0)
        {
            Paragraph(section.Scope, DocxStyles.Normal, keepNext: true);
        }

        if (section.Status.Length > 0)
        {
            Paragraph(section.Status, DocxStyles.Normal);
        }

        var notes = new List<string>();
        if (section.Method is { } method)
        {
            notes.Add("Method: " + method + ".");
        }

        if (section.Specification is { } specification)
        {
            notes.Add("Specification: " + specification);
        }

        notes.AddRange(section.Notes);
        notes.AddRange(section.Warnings.Count == 0 ? [] : [section.Warnings.Count == 1 ? "Warning:" : "Warnings:"]);
        notes.AddRange(section.Warnings);

        // The last table keeps with its first note, as a journal's table keeps its footnotes.
        for (int t = 0; t < section.Tables.Count; t++)
        {
            Table(section.Tables[t], keepWithNext: t == section.Tables.Count - 1 && notes.Count > 0);
        }

        Notes(notes);
    }

    /// <summary>An analysis goes on landscape pages when one of its tables cannot fit the portrait text block unbroken.</summary>
    private static bool NeedsLandscape(SectionView section) => section.Tables.Any(t => DocxTable.MinimumWidth(t) > DocxPage.TextWidth);

    private void AddFigure(FigureView figure, (string RelationshipId, int Width, int Height)? image)
    {
        _figures++;
        if (image is { } placed)
        {
            EndTable();
            _afterTable = false;
            _body.Append(DocxFigure.Build(placed.RelationshipId, _figures, ReportText.ToPlain(figure.Caption), placed.Width, placed.Height));
        }

        Paragraph(figure.Caption, DocxStyles.Caption, keepNext: figure.AtRisk is not null);
        Table(figure.AtRisk);
    }

    private void Heading(string text, string style) => Paragraph(text, style);

    private void Paragraph(string text, string style, bool keepNext = false)
    {
        if (style != DocxStyles.TableNote)
        {
            EndTable();
        }

        _afterTable = false;
        _body.Append(DocxInline.Paragraph(text, style, keepNext));
    }

    private void Notes(IEnumerable<string> notes)
    {
        foreach (string note in notes)
        {
            Paragraph(note, DocxStyles.TableNote);
        }
    }

    private void Table(MarkdownTable? table, bool keepWithNext = false)
    {
        if (table is null)
        {
            return;
        }

        EndTable();
        _body.Append(DocxTable.Build(table, _landscape ? DocxPage.LandscapeTextWidth : DocxPage.TextWidth, keepWithNext));
        _afterTable = true;
    }

    /// <summary>
    /// Starts a new page section when the orientation changes: in WordprocessingML a section's page setup sits in the
    /// last paragraph of the section it ends (ECMA-376 Part 1, 17.6.17), so an empty paragraph carries the current one.
    /// </summary>
    private void Orientation(bool landscape)
    {
        if (landscape == _landscape)
        {
            return;
        }

        EndTable();
        _body.Append(new Paragraph(new ParagraphProperties { SectionProperties = DocxPage.Build(_landscape) }));
        _landscape = landscape;
    }

    /// <summary>
    /// After a table, an empty paragraph before anything but its notes: Word joins two tables with nothing between them
    /// into one, and text right under a table's bottom rule needs the space.
    /// </summary>
    private void EndTable()
    {
        if (!_afterTable)
        {
            return;
        }

        _afterTable = false;
        _body.Append(new Paragraph(new ParagraphProperties
        {
            ParagraphStyleId = new ParagraphStyleId { Val = DocxStyles.TableNote },
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "120" },
        }));
    }
}
