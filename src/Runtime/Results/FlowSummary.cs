using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// The console lines every host prints after a run (the CLI's <c>run</c>, the example, a scaffolded project):
/// per table how many rows were analysed or kept and how many excluded, by reason, then the warning counts.
/// Nothing is dropped without a line here.
/// </summary>
public static class FlowSummary
{
    /// <summary>One line per table, then the warnings line.</summary>
    public static IReadOnlyList<string> Lines(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var lines = results.Flow.Tables.Select(t => TableLine(t, results.Flow.Cohort)).ToList();
        lines.AddRange((results.Flow.Cohort?.Populations ?? []).Select(PopulationLine));
        lines.AddRange((results.Flow.Cohort?.GroupSets ?? []).Select(GroupSetLine));
        lines.AddRange(results.SourceNotes ?? []);
        lines.Add(WarningsLine(results));
        return lines;
    }

    /// <summary>
    /// <c>subjects: 61 of 67 subjects analysed; 6 excluded: 1 invalid (column 'age' is outside its range, PL4003),
    /// 3 not included (Complete antibody testing), 2 in no group.</c> The count leads each reason, so a reason's
    /// own words never run into the number.
    /// </summary>
    public static string TableLine(TableFlow table, CohortFlow? cohort)
    {
        ArgumentNullException.ThrowIfNull(table);
        var isSubjects = cohort is not null && string.Equals(cohort.Table, table.Table, StringComparison.Ordinal);
        var reasons = table.Excluded.Where(e => e.Count > 0).ToArray();
        var excludedCount = reasons.Sum(e => e.Count);
        var line = Invariant($"{table.Table}: {table.Kept} of {table.RowsRead} {(isSubjects ? "subjects analysed" : "rows kept")}; {excludedCount} excluded");
        return reasons.Length == 0
            ? line + "."
            : line + ": " + string.Join(", ", reasons.Select(e => Invariant($"{e.Count} {Reason(e)}"))) + ".";
    }

    /// <summary><c>population PP (Per protocol): 55 of 62 analysed subjects in; 7 out: 5 (adherent), 2 (not deviated).</c></summary>
    public static string PopulationLine(PopulationFlow population)
    {
        ArgumentNullException.ThrowIfNull(population);
        var reasons = population.Conditions.Where(c => c.Excluded > 0).ToArray();
        var line = Invariant($"population {population.Name} ({population.Label}): {population.N} of {population.Analysed} analysed subjects in; {population.Analysed - population.N} out");
        return reasons.Length == 0
            ? line + "."
            : line + ": " + string.Join(", ", reasons.Select(c => Invariant($"{c.Excluded} ({c.Text} not true)"))) + ".";
    }

    /// <summary>
    /// <c>group set arm: 58 of 62 analysed subjects in one of its groups; 4 missing for the factor: 3 in more than one
    /// group (on_overlap exclude), 1 in none of its groups.</c> Those subjects stay analysed: the line says where they went.
    /// </summary>
    public static string GroupSetLine(GroupSetFlow set)
    {
        ArgumentNullException.ThrowIfNull(set);
        int inGroups = set.Analysed - set.InNone - set.Overlapping;
        var line = Invariant($"group set {set.Name}: {inGroups} of {set.Analysed} analysed subjects in one of its groups; {set.InNone + set.Overlapping} missing for the factor");
        var reasons = new List<string>();
        if (set.Overlapping > 0)
        {
            reasons.Add(Invariant($"{set.Overlapping} in more than one group (on_overlap exclude)"));
        }

        if (set.InNone > 0)
        {
            reasons.Add(Invariant($"{set.InNone} in none of its groups"));
        }

        return reasons.Count == 0 ? line + "." : line + ": " + string.Join(", ", reasons) + ".";
    }

    /// <summary><c>Warnings: 1 (1 in the study, 0 in the data), 2 in analyses.</c></summary>
    public static string WarningsLine(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var study = results.Warnings?.Count ?? 0;
        var data = DataWarnings(results).Count;
        var analyses = results.Analyses.Sum(a => a.Warnings.Count);
        return Invariant($"Warnings: {study + data} ({study} in the study, {data} in the data{MoreData(results.Problems)}), {analyses} in analyses.");
    }

    /// <summary>The data problems of warning severity among those the results list.</summary>
    public static IReadOnlyList<ProblemResult> DataWarnings(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Problems.Listed.Where(p => Data.DataProblemCodes.SeverityOf(p.Code) == Data.DataProblemSeverity.Warning).ToArray();
    }

    private static string Reason(ExclusionCount e) => e.Stage switch
    {
        "invalid_row" => "invalid (" + e.Reason + (e.Code is null ? string.Empty : ", " + e.Code) + ")",
        "include" => "not included (" + e.Reason + ")",
        "exclude" => "excluded (" + e.Reason + ")",
        "unassigned" => "in no group",
        "overlapping" => "in more than one group",
        _ => "with their subject not analysed (" + e.Reason + ")",
    };

    /// <summary>Data warnings beyond the problems listed in the results are counted in problems.txt only.</summary>
    private static string MoreData(ProblemsResult problems) =>
        problems.Count > problems.Listed.Count ? Invariant($", listed ones; all {problems.Count} problems are in problems.txt") : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
