using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>An analysis as the diff names it: its stable id, kind, its line in the <c>.study</c> file and the specification it ran.</summary>
internal sealed record AnalysisSummary(string Id, string Kind, string Source, string? Specification);

/// <summary>One estimate before and after, as the report prints it; null on the side where the row or quantity is absent.</summary>
internal sealed record EstimateChange(string Label, string Quantity, string? Old, string? New);

/// <summary>A conclusion that reads differently now: a p-value on the other side of alpha, or a CI that now includes (or excludes) the null.</summary>
internal sealed record FlippedConclusion(string AnalysisId, string Label, string Quantity, string Old, string New, string Reason);

/// <summary>An analysis present in both results whose options, status, warnings or estimates differ.</summary>
internal sealed record AnalysisChange(
    AnalysisSummary Old,
    AnalysisSummary New,
    string? OldStatus,
    string? NewStatus,
    IReadOnlyList<string> WarningsAdded,
    IReadOnlyList<string> WarningsRemoved,
    IReadOnlyList<EstimateChange> Estimates,
    int UnchangedEstimates,
    IReadOnlyList<string> OtherValues)
{
    public bool OptionsChanged =>
        Old.Source != New.Source || !string.Equals(Old.Specification, New.Specification, StringComparison.Ordinal);

    public bool StatusChanged => !string.Equals(OldStatus, NewStatus, StringComparison.Ordinal);

    /// <summary>The same analysis under another id (matched by its unchanged line of the study).</summary>
    public bool IdChanged => Old.Id != New.Id;
}

/// <summary>
/// Compares one analysis of the old results with the one of the same id in the new: its estimate rows
/// (<see cref="EstimateRows"/>) by key, each quantity by its rounded text, so a value equal after rounding is no change.
/// </summary>
internal static class AnalysisDiff
{
    /// <summary>Header fields shown (or deliberately not) by the analysis' own lines, never as "other values".</summary>
    private static readonly HashSet<string> HeaderFields = new(StringComparer.Ordinal) { "index", "id", "kind", "source", "specification", "status", "method", "warnings", "reason" };

    /// <summary>The analysis' header; results written before ids name it by its 1-based index (<c>#3</c>).</summary>
    public static AnalysisSummary Summary(JsonObject analysis) =>
        new(Text(analysis["id"]) ?? "#" + (analysis["index"]?.ToJsonString() ?? "?"), Text(analysis["kind"]) ?? string.Empty, Text(analysis["source"]) ?? string.Empty, Text(analysis["specification"]));

    /// <returns>The change, or null when nothing of the analysis differs at the report's precision.</returns>
    public static AnalysisChange? Compare(
        JsonObject old, JsonObject @new, DiffContext context, List<FlippedConclusion> flipped)
    {
        var oldRows = EstimateRows.Of(old, context.OldGroupLabels);
        var newRows = EstimateRows.Of(@new, context.NewGroupLabels);
        var id = Text(@new["id"]) ?? string.Empty;
        var estimates = new List<EstimateChange>();
        var unchanged = 0;
        var oldByKey = oldRows.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var newKeys = newRows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var row in newRows)
        {
            if (!oldByKey.TryGetValue(row.Key, out var before))
            {
                estimates.AddRange(row.Quantities.Select(q => new EstimateChange(row.Label, q.Display, null, q.Text)));
                continue;
            }

            var oldQuantities = Keyed(before.Quantities);
            var newQuantities = Keyed(row.Quantities);
            foreach (var (key, q) in newQuantities)
            {
                if (!oldQuantities.TryGetValue(key, out var a))
                {
                    estimates.Add(new EstimateChange(row.Label, q.Display, null, q.Text));
                }
                else if (a.Text == q.Text && a.Display == q.Display)
                {
                    unchanged++;
                }
                else
                {
                    estimates.Add(new EstimateChange(row.Label, q.Display, a.Text, q.Text));
                    if (Flip(a, q, context.Alpha) is { } reason)
                    {
                        flipped.Add(new FlippedConclusion(id, row.Label, q.Display, a.Text, q.Text, reason));
                    }
                }
            }

            estimates.AddRange(oldQuantities.Where(p => !newQuantities.ContainsKey(p.Key)).Select(p => new EstimateChange(before.Label, p.Value.Display, p.Value.Text, null)));
        }

        foreach (var row in oldRows.Where(r => !newKeys.Contains(r.Key)))
        {
            estimates.AddRange(row.Quantities.Select(q => new EstimateChange(row.Label, q.Display, q.Text, null)));
        }

        var others = OtherValues(old, @new, context.Tolerance);
        var change = new AnalysisChange(
            Summary(old), Summary(@new), Text(old["status"]), Text(@new["status"]),
            Warnings(@new).Except(Warnings(old)).ToArray(), Warnings(old).Except(Warnings(@new)).ToArray(),
            estimates, unchanged, others);
        return change.OptionsChanged || change.StatusChanged || change.IdChanged || estimates.Count > 0 || others.Count > 0
            || change.WarningsAdded.Count + change.WarningsRemoved.Count > 0
            ? change
            : null;
    }

    /// <summary>Why a changed quantity reads as a different conclusion, or null.</summary>
    private static string? Flip(Quantity old, Quantity @new, double alpha)
    {
        if (old.Format == QuantityFormat.PValue && double.IsFinite(old.Value) && double.IsFinite(@new.Value) && (old.Value < alpha) != (@new.Value < alpha))
        {
            return @new.Value < alpha ? "now below " + Number(alpha) : "no longer below " + Number(alpha);
        }

        if (old.ExcludesNull is { } before && @new.ExcludesNull is { } after && before != after)
        {
            return (after ? "CI now excludes " : "CI now includes ") + Number(@new.Null!.Value);
        }

        return null;
    }

    /// <summary>A row's quantities by name and occurrence (a comparison and its test may both carry an estimate).</summary>
    private static Dictionary<string, Quantity> Keyed(IReadOnlyList<Quantity> quantities)
    {
        var result = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var q in quantities)
        {
            var key = q.Name;
            for (var n = 2; result.ContainsKey(key); n++)
            {
                key = q.Name + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(key, q);
        }

        return result;
    }

    /// <summary>Properties that moved but are not shown (standard errors, z, coefficients, vcov), by name.</summary>
    private static List<string> OtherValues(JsonObject old, JsonObject @new, double tolerance)
    {
        var comparer = new JsonTreeComparer(tolerance);
        foreach (var (name, value) in @new)
        {
            if (!HeaderFields.Contains(name) && old.TryGetPropertyValue(name, out var before))
            {
                comparer.Compare(name, before, value);
            }
        }

        return comparer.Changes
            .Select(c => c.Name)
            .Where(n => n.Length > 0 && !QuantityCatalog.IsPartOfShown(n) && !n.EndsWith("Name", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> Warnings(JsonObject analysis) =>
        (analysis["warnings"] as JsonArray ?? [])
        .Select(w => w is JsonObject o ? Text(o["message"]) ?? o.ToJsonString() : Text(w) ?? w?.ToJsonString() ?? string.Empty)
        .ToList();

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>What comparing analyses needs from the whole results: labels of group codes on each side, alpha and the tolerance.</summary>
internal sealed record DiffContext(
    IReadOnlyDictionary<string, string> OldGroupLabels,
    IReadOnlyDictionary<string, string> NewGroupLabels,
    double Alpha,
    double Tolerance);
