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
    /// <summary>
    /// Every figure, numbered in paper order: the flow diagram, then each analysis' figures in the order of
    /// <see cref="Analyses"/>, then <see cref="OtherFigures"/>; empty when the results have none. The report writes
    /// each to its <see cref="FigureView.File"/>.
    /// </summary>
    public IReadOnlyList<FigureView> Figures { get; init; } = [];

    /// <summary>Tables read from database servers (engine, connection name, rows, query, when); null when every table is a file.</summary>
    public MarkdownTable? DataSources { get; init; }

    /// <summary>The CONSORT/STROBE diagram of the subject flow (<c>figures/subject-flow.svg</c>); null without a subject table.</summary>
    public FigureView? FlowDiagram { get; init; }

    /// <summary>Figures that belong to no analysis of the report (none today; kept so that no figure is ever lost).</summary>
    public IReadOnlyList<FigureView> OtherFigures { get; init; } = [];

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

/// <summary>
/// One analysis: its heading, its <c>.study</c> line as a code span, status, method, tables, figures, footnotes and
/// warnings. <see cref="ReportView.Analyses"/> lists them in paper order: Table 1 first, then the protocol's order.
/// </summary>
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

    /// <summary>True for the report's Table 1: the first descriptive table (else the first comparison), shown first.</summary>
    public bool IsTableOne { get; init; }

    /// <summary>The analysis' figures (box plots, trajectories, Kaplan-Meier curves, forest plot), shown with it.</summary>
    public IReadOnlyList<FigureView> Figures { get; init; } = [];

    /// <summary>
    /// The notes under its tables, in order: what a column's letters stand for (a test named once instead of on every
    /// row), the method (test, R call, adjustment), the specification and the protocol line.
    /// </summary>
    public IReadOnlyList<string> Footnotes { get; init; } = [];
}

/// <summary>A figure: its SVG (drawn by ScottPlot), caption, file under <c>figures/</c> and, for survival curves, the numbers at risk.</summary>
/// <param name="Svg">The SVG element for inlining in HTML (no namespace declarations), safe to insert as is.</param>
/// <param name="File">Relative to the report folder, '/' separated: <c>figures/km_relapse.svg</c>.</param>
/// <param name="FileSvg">The standalone SVG written to <see cref="File"/> (with its namespaces).</param>
public sealed record FigureView(string Id, string Kind, string Caption, string File, string Svg, MarkdownTable? AtRisk)
{
    public string FileSvg { get; init; } = Svg;

    /// <summary>The same figure as a 300 dpi PNG, relative to the report folder: <c>figures/km_relapse.png</c> (for Word and journals).</summary>
    public string PngFile { get; init; } = string.Empty;

    /// <summary>The PNG's bytes, written to <see cref="PngFile"/>.</summary>
    internal byte[] Png { get; init; } = [];
}
