using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>Table 1: one column per group and an overall column, one entry per variable.</summary>
public sealed record DescribeResult(IReadOnlyList<DescribeColumn> Columns, IReadOnlyList<DescribeVariable> Variables);

/// <summary>A column of Table 1: a group (by name) or "overall", with its number of subjects.</summary>
public sealed record DescribeColumn(string Name, string Label, int N);

/// <summary>
/// One variable of Table 1. Continuous and count variables have <see cref="Continuous"/> cells,
/// binary ones <see cref="Counts"/> (of true), categorical ones <see cref="Levels"/>; each list has
/// one cell per column, in column order.
/// </summary>
/// <param name="Summary">The declared summary of a continuous variable: "median" or "mean".</param>
public sealed record DescribeVariable(
    string Name,
    string Label,
    string? Unit,
    string Kind,
    string? Summary,
    IReadOnlyList<ContinuousCell>? Continuous = null,
    IReadOnlyList<CountCell>? Counts = null,
    IReadOnlyList<LevelCounts>? Levels = null);

/// <summary>n non-missing, missing, mean, SD, median, quartiles (R type 7) and range of one column.</summary>
public sealed record ContinuousCell(string Column, int N, int Missing, double Mean, double Sd, double Median, double Q1, double Q3, double Min, double Max);

/// <summary>A count with its percentage of the non-missing values of one column.</summary>
public sealed record CountCell(string Column, int Count, int NonMissing, int Missing, double Percent);

public sealed record LevelCounts(string Level, IReadOnlyList<CountCell> Cells);
