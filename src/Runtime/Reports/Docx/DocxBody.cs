using System.Collections.Generic;
using System.Linq;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ProtocolLang.Runtime.Reports.Docx;

/// <summary>
/// The document's body from the report view, in the paper order of the built-in Markdown and HTML templates
/// (report.md.scriban): the title, the subject flow diagram (Figure 1), Table 1, the other analyses in protocol order
/// (each with its notes, tables, footnotes and figures), figures of no analysis, then the appendix (study and data files,
/// the subject flow in numbers, data problems, the run's and each analysis's warnings). The order is the view's
/// (<c>ReportViewBuilder.Layout</c>), never sorted here. A table's footnotes follow it as table notes, the way a journal
/// prints them. The headings' words are the built-in templates' (the templates hold their own copy).
/// </summary>
internal sealed class DocxBody
{
    private readonly Body _body = new();
    private readonly System.Func<FigureView, (string RelationshipId, int Width, int Height)?> _embed;
    private uint _figures;
    private bool _afterTable;
    private bool _landscape;

    private DocxBody(System.Func<FigureView, (string RelationshipId, int Width, int Height)?> embed) => _embed = embed;

    /// <param name="embed">Adds a figure's image to the package: its relationship id and pixel size, or null when the figure has no image.</param>
    public static Body Build(ReportView view, System.Func<FigureView, (string RelationshipId, int Width, int Height)?> embed)
    {
        var builder = new DocxBody(embed);
        builder.Add(view);
        builder.EndTable();
        builder._body.Append(DocxPage.Build(builder._landscape));
        return builder._body;
    }

    private void Add(ReportView view)
    {
        Paragraph(view.Title, DocxStyles.Title);
        if (view.FlowDiagram is { } flow)
        {
            Heading("Subject flow", DocxStyles.Heading1);
            AddFigure(flow);
        }

        foreach (SectionView section in view.Analyses.Where(s => s.IsTableOne))
        {
            AddSection(section, DocxStyles.Heading1);
        }

        SectionView[] others = view.Analyses.Where(s => !s.IsTableOne).ToArray();
        if (others.Length > 0)
        {
            // The heading goes on the first analysis's page, landscape or not.
            Orientation(NeedsLandscape(others[0]));
            Heading("Analyses", DocxStyles.Heading1);
            foreach (SectionView section in others)
            {
                AddSection(section, DocxStyles.Heading2);
            }
        }

        Orientation(landscape: false);
        if (view.OtherFigures.Count > 0)
        {
            Heading("Figures", DocxStyles.Heading1);
            foreach (FigureView figure in view.OtherFigures)
            {
                AddFigure(figure);
            }
        }

        AddAppendix(view);
    }

    private void AddAppendix(ReportView view)
    {
        Heading("Appendix", DocxStyles.Heading1);
        Heading("Study and data files", DocxStyles.Heading2);
        Table(view.Identity);
        Table(view.DataFiles);
        if (view.DataSources is { } sources)
        {
            Table(sources);
        }

        Paragraph(view.StalenessCheck, DocxStyles.Normal);

        Heading("Subject flow in numbers", DocxStyles.Heading2);
        foreach (FlowView flow in view.Flows)
        {
            Heading(flow.Heading, DocxStyles.Heading3);
            Table(flow.Steps);
            Table(flow.Groups);
            Table(flow.Populations);
            Table(flow.GroupSets);
            Notes(flow.Notes);
        }

        if (view.Problems is { } problems)
        {
            Heading("Data problems", DocxStyles.Heading2);
            Paragraph(problems.Summary, DocxStyles.Normal);
            Table(problems.Table);
        }

        if (view.Warnings.Count > 0)
        {
            Heading("Warnings of the run", DocxStyles.Heading2);
            foreach (string warning in view.Warnings)
            {
                Paragraph(warning, DocxStyles.Normal);
            }
        }

        foreach (SectionView section in view.Analyses.Where(s => s.Warnings.Count > 0))
        {
            Heading("Warnings of " + section.Heading, DocxStyles.Heading2);
            foreach (string warning in section.Warnings)
            {
                Paragraph(warning, DocxStyles.Normal);
            }
        }
    }

    /// <summary>An analysis as the templates show it: heading, scope, status, notes, tables, footnotes, a pointer to its warnings, its figures.</summary>
    private void AddSection(SectionView section, string headingStyle)
    {
        Orientation(NeedsLandscape(section));
        Heading(section.Heading, headingStyle);
        if (section.Scope.Length > 0)
        {
            Paragraph(section.Scope, DocxStyles.Normal, keepNext: true);
        }

        if (section.Status.Length > 0)
        {
            Paragraph(section.Status, DocxStyles.Normal);
        }

        // The notes introduce the tables (the test named once, what a letter stands for).
        foreach (string note in section.Notes)
        {
            Paragraph(note, DocxStyles.Normal, keepNext: section.Tables.Count > 0);
        }

        var footnotes = section.Footnotes.ToList();
        if (section.Warnings.Count > 0)
        {
            footnotes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Warnings: {section.Warnings.Count}, listed in the appendix."));
        }

        // The last table keeps with its first footnote, as a journal's table keeps its footnotes.
        for (int t = 0; t < section.Tables.Count; t++)
        {
            Table(section.Tables[t], keepWithNext: t == section.Tables.Count - 1 && footnotes.Count > 0);
        }

        Notes(footnotes);
        foreach (FigureView figure in section.Figures)
        {
            AddFigure(figure);
        }
    }

    /// <summary>An analysis goes on landscape pages when one of its tables cannot fit the portrait text block unbroken.</summary>
    private static bool NeedsLandscape(SectionView section) => section.Tables.Any(t => DocxTable.MinimumWidth(t) > DocxPage.TextWidth);

    private void AddFigure(FigureView figure)
    {
        _figures++;
        if (_embed(figure) is { } placed)
        {
            EndTable();
            _afterTable = false;
            _body.Append(DocxFigure.Build(placed.RelationshipId, _figures, ReportText.ToPlain(figure.Caption), placed.Width, placed.Height, _landscape));
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
