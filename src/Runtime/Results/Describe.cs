using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>Table 1: one column per group and an overall column, one entry per variable.</summary>
/// <param name="QuantileType">R's <c>quantile(type = )</c> of the medians and quartiles (7 unless the study says otherwise).</param>
/// <param name="Statistics">The statistics the statement asked for ("mean_sd", "mean_se", "median_iqr", "range",
/// "geometric_mean", "percent_ci"); absent for the default table.</param>
public sealed record DescribeResult(
    IReadOnlyList<DescribeColumn> Columns,
    IReadOnlyList<DescribeVariable> Variables,
    int QuantileType = 7,
    IReadOnlyList<string>? Statistics = null)
{
    /// <summary>The study's <c>decimals n</c> for the continuous statistics in the report (0 to 6); absent for the default from the spread.</summary>
    public int? Decimals { get; init; }
}

/// <summary>A column of Table 1: a group (by name) or "overall", with its number of subjects.</summary>
public sealed record DescribeColumn(string Name, string Label, int N);

/// <summary>
/// One variable of Table 1. Continuous and count variables have <see cref="Continuous"/> cells,
/// binary ones <see cref="Counts"/> (of true), categorical ones <see cref="Levels"/>; each list has
/// one cell per column, in column order.
/// </summary>
/// <param name="Summary">The declared summary of a continuous variable: "median", "mean" or "geometric_mean".</param>
/// <param name="Statistics">The statistics shown for a continuous or count variable, in order (names as
/// <see cref="DescribeResult.Statistics"/>); the matching fields of its cells are set.</param>
public sealed record DescribeVariable(
    string Name,
    string Label,
    string? Unit,
    string Kind,
    string? Summary,
    IReadOnlyList<ContinuousCell>? Continuous = null,
    IReadOnlyList<CountCell>? Counts = null,
    IReadOnlyList<LevelCounts>? Levels = null,
    IReadOnlyList<string>? Statistics = null)
{
    /// <summary>The study's <c>decimals NAME = n</c> for this variable's continuous statistics in the report; absent when not given.</summary>
    public int? Decimals { get; init; }
}

/// <summary>
/// n non-missing, missing, mean, SD, median, quartiles (R quantile type of the table) and range of one
/// column; the standard error and the geometric mean with its 95% CI when the row shows them.
/// </summary>
/// <param name="Se">Standard error of the mean, SD / sqrt(n).</param>
/// <param name="GeometricMean">exp(mean(log x)); null when undefined (a value &lt;= 0: see the warnings).</param>
/// <param name="GeometricMeanLow">Lower limit of the 95% CI (t interval on the log scale).</param>
/// <param name="GeometricMeanHigh">Upper limit of the 95% CI.</param>
public sealed record ContinuousCell(
    string Column,
    int N,
    int Missing,
    double Mean,
    double Sd,
    double Median,
    double Q1,
    double Q3,
    double Min,
    double Max,
    double? Se = null,
    double? GeometricMean = null,
    double? GeometricMeanLow = null,
    double? GeometricMeanHigh = null);

/// <summary>A count with its percentage of the non-missing values of one column.</summary>
/// <param name="PercentLow">Lower limit of the Wilson score 95% CI of the percentage (R prop.test(correct = FALSE)); set with "percent_ci".</param>
/// <param name="PercentHigh">Upper limit of that interval.</param>
public sealed record CountCell(string Column, int Count, int NonMissing, int Missing, double Percent, double? PercentLow = null, double? PercentHigh = null);

/// <summary>One level of a categorical variable: its code as the data holds it, and its counts.</summary>
/// <param name="Label">What reports show for the level (<c>category(1 "Male")</c>: level "1", label "Male"); null when the level has no label of its own.</param>
public sealed record LevelCounts(string Level, IReadOnlyList<CountCell> Cells, string? Label = null);
