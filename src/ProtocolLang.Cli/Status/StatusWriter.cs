using System.IO;
using System.Linq;

namespace ProtocolLang.Cli.Status;

/// <summary>Writes a <see cref="StalenessReport"/> as Markdown: the verdict sentence, then one row per file.</summary>
internal static class StatusWriter
{
    public static void Write(TextWriter w, StalenessReport report, string resultsLabel, string studyLabel)
    {
        w.Write("# Report status\n\n");
        w.Write("- Results: `" + resultsLabel + "`\n");
        w.Write("- Study: `" + studyLabel + "`\n\n");
        w.Write(report.Sentence() + "\n\n");
        w.Write("| File | Recorded SHA-256 | Current SHA-256 | State |\n|---|---|---|---|\n");
        foreach (var check in report.Files)
        {
            var now = check.CurrentSha256 is null ? "—" : "`" + Hashes.Short(check.CurrentSha256) + "`";
            w.Write("| " + check.File.Label.Replace("|", "\\|", System.StringComparison.Ordinal) + " | `" + Hashes.Short(check.File.Sha256) + "` | " + now + " | "
                + check.State.ToString().ToLowerInvariant() + " |\n");
        }

        if (report.IsStale)
        {
            w.Write("\nRun the study again (`protocollang run " + studyLabel + "`) to bring the report up to date.\n");
        }
    }

    /// <summary>The notice <c>run</c> prints when it replaced a report computed from other inputs; null when the inputs are the same.</summary>
    public static string? ReplacedNotice(StalenessReport comparison) =>
        comparison.IsStale
            ? "Note: replaced a report computed from other inputs: "
              + comparison.Sentence()["Report is STALE: ".Length..]
            : null;
}
