using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>
/// The subject flow's counts that differ, each named as the report's flow names it: the subjects read and analysed, each
/// criterion's exclusions (matched by its label), each group's n (by its name), each table's rows left out per reason, and
/// the subjects in no group or in several.
/// </summary>
internal static class FlowChanges
{
    public static List<FieldChange> Of(JsonObject old, JsonObject @new)
    {
        var result = new List<FieldChange>();
        var a = Counts(old);
        var b = Counts(@new);
        foreach (var key in a.Keys.Concat(b.Keys.Where(k => !a.ContainsKey(k))))
        {
            a.TryGetValue(key, out var x);
            b.TryGetValue(key, out var y);
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                result.Add(new FieldChange(key, x, y));
            }
        }

        return result;
    }

    /// <summary>Each count by the label the diff shows, in flow order.</summary>
    private static Dictionary<string, string?> Counts(JsonObject root)
    {
        var counts = new Dictionary<string, string?>(StringComparer.Ordinal);
        var cohort = root["flow"]?["cohort"] as JsonObject;
        if (cohort is not null)
        {
            counts.TryAdd("subjects read", ResultsDiff.Scalar(cohort["rowsRead"]));
            counts.TryAdd("invalid subject rows", ResultsDiff.Scalar(cohort["invalidRows"]));
            foreach (var criterion in cohort["criteria"] as JsonArray ?? [])
            {
                counts.TryAdd(ResultsDiff.Scalar(criterion?["kind"]) + " \"" + ResultsDiff.Scalar(criterion?["label"]) + "\": excluded", ResultsDiff.Scalar(criterion?["excluded"]));
            }

            counts.TryAdd("in no group", ResultsDiff.Scalar(cohort["unassigned"]));
            counts.TryAdd("in more than one group", ResultsDiff.Scalar(cohort["overlapping"]));
            counts.TryAdd("analysed", ResultsDiff.Scalar(cohort["analysed"]));
            foreach (var group in cohort["groups"] as JsonArray ?? [])
            {
                counts.TryAdd("n " + (ResultsDiff.Scalar(group?["label"]) ?? ResultsDiff.Scalar(group?["name"])), ResultsDiff.Scalar(group?["n"]));
            }

            counts.TryAdd("subjects in no group", Keys(cohort["unassignedSubjects"]));
            counts.TryAdd("subjects in more than one group", Keys(cohort["overlappingSubjects"]));
        }

        foreach (var table in root["flow"]?["tables"] as JsonArray ?? [])
        {
            var name = ResultsDiff.Scalar(table?["table"]);
            foreach (var excluded in table?["excluded"] as JsonArray ?? [])
            {
                counts.TryAdd("table " + name + ": " + ResultsDiff.Scalar(excluded?["reason"]), ResultsDiff.Scalar(excluded?["count"]));
            }

            counts.TryAdd("table " + name + ": rows analysed", ResultsDiff.Scalar(table?["kept"]));
        }

        return counts;
    }

    private static string? Keys(JsonNode? subjects) =>
        subjects is JsonArray array ? string.Join(", ", array.Select(s => ResultsDiff.Scalar(s?["key"]))) : null;
}
