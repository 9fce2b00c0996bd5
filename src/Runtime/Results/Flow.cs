using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>How many rows each table read, excluded (per reason) and kept, and the subject flow.</summary>
public sealed record FlowResult(IReadOnlyList<TableFlow> Tables, CohortFlow? Cohort);

/// <summary>
/// One table's flow: <see cref="RowsRead"/> = sum of <see cref="Excluded"/> counts + <see cref="Kept"/>.
/// </summary>
public sealed record TableFlow(string Table, string Source, int RowsRead, IReadOnlyList<ExclusionCount> Excluded, int Kept);

/// <summary>Rows excluded for one reason.</summary>
/// <param name="Stage">
/// "invalid_row" (failed validation), "include" / "exclude" (a criterion), "unassigned" (in no group),
/// "overlapping" (in more than one group), "subject_not_analysed" (a child row whose subject is not analysed);
/// in an analysis' scope (<see cref="AnalysisScopeResult.LeftOut"/>): "population", "where", "where_missing",
/// "by_missing", "within_missing", "within_level".
/// </param>
public sealed record ExclusionCount(string Stage, string Reason, int Count)
{
    /// <summary>For an "invalid_row" count: the problem code (PL4xxx) of that reason; else absent.</summary>
    public string? Code { get; init; }
}

/// <summary>
/// The subject flow: rows read = invalid rows + excluded by each criterion + unassigned +
/// overlapping + analysed, and analysed = the sum of the group sizes.
/// </summary>
public sealed record CohortFlow(
    string Table,
    int RowsRead,
    int InvalidRows,
    IReadOnlyList<CriterionFlow> Criteria,
    int Unassigned,
    int Overlapping,
    int Analysed,
    IReadOnlyList<GroupCount> Groups,
    IReadOnlyList<SubjectNote> UnassignedSubjects,
    IReadOnlyList<SubjectNote> OverlappingSubjects)
{
    /// <summary>The study's named populations (<c>population PP ...</c>) among the analysed subjects; null when it has none.</summary>
    public IReadOnlyList<PopulationFlow>? Populations { get; init; }

    /// <summary>The study's named group sets (<c>groups arm { ... }</c>) over the analysed subjects; null when it has none.</summary>
    public IReadOnlyList<GroupSetFlow>? GroupSets { get; init; }
}

/// <summary>
/// A named group set over the analysed subjects, who stay analysed whatever the set says: how many are in each of its
/// groups, and how many are missing for its factor, in none of its groups (<see cref="InNone"/>) or, with
/// <c>on_overlap exclude</c>, in more than one (<see cref="Overlapping"/>; the first few listed). <see cref="Analysed"/> =
/// sum of the groups' n + <see cref="InNone"/> + <see cref="Overlapping"/>.
/// </summary>
public sealed record GroupSetFlow(
    string Name,
    int Analysed,
    IReadOnlyList<GroupCount> Groups,
    int InNone,
    int Overlapping,
    IReadOnlyList<SubjectNote> OverlappingSubjects);

/// <summary>
/// A named population: its conditions applied in order to the analysed subjects (a subject is out by the first
/// that is not true), and how many are in: <see cref="Analysed"/> = sum of the conditions' excluded + <see cref="N"/>.
/// </summary>
public sealed record PopulationFlow(string Name, string Label, int Analysed, IReadOnlyList<PopulationConditionFlow> Conditions, int N);

/// <summary>One condition of a population: its <c>.study</c> text, the subjects it left out (of which <see cref="ExcludedMissing"/> because its value was missing) and how many remained.</summary>
public sealed record PopulationConditionFlow(string Text, int Excluded, int ExcludedMissing, int Remaining);

/// <summary>
/// A criterion, applied in protocol order to the subjects still in: how many it excluded (of which
/// <see cref="ExcludedMissing"/> because an include predicate was missing) and how many remained.
/// </summary>
public sealed record CriterionFlow(string Kind, string Label, int Excluded, int ExcludedMissing, int Remaining);

public sealed record GroupCount(string Name, string Label, int N);

/// <summary>A subject not analysed because of its groups (the first few are listed): data row, key, groups matched.</summary>
public sealed record SubjectNote(int Row, string Key, IReadOnlyList<string> Groups);
