using System;
using System.Collections.Generic;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// Table 1: one column per group (with its n) and an overall column (all analysed subjects).
    /// Continuous and count variables: n (missing), mean (SD), median [Q1, Q3], min–max; binary: count
    /// and percent of true among the non-missing; categorical: count and percent per level.
    /// </summary>
    public void Describe(string source, params Variable[] variables)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(variables);
        Cohort cohort = _cohort?.Cohort ?? throw new InvalidOperationException("Define the cohort (StudyRun.Cohort) before any analysis.");
        foreach (Variable v in variables)
        {
            RequireCohort(v);
        }

        int groupCount = cohort.GroupNames.Count;
        int[] codes = cohort.GroupCodeArray;
        var columns = new List<DescribeColumn>(groupCount + 1);
        var groupN = new int[groupCount];
        foreach (int code in codes)
        {
            groupN[code]++;
        }

        var warnings = new List<WarningResult>();
        for (int g = 0; g < groupCount; g++)
        {
            columns.Add(new DescribeColumn(cohort.GroupNames[g], cohort.GroupLabels[g], groupN[g]));
            if (groupN[g] == 0)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.EmptyGroup, $"group '{cohort.GroupNames[g]}' has no analysed subjects"));
            }
        }

        columns.Add(new DescribeColumn(OverallColumn, "Overall", codes.Length));
        var rows = new List<DescribeVariable>(variables.Length);
        foreach (Variable variable in variables)
        {
            DescribeVariable? row = variable switch
            {
                ContinuousVariable c => DescribeNumbers(c, c.ValueArray, c.Summary == Summary.Median ? "median" : "mean", columns, codes),
                CountVariable c => DescribeNumbers(c, c.ValueArray, null, columns, codes),
                BinaryVariable b => new DescribeVariable(b.Name, b.Label, b.Unit, b.KindName, null,
                    Counts: CountLevel(b.CodeArray, 1, columns, codes)),
                CategoricalVariable c => new DescribeVariable(c.Name, c.Label, c.Unit, c.KindName, null,
                    Levels: DescribeLevels(c, columns, codes)),
                _ => null,
            };
            if (row is null)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.VariableNotSummarised,
                    $"variable '{variable.Name}' ({variable.KindName}) is not summarised in a descriptive table"));
                continue;
            }

            rows.Add(row);
        }

        Record("describe", source, ResultStatus.Ok, "Descriptive statistics by group; quartiles as R's quantile(type = 7); percentages of non-missing values",
            null, null, warnings, describe: new DescribeResult(columns, rows));
    }

    internal const string OverallColumn = "overall";

    private static DescribeVariable DescribeNumbers(Variable variable, double[] values, string? summary, List<DescribeColumn> columns, int[] codes)
    {
        var cells = new ContinuousCell[columns.Count];
        for (int col = 0; col < columns.Count; col++)
        {
            ContinuousSummary s = Descriptives.Summarize(Column(values, codes, col, columns.Count - 1));
            cells[col] = new ContinuousCell(columns[col].Name, s.N, s.Missing, s.Mean, s.StandardDeviation, s.Median, s.Q1, s.Q3, s.Min, s.Max);
        }

        return new DescribeVariable(variable.Name, variable.Label, variable.Unit, variable.KindName, summary, Continuous: cells);
    }

    private static LevelCounts[] DescribeLevels(CategoricalVariable variable, List<DescribeColumn> columns, int[] codes)
    {
        var levels = new LevelCounts[variable.Levels.Count];
        for (int level = 0; level < levels.Length; level++)
        {
            levels[level] = new LevelCounts(variable.Levels[level], CountLevel(variable.CodeArray, level, columns, codes));
        }

        return levels;
    }

    /// <summary>Per column: subjects with code <paramref name="level"/>, non-missing (code &gt;= 0) and missing (-1).</summary>
    private static CountCell[] CountLevel(int[] values, int level, List<DescribeColumn> columns, int[] groupCodes)
    {
        int overall = columns.Count - 1;
        var cells = new CountCell[columns.Count];
        for (int col = 0; col < columns.Count; col++)
        {
            int count = 0;
            int nonMissing = 0;
            int missing = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (col != overall && groupCodes[i] != col)
                {
                    continue;
                }

                if (values[i] < 0)
                {
                    missing++;
                    continue;
                }

                nonMissing++;
                if (values[i] == level)
                {
                    count++;
                }
            }

            cells[col] = new CountCell(columns[col].Name, count, nonMissing, missing, Percent(count, nonMissing));
        }

        return cells;
    }

    internal static double Percent(int count, int total) => total == 0 ? double.NaN : 100.0 * count / total;

    /// <summary>The values of one group (column index = group code), or all values for the overall column.</summary>
    private static double[] Column(double[] values, int[] codes, int column, int overall)
    {
        if (column == overall)
        {
            return values;
        }

        var selected = new List<double>();
        for (int i = 0; i < values.Length; i++)
        {
            if (codes[i] == column)
            {
                selected.Add(values[i]);
            }
        }

        return selected.ToArray();
    }
}
