using System;
using System.Globalization;
using System.Linq;
using ProtocolLang.Cli.Compilation;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Cli.Commands;

/// <summary>
/// What <c>run</c> says when it completes. Standard error: every warning, as a compiler prints it (the study's
/// with the path the user gave, then the data's). Standard output: per table how many rows were analysed or kept
/// and how many excluded, by reason; the warning counts; the compiled assembly; the files written. Nothing is
/// dropped without a line here.
/// </summary>
internal static class RunSummary
{
    public static void Write(StudyRunOutcome outcome, string studyPath, string? outDir, CliOutput output)
    {
        var results = outcome.Results;
        var studyWarnings = results.Warnings ?? [];
        foreach (var warning in studyWarnings)
        {
            output.Error.Write(Invariant($"{studyPath}({warning.Line},{warning.Column}): warning {warning.Code}: {warning.Message}\n"));
        }

        var dataWarnings = results.Problems.Listed.Where(p => DataProblemCodes.SeverityOf(p.Code) == DataProblemSeverity.Warning).ToArray();
        foreach (var problem in dataWarnings)
        {
            output.Error.Write(new DataProblem(problem.Code, problem.File, problem.Row, problem.Column, problem.Message) + "\n");
        }

        var writer = output.Out;
        foreach (var table in results.Flow.Tables)
        {
            writer.Write(TableLine(table, results.Flow.Cohort) + "\n");
        }

        var analysisWarnings = results.Analyses.Sum(a => a.Warnings.Count);
        writer.Write(Invariant(
            $"Warnings: {studyWarnings.Count + dataWarnings.Length} ({studyWarnings.Count} in the study, {dataWarnings.Length} in the data{MoreData(results.Problems)}), {analysisWarnings} in analyses.\n"));

        var written = results.Reports.Where(r => r.File is not null && r.Status == "ok").Select(r => r.File!).ToArray();
        var where = outDir ?? "the study's report folder";
        writer.Write(Invariant(
            $"{results.Study.Name}: {results.Analyses.Count} analyses; compiled assembly {(outcome.CacheHit ? "from the cache" : outcome.NotCached ? "built, not cached" : "built and cached")}.\n"));
        writer.Write(Invariant($"Wrote {string.Join(", ", written)} to {where}.\n"));
        foreach (var skipped in results.Reports.Where(r => r.Status != "ok"))
        {
            writer.Write(Invariant($"Not written: {skipped.Format} ({skipped.Status}).\n"));
        }
    }

    /// <summary>
    /// <c>subjects: 61 of 67 subjects analysed; 6 excluded: 1 invalid (column 'age' is outside its range, PL4003),
    /// 3 not included (Complete antibody testing), 2 in no group.</c> The count leads each reason, so a reason's
    /// own words never run into the number.
    /// </summary>
    internal static string TableLine(TableFlow table, CohortFlow? cohort)
    {
        var isSubjects = cohort is not null && string.Equals(cohort.Table, table.Table, StringComparison.Ordinal);
        var reasons = table.Excluded.Where(e => e.Count > 0).ToArray();
        var excludedCount = reasons.Sum(e => e.Count);
        var line = Invariant($"{table.Table}: {table.Kept} of {table.RowsRead} {(isSubjects ? "subjects analysed" : "rows kept")}; {excludedCount} excluded");
        return reasons.Length == 0
            ? line + "."
            : line + ": " + string.Join(", ", reasons.Select(e => Invariant($"{e.Count} {Reason(e)}"))) + ".";
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
