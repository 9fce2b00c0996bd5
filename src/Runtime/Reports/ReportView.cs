using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// What a report template renders: every number already formatted by <see cref="ReportNumberFormat"/>
/// and every string already in the output's syntax and escaped (Markdown, or HTML-escaped for an
/// HTML template; see <see cref="ReportViews"/>), so a template only lays text out.
/// In a template, names are snake_case (<c>report.data_files</c>).
/// </summary>
/// <param name="StalenessCheck">
/// A sentence telling the reader how to check that the results are still current (the study and data
/// files unchanged): <c>protocollang status</c> on the report's folder. Every report format shows it.
/// </param>
public sealed record ReportView(
    string Title,
    MarkdownTable Identity,
    MarkdownTable DataFiles,
    ProblemsView? Problems,
    IReadOnlyList<FlowView> Flows,
    IReadOnlyList<SectionView> Analyses,
    string StalenessCheck)
{
    /// <summary>The figures, numbered in order; empty when the results have none.</summary>
    public IReadOnlyList<FigureView> Figures { get; init; } = [];

    /// <summary>Every warning of the run: the study's (compiler, PL1xxx/PL2xxx) then the data's (PL4xxx); empty when none.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>A Markdown table: header cells, the separator line (alignment) and body rows.</summary>
public sealed record MarkdownTable(IReadOnlyList<string> Header, string Separator, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Each column's alignment from the separator line: "right" (<c>--:</c>) for numbers, else "left".</summary>
    public IReadOnlyList<string> Alignments =>
        Separator.Split('|', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries)
            .Select(s => s.EndsWith(':') ? "right" : "left").ToArray();
}

/// <summary>Data problems: a sentence with the counts and the listed problems.</summary>
public sealed record ProblemsView(string Summary, MarkdownTable Table);

/// <summary>One table's flow, and for the subject table its groups and the subjects not analysed because of them.</summary>
public sealed record FlowView(string Heading, MarkdownTable Steps, MarkdownTable? Groups, IReadOnlyList<string> Notes)
{
    /// <summary>For the subject table of a study with populations: each population's conditions in order and who is in; else null.</summary>
    public MarkdownTable? Populations { get; init; }

    /// <summary>For the subject table of a study with named group sets: each set's groups and who is missing for it, and why; else null.</summary>
    public MarkdownTable? GroupSets { get; init; }
}

/// <summary>One analysis: its heading, its <c>.study</c> line as a code span, status, method, tables and warnings.</summary>
/// <param name="Status">Empty when the analysis ran; else a sentence such as "Not implemented yet: ...".</param>
public sealed record SectionView(
    string Heading,
    string Source,
    string Status,
    string? Method,
    string? Specification,
    IReadOnlyList<string> Notes,
    IReadOnlyList<MarkdownTable> Tables,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The analysis' id (<c>[a-z][a-z0-9_.]*</c>): the anchor of its heading (<c>report.md#km_relapse</c>).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>For an analysis on a population, subset, other grouping or <c>within</c> level: what it ran on, its n and who was left out; else empty.</summary>
    public string Scope { get; init; } = string.Empty;
}

/// <summary>A figure: its SVG (drawn by ScottPlot), caption, file under <c>figures/</c> and, for survival curves, the numbers at risk.</summary>
/// <param name="Svg">The SVG element for inlining in HTML (no namespace declarations), safe to insert as is.</param>
/// <param name="File">Relative to the report folder, '/' separated: <c>figures/km_relapse.svg</c>.</param>
/// <param name="FileSvg">The standalone SVG written to <see cref="File"/> (with its namespaces).</param>
public sealed record FigureView(string Id, string Kind, string Caption, string File, string Svg, MarkdownTable? AtRisk)
{
    public string FileSvg { get; init; } = Svg;

    /// <summary>
    /// The drawing itself, for outputs that embed a raster image (Word: <see cref="Figures.FigureImage.Png"/>); null for a
    /// figure made outside <see cref="Figures.ReportFigures"/>. Internal, so templates do not see it.
    /// </summary>
    internal Figures.FigureImage? Image { get; init; }
}
