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

        foreach (var problem in FlowSummary.DataWarnings(results))
        {
            output.Error.Write(new DataProblem(problem.Code, problem.File, problem.Row, problem.Column, problem.Message) + "\n");
        }

        var writer = output.Out;
        foreach (var line in FlowSummary.Lines(results))
        {
            writer.Write(line + "\n");
        }

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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
