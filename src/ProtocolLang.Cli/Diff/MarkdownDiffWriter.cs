using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>Writes a <see cref="ResultsDiffReport"/> as Markdown: the named summaries first, then every changed value.</summary>
internal static class MarkdownDiffWriter
{
    public static void Write(TextWriter w, ResultsDiffReport report, string oldLabel, string newLabel, double tolerance)
    {
        w.Write("# Results diff\n\n");
        w.Write("- Old: `" + oldLabel + "`\n");
        w.Write("- New: `" + newLabel + "`\n");
        w.Write("- Numbers compared with relative tolerance " + tolerance.ToString("R", CultureInfo.InvariantCulture) + "\n\n");
        if (!report.HasChanges)
        {
            w.Write("No changes.\n");
            return;
        }

        w.Write(Count(report.Changes.Count, "changed value") + ".\n");
        if (report.Hashes.Count > 0)
        {
            w.Write("\n## Study and data files\n\n| File | Old SHA-256 | New SHA-256 |\n|---|---|---|\n");
            foreach (var hash in report.Hashes)
            {
                w.Write("| " + Cell(hash.Label) + " | " + Code(hash.Old) + " | " + Code(hash.New) + " |\n");
            }
        }

        if (report.GroupSizes.Count > 0)
        {
            w.Write("\n## Group sizes\n\n| Group | Old n | New n |\n|---|---:|---:|\n");
            foreach (var group in report.GroupSizes)
            {
                w.Write("| " + Cell(group.Label) + " | " + (group.Old ?? "—") + " | " + (group.New ?? "—") + " |\n");
            }
        }

        if (report.Flow.Count > 0)
        {
            w.Write("\n## Subject flow\n\n");
            ChangeTable(w, report.Flow, report, withAnalysis: false);
        }

        if (report.AddedAnalyses.Count + report.RemovedAnalyses.Count > 0)
        {
            w.Write("\n## Analyses added or removed\n\n");
            foreach (var added in report.AddedAnalyses)
            {
                w.Write("- Added: " + Analysis(added) + "\n");
            }

            foreach (var removed in report.RemovedAnalyses)
            {
                w.Write("- Removed: " + Analysis(removed) + "\n");
            }
        }

        if (report.PValueCrossings.Count > 0)
        {
            w.Write("\n## p-values that crossed 0.05\n\n| Analysis | Value | Old | New |\n|---|---|---:|---:|\n");
            foreach (var crossing in report.PValueCrossings)
            {
                w.Write("| " + (crossing.Analysis is null ? string.Empty : Analysis(crossing.Analysis)) + " | `" + crossing.Change.Path + "` | "
                    + Value(crossing.Change.Old) + " | " + Value(crossing.Change.New) + " |\n");
            }
        }

        var changedAnalyses = report.Changes
            .Select(c => report.AnalysisAt(c.Path))
            .OfType<AnalysisRef>()
            .GroupBy(a => a)
            .ToArray();
        if (changedAnalyses.Length > 0)
        {
            w.Write("\n## Analyses whose results changed\n\n");
            foreach (var group in changedAnalyses)
            {
                w.Write("- " + Analysis(group.Key) + ": " + Count(group.Count(), "value") + "\n");
            }
        }

        w.Write("\n## Every changed value\n\n");
        ChangeTable(w, report.Changes, report, withAnalysis: true);
    }

    private static void ChangeTable(TextWriter w, System.Collections.Generic.IReadOnlyList<ValueChange> changes, ResultsDiffReport report, bool withAnalysis)
    {
        w.Write(withAnalysis ? "| Analysis | Path | Old | New | Change |\n|---|---|---:|---:|---:|\n" : "| Path | Old | New | Change |\n|---|---:|---:|---:|\n");
        foreach (var change in changes)
        {
            if (withAnalysis)
            {
                var analysis = report.AnalysisAt(change.Path);
                w.Write("| " + (analysis is null ? string.Empty : "#" + analysis.Index.ToString(CultureInfo.InvariantCulture)) + " ");
            }

            w.Write("| `" + change.Path + "` | " + Value(change.Old) + " | " + Value(change.New) + " | " + Relative(change) + " |\n");
        }
    }

    private static string Analysis(AnalysisRef analysis) =>
        "#" + analysis.Index.ToString(CultureInfo.InvariantCulture) + (analysis.Id is null ? string.Empty : " `" + analysis.Id + "`")
        + " `" + analysis.Source.Replace("|", "\\|", StringComparison.Ordinal) + "`";

    /// <summary>The relative change of a number, e.g. <c>+12.5%</c>; the kind of change otherwise.</summary>
    private static string Relative(ValueChange change)
    {
        if (change.Kind != ChangeKind.Moved || !JsonTreeComparer.TryNumber(change.Old, out var a) || !JsonTreeComparer.TryNumber(change.New, out var b))
        {
            return change.Kind.ToString().ToLowerInvariant();
        }

        return a == 0 ? "from 0" : ((b - a) / Math.Abs(a)).ToString("+0.####%;-0.####%", CultureInfo.InvariantCulture);
    }

    /// <summary>A value as its JSON text (culture-free), long objects shortened.</summary>
    private static string Value(JsonNode? node)
    {
        if (node is null)
        {
            return "—";
        }

        if (node is JsonObject or JsonArray)
        {
            return node is JsonArray array ? "[" + Count(array.Count, "item") + "]" : "{…}";
        }

        var text = node.ToJsonString();
        return Cell(text.Length > 80 ? text[..77] + "…" : text);
    }

    private static string Code(string? hash) => hash is null ? "—" : "`" + hash + "`";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
}
