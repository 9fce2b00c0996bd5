using System.Collections.Generic;

namespace ProtocolLang.Cli.Diff;

/// <summary>A named value before and after: the study's version, a group's n, a criterion's count.</summary>
internal sealed record FieldChange(string Label, string? Old, string? New);

/// <summary>
/// One table's data file: its recorded hash and row count on each side and, when both files were found, the rows that
/// differ (<see cref="Rows"/>); <see cref="Note"/> says why the rows were not compared otherwise.
/// </summary>
internal sealed record TableChange(
    string Table,
    string Path,
    string? OldSha256,
    string? NewSha256,
    long? OldRows,
    long? NewRows,
    RowDiff? Rows,
    string? Note);

/// <summary>
/// What differs between two <c>results.json</c>, in the order a reviewer reads it: conclusions that flipped, the study's
/// identity, the data, the subject flow, analyses added, removed and changed (matched by id), and anything else.
/// </summary>
internal sealed record ResultsDiffReport(
    string Old,
    string New,
    double Alpha,
    IReadOnlyList<FlippedConclusion> Flipped,
    IReadOnlyList<FieldChange> Study,
    IReadOnlyList<TableChange> Data,
    IReadOnlyList<FieldChange> Flow,
    IReadOnlyList<AnalysisSummary> Added,
    IReadOnlyList<AnalysisSummary> Removed,
    IReadOnlyList<AnalysisChange> Changed,
    int UnchangedAnalyses,
    IReadOnlyList<FieldChange> Other,
    int ChangedValues)
{
    /// <summary>Any value differs beyond the tolerance (perhaps only below the report's rounding): the exit code's test.</summary>
    public bool HasChanges => ChangedValues > 0;

    /// <summary>Something differs at the report's precision.</summary>
    public bool HasVisibleChanges =>
        Study.Count + Data.Count + Flow.Count + Added.Count + Removed.Count + Changed.Count + Other.Count > 0;
}
