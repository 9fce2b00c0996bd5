using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using ProtocolLang.Runtime.Reports;

namespace ProtocolLang.Cli.Diff;

/// <summary>How a quantity is rounded: each maps to one function of the report's number policy (<see cref="ReportNumberFormat"/>).</summary>
internal enum QuantityFormat
{
    PValue,
    Estimate,

    /// <summary>A hazard, odds or other ratio: 2 decimals shared with its limits, as the report's <see cref="ReportNumberFormat.Ratio"/>.</summary>
    Ratio,
    Statistic,
    Percent,
}

/// <summary>
/// The estimates the diff shows, by their property name in <c>results.json</c> (docs/results.schema.json), with the
/// short name a statistician reads (HR, p, median) and where their confidence limits sit. Properties not listed
/// (standard errors, z and t, log-scale coefficients, covariance matrices, iteration counts) are derived from the
/// listed ones or are fitting details: the diff names them as "other values changed" without showing them.
/// </summary>
internal static class QuantityCatalog
{
    private sealed record Entry(string Display, QuantityFormat Format, double? Null = null);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["pValue"] = new("p", QuantityFormat.PValue),
        ["p"] = new("p", QuantityFormat.PValue),
        ["adjustedPValue"] = new("adjusted p", QuantityFormat.PValue),
        ["mauchlyP"] = new("Mauchly p", QuantityFormat.PValue),
        ["hazardRatio"] = new("HR", QuantityFormat.Ratio, Null: 1),
        ["ratio"] = new("ratio", QuantityFormat.Ratio, Null: 1),
        ["estimate"] = new("estimate", QuantityFormat.Estimate),
        ["survival"] = new("survival", QuantityFormat.Estimate),
        ["median"] = new("median", QuantityFormat.Estimate),
        ["mean"] = new("mean", QuantityFormat.Estimate),
        ["sd"] = new("SD", QuantityFormat.Estimate),
        ["geometricMean"] = new("geometric mean", QuantityFormat.Estimate),
        ["min"] = new("min", QuantityFormat.Estimate),
        ["max"] = new("max", QuantityFormat.Estimate),
        ["restrictedMean"] = new("restricted mean", QuantityFormat.Estimate),
        ["rate"] = new("rate", QuantityFormat.Estimate),
        ["percent"] = new("%", QuantityFormat.Percent),
        ["n"] = new("n", QuantityFormat.Statistic),
        ["count"] = new("n", QuantityFormat.Statistic),
        ["missing"] = new("missing", QuantityFormat.Statistic),
        ["events"] = new("events", QuantityFormat.Statistic),
        ["observed"] = new("observed", QuantityFormat.Statistic),
        ["expected"] = new("expected", QuantityFormat.Estimate),
        ["statistic"] = new("statistic", QuantityFormat.Statistic),
        ["chiSquare"] = new("χ²", QuantityFormat.Statistic),
        ["f"] = new("F", QuantityFormat.Statistic),
        ["concordance"] = new("concordance", QuantityFormat.Estimate),
        ["rSquared"] = new("R²", QuantityFormat.Estimate),
        ["standardDeviation"] = new("SD", QuantityFormat.Estimate),
        ["correlation"] = new("correlation", QuantityFormat.Estimate),
    };

    /// <summary>Interval names that belong to the row's main estimate when it has no interval of its own name.</summary>
    private static readonly (string Low, string High)[] SharedIntervals =
    [
        ("confidenceLow", "confidenceHigh"),
        ("low", "high"),
        ("lower", "upper"),
        ("waldLow", "waldHigh"),
    ];

    /// <summary>The estimates that may take a row's shared interval, in order of preference.</summary>
    private static readonly string[] MainEstimates = ["estimate", "hazardRatio", "survival", "mean", "median"];

    /// <summary>Arrays that hold fitting detail or every event time rather than reported estimates.</summary>
    private static readonly HashSet<string> SkippedArrays = new(StringComparer.Ordinal) { "vcov", "table", "outliers", "times", "timeLevels" };

    public static bool IsShown(string name) => Entries.ContainsKey(name);

    public static bool IsSkippedArray(string name) => SkippedArrays.Contains(name);

    public static string Display(string name, JsonObject row) =>
        name switch
        {
            "estimate" when Text(row["estimateName"]) is { } estimateName => estimateName,
            "statistic" when Text(row["statisticName"]) is { } statisticName => statisticName,
            "median" when row.ContainsKey("q1") && row.ContainsKey("q3") => "median [Q1, Q3]",
            _ => Entries[name].Display,
        };

    public static QuantityFormat Format(string name) => Entries[name].Format;

    /// <summary>The value that a CI crossing means "no effect": 1 for ratios, 0 for a tested difference, the row's own <c>nullValue</c> when given.</summary>
    public static double? NullValue(string name, JsonObject row)
    {
        if (JsonTreeComparer.TryNumber(row["nullValue"], out var given))
        {
            return given;
        }

        if (Entries[name].Null is { } fixedNull)
        {
            return fixedNull;
        }

        // An estimate with a test beside it is a difference tested against 0 (a location shift, a contrast, a coefficient);
        // without one it is a mean or a level, which has no null.
        return name == "estimate" && (row.ContainsKey("pValue") || row.ContainsKey("p")) ? 0 : null;
    }

    /// <summary>The names of a quantity's lower and upper limits in <paramref name="row"/>, if it has them.</summary>
    public static (string Low, string High)? Interval(string name, JsonObject row)
    {
        if (name == "median" && row.ContainsKey("q1") && row.ContainsKey("q3"))
        {
            return ("q1", "q3");
        }

        foreach (var (low, high) in new[] { (name + "Low", name + "High"), (name + "Lower", name + "Upper"), (name + "WaldLow", name + "WaldHigh") })
        {
            if (row.ContainsKey(low) && row.ContainsKey(high))
            {
                return (low, high);
            }
        }

        if (Array.Find(MainEstimates, row.ContainsKey) != name)
        {
            return null;
        }

        foreach (var (low, high) in SharedIntervals)
        {
            if (row.ContainsKey(low) && row.ContainsKey(high))
            {
                return (low, high);
            }
        }

        return null;
    }

    /// <summary>True for a property the diff shows or that is part of one shown (a limit): not an "other value".</summary>
    public static bool IsPartOfShown(string name) =>
        IsShown(name) || name is "q1" or "q3" || name.EndsWith("Low", StringComparison.Ordinal) || name.EndsWith("High", StringComparison.Ordinal)
        || name.EndsWith("Lower", StringComparison.Ordinal) || name.EndsWith("Upper", StringComparison.Ordinal) || name is "low" or "high" or "lower" or "upper";

    public static string Render(QuantityFormat format, double value) =>
        format switch
        {
            QuantityFormat.PValue => ReportNumberFormat.PValue(value),
            QuantityFormat.Statistic => ReportNumberFormat.Statistic(value),
            QuantityFormat.Percent => ReportNumberFormat.Percent(value) + "%",
            QuantityFormat.Ratio => ReportNumberFormat.Fixed(value, ReportNumberFormat.RatioDecimals(value)),
            _ => ReportNumberFormat.Estimate(value),
        };

    /// <summary>A value and its limits with the decimals the report gives them together (a ratio's, or an estimate's shared decimals).</summary>
    public static (string Point, string Low, string High) RenderWithLimits(QuantityFormat format, double value, double low, double high)
    {
        int decimals = format == QuantityFormat.Ratio
            ? ReportNumberFormat.RatioDecimals(value)
            : ReportNumberFormat.IntervalDecimals(value, low, high);
        return (ReportNumberFormat.Fixed(value, decimals), ReportNumberFormat.Fixed(low, decimals), ReportNumberFormat.Fixed(high, decimals));
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
