using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>One shown quantity of a row, rounded by the report's policy: <c>HR 2.91 (1.40–6.05)</c>.</summary>
internal sealed record Quantity(string Name, string Display, QuantityFormat Format, double Value, double? Low, double? High, double? Null)
{
    /// <summary>The value as the report prints it, with its interval: <c>2.91 (1.40–6.05)</c>, <c>3792 [1626, 6402]</c>.</summary>
    public string Text
    {
        get
        {
            var point = QuantityCatalog.Render(Format, Value);
            if (Low is not { } low || High is not { } high)
            {
                return point;
            }

            var limits = Format == QuantityFormat.Percent ? QuantityFormat.Estimate : Format;
            if (Name == "median" && Display.Contains('[', StringComparison.Ordinal))
            {
                return point + " [" + QuantityCatalog.Render(limits, low) + ", " + QuantityCatalog.Render(limits, high) + "]";
            }

            if (Format is QuantityFormat.Ratio or QuantityFormat.Estimate)
            {
                // As the report: an estimate and its interval share their decimals.
                var (shown, lower, upper) = QuantityCatalog.RenderWithLimits(Format, Value, low, high);
                return shown + " (" + lower + "–" + upper + ")";
            }

            return point + " (" + QuantityCatalog.Render(limits, low) + "–" + QuantityCatalog.Render(limits, high) + ")";
        }
    }

    /// <summary>The interval lies wholly on one side of the null value (a "significant" CI); null when there is no null or no interval.</summary>
    public bool? ExcludesNull => Null is { } n && Low is { } low && High is { } high && double.IsFinite(low) && double.IsFinite(high) ? low > n || high < n : null;
}

/// <summary>A labelled row of estimates in one analysis, keyed by what it is (term, variable, groups), not where it sits.</summary>
internal sealed record EstimateRow(string Key, string Label, IReadOnlyList<Quantity> Quantities);

/// <summary>
/// Finds the estimate rows of an analysis in <c>results.json</c> by the schema's conventions rather than per kind, so a new
/// kind is diffed without new code: every object with a shown quantity (<see cref="QuantityCatalog"/>) is a row; its label
/// joins the labels of the objects above it (a variable's label, a comparison's groups, a term's label, a time); array
/// items are keyed by their identifying properties, so rows match across runs when their order changes.
/// </summary>
internal sealed class EstimateRows
{
    /// <summary>Properties that say what an array item is, in the order they make its key.</summary>
    private static readonly string[] IdentityProperties =
        ["variable", "term", "grouping", "name", "group", "column", "groups", "groupA", "groupB", "level", "contrast", "visit", "time", "test", "factor", "stage", "reason", "label"];

    private readonly IReadOnlyDictionary<string, string> _groupLabels;
    private readonly List<EstimateRow> _rows = new();

    private EstimateRows(IReadOnlyDictionary<string, string> groupLabels)
    {
        _groupLabels = groupLabels;
    }

    /// <param name="analysis">One item of <c>analyses</c>.</param>
    /// <param name="groupLabels">Group and column names to their labels, from the flow and the describe tables.</param>
    public static IReadOnlyList<EstimateRow> Of(JsonObject analysis, IReadOnlyDictionary<string, string> groupLabels)
    {
        var rows = new EstimateRows(groupLabels);
        foreach (var (name, value) in analysis)
        {
            // The kind's own object (describe, compare, cox, ...): the analysis' header fields are not estimates.
            if (value is JsonObject body)
            {
                // The scope object (where, in, by) says who was analysed; the kind's own object is the analysis itself.
                rows.Visit(name, body, name == "scope" ? ["Scope"] : rows.OwnLabel(body));
            }
        }

        return rows._rows;
    }

    /// <summary>Names to labels: the cohort's groups and group sets, then describe columns and model level labels not already named.</summary>
    public static Dictionary<string, string> GroupLabels(JsonObject root)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        void Named(JsonNode? list)
        {
            foreach (var item in list as JsonArray ?? [])
            {
                if (Text(item?["name"]) is { } name && Text(item?["label"]) is { } label)
                {
                    labels.TryAdd(name, label);
                }
            }
        }

        Named(root["flow"]?["cohort"]?["groups"]);
        foreach (var set in root["flow"]?["groupSets"] as JsonArray ?? [])
        {
            Named(set?["groups"]);
        }

        foreach (var analysis in (root["analyses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Named(analysis["describe"]?["columns"]);
            foreach (var body in analysis.Select(p => p.Value).OfType<JsonObject>())
            {
                foreach (var variable in body["levelLabels"] as JsonArray ?? [])
                {
                    if (variable?["levels"] is JsonArray levels && variable["labels"] is JsonArray names)
                    {
                        for (var i = 0; i < Math.Min(levels.Count, names.Count); i++)
                        {
                            if (Text(levels[i]) is { } level && Text(names[i]) is { } label)
                            {
                                labels.TryAdd(level, label);
                            }
                        }
                    }
                }
            }
        }

        return labels;
    }

    private void Visit(string key, JsonObject node, IReadOnlyList<string> labels)
    {
        var quantities = new List<Quantity>();
        Collect(node, quantities);

        // A comparison's test sits in its own object; it is one row with the comparison, not a row of its own.
        if (node["test"] is JsonObject test && OwnLabel(test).Count == 0)
        {
            Collect(test, quantities);
        }

        if (quantities.Count > 0)
        {
            // p-values first: they are what a reader compares first, as in "p 0.0031 → 0.0042; HR 2.91 → 2.75".
            _rows.Add(new EstimateRow(key, labels.Count == 0 ? "Model" : string.Join(", ", labels), quantities.OrderBy(q => q.Format == QuantityFormat.PValue ? 0 : 1).ToArray()));
        }

        foreach (var (name, child) in node)
        {
            if (name == "test" && child is JsonObject t && OwnLabel(t).Count == 0)
            {
                continue;
            }

            switch (child)
            {
                case JsonObject obj:
                    var own = OwnLabel(obj);
                    Visit(key + "." + name, obj, [.. labels, .. own.Count > 0 ? own : [Humanise(name)]]);
                    break;
                case JsonArray array when !QuantityCatalog.IsSkippedArray(name):
                    VisitArray(key + "." + name, array, labels);
                    break;
            }
        }
    }

    private void VisitArray(string key, JsonArray array, IReadOnlyList<string> labels)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                continue;
            }

            var identity = Identity(item) ?? i.ToString(CultureInfo.InvariantCulture);
            var occurrence = seen.TryGetValue(identity, out var count) ? count + 1 : 1;
            seen[identity] = occurrence;
            var itemKey = key + "[" + identity + (occurrence > 1 ? "#" + occurrence.ToString(CultureInfo.InvariantCulture) : string.Empty) + "]";
            Visit(itemKey, item, [.. labels, .. OwnLabel(item)]);
        }
    }

    private static void Collect(JsonObject row, List<Quantity> quantities)
    {
        foreach (var (name, value) in row)
        {
            if (!QuantityCatalog.IsShown(name) || !JsonTreeComparer.TryNumber(value, out var number))
            {
                continue;
            }

            double? low = null, high = null;
            if (QuantityCatalog.Interval(name, row) is var (lowName, highName)
                && JsonTreeComparer.TryNumber(row[lowName], out var l) && JsonTreeComparer.TryNumber(row[highName], out var h))
            {
                (low, high) = (l, h);
            }

            quantities.Add(new Quantity(name, QuantityCatalog.Display(name, row), QuantityCatalog.Format(name), number, low, high, QuantityCatalog.NullValue(name, row)));
        }
    }

    /// <summary>What a row is called: its label (or "A vs B", a term, a group's label), the groups it compares, the time it is at.</summary>
    private List<string> OwnLabel(JsonObject item)
    {
        var parts = new List<string>();
        if (Text(item["grouping"]) is { } grouping)
        {
            // A variance component: "id (Intercept)", "Residual".
            parts.Add(Text(item["name"]) is { Length: > 0 } term ? grouping + " " + term : grouping);
        }
        else if (Text(item["label"]) is { } label)
        {
            parts.Add(label);
        }
        else if (Text(item["labelA"]) is { } a && Text(item["labelB"]) is { } b)
        {
            parts.Add(a + " vs " + b);
        }
        else if ((Text(item["term"]) ?? Text(item["variable"])) is { } term)
        {
            parts.Add(term);
        }
        else if (Text(item["contrast"]) is { } contrast)
        {
            // "treatment - control" of a model's means: each side by its label.
            parts.Add(string.Join(" − ", contrast.Split(" - ").Select(GroupLabel)));
        }
        else if ((Text(item["group"]) ?? Text(item["column"])) is { } group)
        {
            parts.Add(GroupLabel(group));
        }
        else if (Text(item["level"]) is { } level)
        {
            parts.Add(GroupLabel(level));
        }
        else if (Text(item["name"]) is { } name)
        {
            parts.Add(name);
        }
        else if (Text(item["reason"]) is { } reason)
        {
            parts.Add("left out: " + reason);   // a scope's rows left out, per reason
        }

        if (item["groups"] is JsonArray groups && groups.All(g => Text(g) is not null) && groups.Count > 0)
        {
            parts.Add(string.Join(" vs ", groups.Select(g => GroupLabel(Text(g)!))));
        }

        if (Scalar(item["visit"]) is { } visit)
        {
            parts.Add("visit " + visit);
        }
        else if (JsonTreeComparer.TryNumber(item["time"], out var time))
        {
            parts.Add("at " + time.ToString("R", CultureInfo.InvariantCulture));
        }

        return parts;
    }

    private string? Identity(JsonObject item)
    {
        var parts = IdentityProperties.Select(p => item[p] switch
        {
            JsonArray array => string.Join("|", array.Select(x => Scalar(x) ?? string.Empty)),
            var value => Scalar(value),
        }).Where(p => p is not null).ToArray();
        return parts.Length == 0 ? null : string.Join(",", parts);
    }

    private string GroupLabel(string name) => _groupLabels.TryGetValue(name, out var label) ? label : name;

    /// <summary><c>likelihoodRatio</c> → "Likelihood ratio".</summary>
    private static string Humanise(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(builder.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static string? Scalar(JsonNode? node) =>
        node is JsonValue v
            ? v.TryGetValue<string>(out var s) ? s : JsonTreeComparer.TryNumber(v, out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : null
            : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
