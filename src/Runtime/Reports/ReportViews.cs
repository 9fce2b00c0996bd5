using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// The neutral view (<see cref="ReportText"/> marks) turned into one output's syntax: every string of
/// the view rendered as Markdown or as escaped HTML, with the same shape, so a template of either
/// format (built-in or the study's own) sees the same names.
/// </summary>
public static class ReportViews
{
    public static ReportView ForMarkdown(ReportView view) =>
        Map(view, t => ReportText.ToMarkdown(t, cell: false), t => ReportText.ToMarkdown(t, cell: true), t => ReportText.ToMarkdown(t, cell: true));

    /// <summary>
    /// As <see cref="ForMarkdown"/>, in HTML; a cell of a numeric (right-aligned) column also keeps its numbers on one line
    /// (see <see cref="NumericCellHtml"/>).
    /// </summary>
    public static ReportView ForHtml(ReportView view) => Map(view, ReportText.ToHtml, ReportText.ToHtml, NumericCellHtml);

    // A label before the numbers shorter than this stays on their line ("W = 216"); a longer one may wrap above them.
    private const int WrappableLabel = 16;

    /// <summary>
    /// A numeric cell in HTML: its numbers in a <c>span class="nw"</c> that never wraps (CSS <c>white-space: nowrap</c>),
    /// so a narrow page wraps only a long label before them ("location shift (Hodges-Lehmann)" above
    /// "3541 (1470 to 5770)") and never splits an estimate from its interval. A cell with marks (code, strong) is kept
    /// whole in the span.
    /// </summary>
    internal static string NumericCellHtml(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        int first = -1;
        if (ReportText.ToPlain(text) == text)
        {
            string[] words = text.Split(' ');
            int at = 0;
            foreach (string word in words)
            {
                string digits = word.TrimStart('(', '[', '-', '\u2212');
                if (digits.Length > 0 && char.IsAsciiDigit(digits[0]))
                {
                    first = at;
                    break;
                }

                at += word.Length + 1;
            }
        }

        return first > WrappableLabel
            ? ReportText.ToHtml(text[..(first - 1)]) + " <span class=\"nw\">" + ReportText.ToHtml(text[first..]) + "</span>"
            : "<span class=\"nw\">" + ReportText.ToHtml(text) + "</span>";
    }

    private static ReportView Map(ReportView view, Func<string, string> text, Func<string, string> cell, Func<string, string> numericCell)
    {
        ArgumentNullException.ThrowIfNull(view);
        MarkdownTable Table(MarkdownTable t)
        {
            IReadOnlyList<string> alignments = t.Alignments;
            string Cell(string c, int i) => i < alignments.Count && alignments[i] == "right" ? numericCell(c) : cell(c);
            return new(t.Header.Select(cell).ToArray(), t.Separator, t.Rows.Select(r => (IReadOnlyList<string>)r.Select(Cell).ToArray()).ToArray());
        }

        IReadOnlyList<string> Texts(IReadOnlyList<string> items) => items.Select(text).ToArray();
        string? Maybe(string? s) => s is null ? null : text(s);

        return new ReportView(
            text(view.Title),
            Table(view.Identity),
            Table(view.DataFiles),
            view.Problems is { } p ? new ProblemsView(text(p.Summary), Table(p.Table)) : null,
            view.Flows.Select(f => new FlowView(text(f.Heading), Table(f.Steps), f.Groups is null ? null : Table(f.Groups), Texts(f.Notes))
            {
                Populations = f.Populations is null ? null : Table(f.Populations),
                GroupSets = f.GroupSets is null ? null : Table(f.GroupSets),
            }).ToArray(),
            view.Analyses.Select(s => new SectionView(
                text(s.Heading), text(s.Source), text(s.Status), Maybe(s.Method), Maybe(s.Specification),
                Texts(s.Notes), s.Tables.Select(Table).ToArray(), Texts(s.Warnings))
            {
                // [a-z0-9_.] only: the same text in every syntax.
                Id = s.Id,
                Scope = text(s.Scope),
                IsTableOne = s.IsTableOne,
                Figures = s.Figures.Select(Figure).ToArray(),
                Footnotes = Texts(s.Footnotes),
            }).ToArray(),
            text(view.StalenessCheck))
        {
            Warnings = Texts(view.Warnings),
            DataSources = view.DataSources is null ? null : Table(view.DataSources),
            Figures = view.Figures.Select(Figure).ToArray(),
            FlowDiagram = view.FlowDiagram is null ? null : Figure(view.FlowDiagram),
            OtherFigures = view.OtherFigures.Select(Figure).ToArray(),
        };

        FigureView Figure(FigureView f) => f with
        {
            Caption = text(f.Caption),
            File = text(f.File),
            PngFile = text(f.PngFile),
            AtRisk = f.AtRisk is null ? null : Table(f.AtRisk),
        };
    }
}
