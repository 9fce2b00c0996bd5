using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>How to compare: the numeric tolerance for "any change", alpha for flipped conclusions, and where the data files are.</summary>
/// <param name="OldData">The folder of the old run's data (<c>--old-data</c>), or null to look only where the results suggest.</param>
/// <param name="NewData">The same for the new run (<c>--new-data</c>).</param>
/// <param name="OldGuesses">Folders tried for the old data when <paramref name="OldData"/> is null (a file counts only if its hash matches).</param>
/// <param name="NewGuesses">The same for the new data.</param>
internal sealed record DiffOptions(
    double Tolerance,
    double Alpha = ResultsDiff.DefaultAlpha,
    string OldLabel = "old",
    string NewLabel = "new",
    string? OldData = null,
    string? NewData = null,
    IReadOnlyList<string>? OldGuesses = null,
    IReadOnlyList<string>? NewGuesses = null);

/// <summary>
/// Compares two results. Analyses are matched by their stable id (results written before ids by their declaration text
/// and occurrence), so an edited Cox model shows its hazard ratios before and after and an inserted analysis is one
/// addition. Every value is also compared generically (<see cref="JsonTreeComparer"/>) so that nothing that changed goes
/// unnoticed by the exit code, while the report names what moved in a statistician's terms.
/// </summary>
internal static class ResultsDiff
{
    public const double DefaultAlpha = 0.05;

    /// <summary>Root sections that have their own part of the report; anything else that differs is listed under "other".</summary>
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal) { "schemaVersion", "tool", "study", "dataFiles", "flow", "analyses", "figures" };

    /// <exception cref="DataFileMismatchException">A named data folder does not hold the file the results recorded.</exception>
    public static ResultsDiffReport Compare(JsonNode old, JsonNode @new, DiffOptions options)
    {
        var oldRoot = old as JsonObject ?? new JsonObject();
        var newRoot = @new as JsonObject ?? new JsonObject();
        var all = new JsonTreeComparer(options.Tolerance);
        var other = new List<FieldChange>();
        foreach (var name in Names(oldRoot, newRoot).Where(n => n != "analyses"))
        {
            var before = all.Changes.Count;
            CompareProperty(all, name, oldRoot, newRoot);
            if (!Sections.Contains(name))
            {
                other.AddRange(all.Changes.Skip(before).Select(c => new FieldChange(c.Path, Json(c.Old), Json(c.New))));
            }
        }

        var oldAnalyses = Analyses(oldRoot);
        var newAnalyses = Analyses(newRoot);
        var pairs = Pair(oldAnalyses, newAnalyses);
        var context = new DiffContext(EstimateRows.GroupLabels(oldRoot), EstimateRows.GroupLabels(newRoot), options.Alpha, options.Tolerance);
        var flipped = new List<FlippedConclusion>();
        var added = new List<AnalysisSummary>();
        var changed = new List<AnalysisChange>();
        var unchanged = 0;
        foreach (var analysis in newAnalyses)
        {
            if (!pairs.TryGetValue(analysis, out var before))
            {
                added.Add(AnalysisDiff.Summary(analysis.Node));
                all.AddedOrRemoved(analysis.Key, added: true, analysis.Node);
                continue;
            }

            all.Compare(analysis.Key, before.Node, analysis.Node);
            if (AnalysisDiff.Compare(before.Node, analysis.Node, context, flipped) is { } change)
            {
                changed.Add(change);
            }
            else
            {
                unchanged++;
            }
        }

        var matched = pairs.Values.ToHashSet();
        var removed = oldAnalyses.Where(a => !matched.Contains(a)).ToArray();
        foreach (var analysis in removed)
        {
            all.AddedOrRemoved(analysis.Key, added: false, analysis.Node);
        }

        return new ResultsDiffReport(
            options.OldLabel,
            options.NewLabel,
            options.Alpha,
            flipped,
            StudyChanges(oldRoot, newRoot),
            DataChanges(oldRoot, newRoot, options),
            FlowChanges.Of(oldRoot, newRoot),
            added,
            removed.Select(a => AnalysisDiff.Summary(a.Node)).ToArray(),
            changed,
            unchanged,
            other,
            all.Changes.Count);
    }

    private static void CompareProperty(JsonTreeComparer comparer, string name, JsonObject old, JsonObject @new)
    {
        var inOld = old.TryGetPropertyValue(name, out var a);
        var inNew = @new.TryGetPropertyValue(name, out var b);
        if (inOld && inNew)
        {
            comparer.Compare(name, a, b);
        }
        else
        {
            comparer.AddedOrRemoved(name, added: inNew, inNew ? b : a);
        }
    }

    private static List<FieldChange> StudyChanges(JsonObject old, JsonObject @new)
    {
        var result = new List<FieldChange>();
        void Field(string label, JsonNode? a, JsonNode? b, bool hash = false)
        {
            var x = Scalar(a);
            var y = Scalar(b);
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                result.Add(new FieldChange(label, hash ? Short(x) : x, hash ? Short(y) : y));
            }
        }

        Field("name", old["study"]?["name"], @new["study"]?["name"]);
        Field("title", old["study"]?["title"], @new["study"]?["title"]);
        Field("version", old["study"]?["version"], @new["study"]?["version"]);
        Field("file", old["study"]?["file"], @new["study"]?["file"]);
        Field("protocol SHA-256", old["study"]?["sha256"], @new["study"]?["sha256"], hash: true);
        Field("ProtocolLang version", old["tool"]?["version"], @new["tool"]?["version"]);
        Field("results schema version", old["schemaVersion"], @new["schemaVersion"]);
        return result;
    }

    private static List<TableChange> DataChanges(JsonObject old, JsonObject @new, DiffOptions options)
    {
        var oldFiles = Files(old);
        var newFiles = Files(@new);
        var result = new List<TableChange>();
        foreach (var table in oldFiles.Keys.Concat(newFiles.Keys.Where(k => !oldFiles.ContainsKey(k))))
        {
            oldFiles.TryGetValue(table, out var a);
            newFiles.TryGetValue(table, out var b);
            if (a is not null && b is not null && a.Sha256 == b.Sha256 && a.Rows == b.Rows && a.Path == b.Path)
            {
                continue;
            }

            RowDiff? rows = null;
            string? note = null;
            if (a is null || b is null)
            {
                note = a is null ? "table added" : "table removed";
            }
            else if (a.Sha256 != b.Sha256)
            {
                var oldFile = DataFileLocator.Find(a.Path, a.Sha256, options.OldData, options.OldGuesses ?? []);
                var newFile = DataFileLocator.Find(b.Path, b.Sha256, options.NewData, options.NewGuesses ?? []);
                if (oldFile is not null && newFile is not null)
                {
                    rows = DataDiff.Compare(oldFile, newFile);
                }
                else
                {
                    note = "rows not compared: " + (oldFile is null ? "the old file was not found (pass --old-data DIR, the old study folder)" : "the new file was not found (pass --new-data DIR)");
                }
            }

            var path = (b ?? a)!.Path;
            result.Add(new TableChange(table, path, a?.Sha256, b?.Sha256, a?.Rows, b?.Rows, rows, note));
        }

        return result;
    }

    private sealed record DataFile(string Path, string? Sha256, long? Rows);

    private static Dictionary<string, DataFile> Files(JsonObject root)
    {
        var files = new Dictionary<string, DataFile>(StringComparer.Ordinal);
        foreach (var file in root["dataFiles"] as JsonArray ?? [])
        {
            long? rows = JsonTreeComparer.TryNumber(file?["rowsRead"], out var n) ? (long)n : null;
            files.TryAdd(Scalar(file?["table"]) ?? string.Empty, new DataFile(Scalar(file?["path"]) ?? string.Empty, Scalar(file?["sha256"]), rows));
        }

        return files;
    }

    private sealed record Analysis(string Key, JsonObject Node)
    {
        public string? Source => Scalar(Node["source"]);
    }

    /// <summary>
    /// Each new analysis to its old self: by key (the id) first; then an analysis left over on both sides with the very same
    /// line of the study, whose id changed without the analysis changing (a derived id that now collides gets a hash suffix).
    /// </summary>
    private static Dictionary<Analysis, Analysis> Pair(List<Analysis> old, List<Analysis> @new)
    {
        var oldByKey = old.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var pairs = new Dictionary<Analysis, Analysis>(ReferenceEqualityComparer.Instance);
        foreach (var analysis in @new)
        {
            if (oldByKey.TryGetValue(analysis.Key, out var before))
            {
                pairs.Add(analysis, before);
            }
        }

        var used = pairs.Values.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var analysis in @new.Where(a => !pairs.ContainsKey(a) && a.Source is not null))
        {
            if (old.Find(a => !used.Contains(a) && !@new.Exists(n => n.Key == a.Key) && a.Source == analysis.Source) is { } renamed)
            {
                pairs.Add(analysis, renamed);
                used.Add(renamed);
            }
        }

        return pairs;
    }

    private static List<Analysis> Analyses(JsonObject root)
    {
        var result = new List<Analysis>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in (root["analyses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // Ids are unique in a study; without one (results written before ids) the text and its occurrence stand in.
            var key = Scalar(node["id"]) is { } id ? "analysis " + id : "analysis `" + (Scalar(node["source"]) ?? Scalar(node["kind"]) ?? "?") + "`";
            var occurrence = seen.TryGetValue(key, out var count) ? count + 1 : 1;
            seen[key] = occurrence;
            result.Add(new Analysis(occurrence == 1 ? key : key + " #" + occurrence.ToString(CultureInfo.InvariantCulture), node));
        }

        return result;
    }

    private static IEnumerable<string> Names(JsonObject a, JsonObject b) =>
        a.Select(p => p.Key).Concat(b.Select(p => p.Key).Where(k => !a.ContainsKey(k)));

    private static string? Short(string? hash) => hash is { Length: > 12 } ? hash[..12] : hash;

    /// <summary>A value's JSON text, long values shortened, for the "other changes" list.</summary>
    private static string? Json(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        return text.Length > 80 ? text[..77] + "…" : text;
    }

    internal static string? Scalar(JsonNode? node) =>
        node is JsonValue v
            ? v.TryGetValue<string>(out var s) ? s : JsonTreeComparer.TryNumber(v, out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : v.ToJsonString()
            : null;
}
