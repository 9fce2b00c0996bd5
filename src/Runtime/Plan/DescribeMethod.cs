using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

/// <summary>The Method line of a descriptive table: names every statistic shown and how it is computed.</summary>
internal static class DescribeMethod
{
    /// <param name="grouping">"by group", "overall" or "by sex": how the table's columns are formed (its scope).</param>
    public static string Text(DescribeOptions options, IReadOnlyList<DescribeVariable> rows, string grouping)
    {
        var shown = rows.Where(r => r.Statistics is not null).SelectMany(r => r.Statistics!).Distinct().ToList();
        bool defaultContinuous = shown.All(s => s is "mean_sd" or "median_iqr" or "range");
        if (options.Statistics is null && options.QuantileType == 7 && defaultContinuous)
        {
            return "Descriptive statistics " + grouping + "; quartiles as R's quantile(type = 7); percentages of non-missing values";
        }

        var parts = new List<string>();
        foreach (string statistic in shown)
        {
            parts.Add(statistic switch
            {
                "mean_sd" => "mean (SD)",
                "mean_se" => "mean (SE), SE = SD / sqrt(n)",
                "median_iqr" => string.Create(CultureInfo.InvariantCulture, $"median [Q1, Q3] as R's quantile(type = {options.QuantileType})"),
                "range" => "min–max",
                "geometric_mean" => "geometric mean (95% CI), exp of the t interval of mean(log x); undefined when a value is ≤ 0",
                _ => statistic,
            });
        }

        if (rows.Any(r => r.Counts is not null || r.Levels is not null))
        {
            parts.Add(options.PercentCi
                ? "n (%) of non-missing values with the Wilson score 95% CI, R prop.test(correct = FALSE)"
                : "percentages of non-missing values");
        }

        return "Descriptive statistics " + grouping + ": " + string.Join("; ", parts);
    }
}
