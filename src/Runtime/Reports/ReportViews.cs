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
        Map(view, t => ReportText.ToMarkdown(t, cell: false), t => ReportText.ToMarkdown(t, cell: true));

    public static ReportView ForHtml(ReportView view) => Map(view, ReportText.ToHtml, ReportText.ToHtml);

    private static ReportView Map(ReportView view, Func<string, string> text, Func<string, string> cell)
    {
        ArgumentNullException.ThrowIfNull(view);
        MarkdownTable Table(MarkdownTable t) =>
            new(t.Header.Select(cell).ToArray(), t.Separator, t.Rows.Select(r => (IReadOnlyList<string>)r.Select(cell).ToArray()).ToArray());
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
            }).ToArray(),
            text(view.StalenessCheck))
        {
            Warnings = Texts(view.Warnings),
            Figures = view.Figures.Select(f => f with
            {
                Caption = text(f.Caption),
                File = text(f.File),
                PngFile = text(f.PngFile),
                AtRisk = f.AtRisk is null ? null : Table(f.AtRisk),
            }).ToArray(),
        };
    }
}
