using System.Collections.Generic;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// What the Markdown template renders: every number already formatted by
/// <see cref="ReportNumberFormat"/> and every cell escaped, so a template only lays text out.
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
    string StalenessCheck);

/// <summary>A Markdown table: header cells, the separator line (alignment) and body rows.</summary>
public sealed record MarkdownTable(IReadOnlyList<string> Header, string Separator, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>Data problems: a sentence with the counts and the listed problems.</summary>
public sealed record ProblemsView(string Summary, MarkdownTable Table);

/// <summary>One table's flow, and for the subject table its groups and the subjects not analysed because of them.</summary>
public sealed record FlowView(string Heading, MarkdownTable Steps, MarkdownTable? Groups, IReadOnlyList<string> Notes);

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
    IReadOnlyList<string> Warnings);
