using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Plan;

/// <summary>A statistic a descriptive table can show, as named after <c>describe ... statistics</c>.</summary>
public enum DescribeStatistic
{
    /// <summary>Mean (SD), SD with divisor n - 1: R <c>mean</c>, <c>sd</c>.</summary>
    MeanSd,

    /// <summary>Mean (SE), SE = SD / sqrt(n).</summary>
    MeanSe,

    /// <summary>Median [Q1, Q3] by R's <c>quantile(type = )</c>.</summary>
    MedianIqr,

    /// <summary>Min–max.</summary>
    Range,

    /// <summary>Geometric mean (95% CI): exp of the t interval of the mean of the logs.</summary>
    GeometricMean,

    /// <summary>n (%) with the Wilson score 95% CI of the percentage, for binary and categorical rows.</summary>
    PercentCi,
}

/// <summary>
/// The options of a <c>describe</c> statement: which statistics each row shows and R's quantile
/// type for the median and quartiles.
/// </summary>
/// <param name="Statistics">The statistics asked for, in order; null for the default table
/// (mean (SD), median [Q1, Q3], min–max; n (%)).</param>
/// <param name="QuantileType">R's <c>quantile(type = )</c>, 1 to 9; 7 is R's default.</param>
/// <param name="Decimals">The report's decimals of every continuous statistic (<c>decimals n</c>, 0 to 6); null for the default from the spread.</param>
/// <param name="VariableDecimals">Decimals of single variables (<c>decimals CK = 0</c>), overriding <paramref name="Decimals"/>.</param>
public sealed record DescribeOptions(IReadOnlyList<DescribeStatistic>? Statistics = null, int QuantileType = 7, int? Decimals = null,
    IReadOnlyList<(string Variable, int Decimals)>? VariableDecimals = null)
{
    /// <summary>The decimals the study gave this variable by name; null when it gave none (the table's default applies).</summary>
    internal int? DecimalsOf(string variable)
    {
        foreach (var (name, decimals) in VariableDecimals ?? [])
        {
            if (name == variable)
            {
                return decimals;
            }
        }

        return null;
    }

    public static DescribeOptions Default { get; } = new();

    internal static readonly DescribeStatistic[] DefaultContinuous =
        [DescribeStatistic.MeanSd, DescribeStatistic.MedianIqr, DescribeStatistic.Range];

    /// <summary>The statistics of a continuous row: those asked for (the default three when none is continuous),
    /// plus the geometric mean of an outcome declared with <c>summary geometric_mean</c>.</summary>
    internal IReadOnlyList<DescribeStatistic> ContinuousStatistics(bool geometricSummary)
    {
        var asked = (Statistics ?? Array.Empty<DescribeStatistic>()).Where(s => s != DescribeStatistic.PercentCi).ToList();
        var shown = asked.Count > 0 ? asked : DefaultContinuous.ToList();
        if (geometricSummary && !shown.Contains(DescribeStatistic.GeometricMean))
        {
            shown.Add(DescribeStatistic.GeometricMean);
        }

        return shown;
    }

    internal bool PercentCi => Statistics?.Contains(DescribeStatistic.PercentCi) == true;

    /// <summary>The name written in the study and in results.json: mean_sd, mean_se, median_iqr, range, geometric_mean, percent_ci.</summary>
    public static string Name(DescribeStatistic statistic) => statistic switch
    {
        DescribeStatistic.MeanSd => "mean_sd",
        DescribeStatistic.MeanSe => "mean_se",
        DescribeStatistic.MedianIqr => "median_iqr",
        DescribeStatistic.Range => "range",
        DescribeStatistic.GeometricMean => "geometric_mean",
        DescribeStatistic.PercentCi => "percent_ci",
        _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, null),
    };
}
