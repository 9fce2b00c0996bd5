using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>An analysis as the diff names it: its 1-based index, its declaration in the <c>.study</c> file and its id (absent in results written before ids).</summary>
internal sealed record AnalysisRef(int Index, string Source, string? Id = null);

/// <summary>A count that changed: a group's n or a number of the subject flow.</summary>
internal sealed record CountChange(string Label, string? Old, string? New);

/// <summary>A p-value on the other side of 0.05 than before.</summary>
internal sealed record PValueCrossing(AnalysisRef? Analysis, ValueChange Change);

/// <summary>A file whose SHA-256 changed (or that appeared or disappeared).</summary>
internal sealed record HashChange(string Label, string? Old, string? New);

/// <summary>Everything that differs between two <c>results.json</c> files, and the readable summaries of it.</summary>
internal sealed record ResultsDiffReport(
    IReadOnlyList<ValueChange> Changes,
    IReadOnlyList<HashChange> Hashes,
    IReadOnlyList<CountChange> GroupSizes,
    IReadOnlyList<ValueChange> Flow,
    IReadOnlyList<AnalysisRef> AddedAnalyses,
    IReadOnlyList<AnalysisRef> RemovedAnalyses,
    IReadOnlyList<PValueCrossing> PValueCrossings,
    Func<string, AnalysisRef?> AnalysisAt)
{
    public bool HasChanges => Changes.Count > 0;
}

/// <summary>
/// Compares two results: every value generically (<see cref="JsonTreeComparer"/>), with analyses
/// matched by their id rather than position, so inserting an analysis shows as one addition and an edited
/// analysis (a Cox model with a new term) shows its estimates before and after; results written before ids
/// existed are matched by their declaration text (and occurrence). Then a few named rules give the
/// summaries a reviewer reads first.
/// </summary>
internal static class ResultsDiff
{
    public const double Alpha = 0.05;

    public static ResultsDiffReport Compare(JsonNode old, JsonNode @new, double tolerance)
    {
        var comparer = new JsonTreeComparer(tolerance);
        var oldRoot = old as JsonObject ?? new JsonObject();
        var newRoot = @new as JsonObject ?? new JsonObject();
        foreach (var name in oldRoot.Select(p => p.Key).Concat(newRoot.Select(p => p.Key).Where(k => !oldRoot.ContainsKey(k))))
        {
            if (name == "analyses")
            {
                continue;
            }

            var inOld = oldRoot.TryGetPropertyValue(name, out var a);
            var inNew = newRoot.TryGetPropertyValue(name, out var b);
            if (inOld && inNew)
            {
                comparer.Compare(name, a, b);
            }
            else
            {
                comparer.AddedOrRemoved(name, added: inNew, inNew ? b : a);
            }
        }

        var oldAnalyses = Analyses(oldRoot);
        var newAnalyses = Analyses(newRoot);
        var oldByKey = oldAnalyses.ToDictionary(x => x.Key, StringComparer.Ordinal);
        var newKeys = newAnalyses.Select(x => x.Key).ToHashSet(StringComparer.Ordinal);
        var added = new List<AnalysisRef>();
        foreach (var analysis in newAnalyses)
        {
            var path = JsonTreeComparer.Item("analyses", analysis.Position);
            if (oldByKey.TryGetValue(analysis.Key, out var before))
            {
                comparer.Compare(path, before.Node, analysis.Node);
            }
            else
            {
                added.Add(analysis.Ref);
                comparer.AddedOrRemoved(path, added: true, analysis.Node);
            }
        }

        var removed = oldAnalyses.Where(a => !newKeys.Contains(a.Key)).ToArray();
        foreach (var analysis in removed)
        {
            comparer.AddedOrRemoved("removed " + JsonTreeComparer.Item("analyses", analysis.Position), added: false, analysis.Node);
        }

        AnalysisRef? AnalysisAt(string path)
        {
            var list = path.StartsWith("removed ", StringComparison.Ordinal) ? oldAnalyses : newAnalyses;
            var position = AnalysisPosition(path);
            return position is { } p && p < list.Count ? list[p].Ref : null;
        }

        var changes = comparer.Changes;
        return new ResultsDiffReport(
            changes,
            Hashes(oldRoot, newRoot),
            GroupSizes(oldRoot, newRoot),
            changes.Where(c => c.Path.StartsWith("flow.", StringComparison.Ordinal) && !c.Path.StartsWith("flow.cohort.groups", StringComparison.Ordinal)).ToArray(),
            added,
            removed.Select(a => a.Ref).ToArray(),
            changes.Where(CrossesAlpha).Select(c => new PValueCrossing(AnalysisAt(c.Path), c)).ToArray(),
            AnalysisAt);
    }

    /// <summary>A p-value (any property whose name ends in "pValue") below 0.05 on one side only.</summary>
    private static bool CrossesAlpha(ValueChange change) =>
        change.Name.EndsWith("pValue", StringComparison.OrdinalIgnoreCase)
        && JsonTreeComparer.TryNumber(change.Old, out var a)
        && JsonTreeComparer.TryNumber(change.New, out var b)
        && (a < Alpha) != (b < Alpha);

    private static int? AnalysisPosition(string path)
    {
        var start = path.IndexOf("analyses[", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += "analyses[".Length;
        var end = path.IndexOf(']', start);
        return int.TryParse(path.AsSpan(start, end - start), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    private sealed record Analysis(int Position, string Key, AnalysisRef Ref, JsonNode? Node);

    private static List<Analysis> Analyses(JsonObject root)
    {
        var result = new List<Analysis>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var array = root["analyses"] as JsonArray ?? new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            var node = array[i];
            var source = Text(node?["source"]) ?? Text(node?["kind"]) ?? "analysis";
            var id = Text(node?["id"]);
            var index = JsonTreeComparer.TryNumber(node?["index"], out var n) ? (int)n : i + 1;

            // Ids are unique in a study; without one (older results) the text and its occurrence stand in. The prefixes keep the two apart.
            var key = id is null ? "source:" + source : "id:" + id;
            var occurrence = seen.TryGetValue(key, out var count) ? count + 1 : 1;
            seen[key] = occurrence;
            result.Add(new Analysis(i, key + "\n#" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture), new AnalysisRef(index, source, id), node));
        }

        return result;
    }

    private static List<HashChange> Hashes(JsonObject old, JsonObject @new)
    {
        var result = new List<HashChange>();
        var oldStudy = Text(old["study"]?["sha256"]);
        var newStudy = Text(@new["study"]?["sha256"]);
        if (!string.Equals(oldStudy, newStudy, StringComparison.Ordinal))
        {
            result.Add(new HashChange((Text(@new["study"]?["file"]) ?? Text(old["study"]?["file"]) ?? "study") + " (protocol)", oldStudy, newStudy));
        }

        var oldFiles = Files(old);
        var newFiles = Files(@new);
        foreach (var path in oldFiles.Keys.Concat(newFiles.Keys.Where(k => !oldFiles.ContainsKey(k))))
        {
            oldFiles.TryGetValue(path, out var a);
            newFiles.TryGetValue(path, out var b);
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                result.Add(new HashChange(path, a, b));
            }
        }

        return result;
    }

    /// <summary>Data files by "path (table)", in file order, with their SHA-256.</summary>
    private static Dictionary<string, string?> Files(JsonObject root)
    {
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in root["dataFiles"] as JsonArray ?? new JsonArray())
        {
            files.TryAdd(Text(file?["path"]) + " (table " + Text(file?["table"]) + ")", Text(file?["sha256"]));
        }

        return files;
    }

    private static List<CountChange> GroupSizes(JsonObject old, JsonObject @new)
    {
        static Dictionary<string, (string Label, string? N)> Groups(JsonObject root)
        {
            var groups = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
            foreach (var group in root["flow"]?["cohort"]?["groups"] as JsonArray ?? new JsonArray())
            {
                var name = Text(group?["name"]) ?? string.Empty;
                groups.TryAdd(name, (Text(group?["label"]) ?? name, group?["n"]?.ToJsonString()));
            }

            return groups;
        }

        var a = Groups(old);
        var b = Groups(@new);
        var result = new List<CountChange>();
        foreach (var name in a.Keys.Concat(b.Keys.Where(k => !a.ContainsKey(k))))
        {
            var inOld = a.TryGetValue(name, out var x);
            var inNew = b.TryGetValue(name, out var y);
            if (!inOld || !inNew || !string.Equals(x.N, y.N, StringComparison.Ordinal))
            {
                result.Add(new CountChange(inNew ? y.Label : x.Label, inOld ? x.N : null, inNew ? y.N : null));
            }
        }

        return result;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
