using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// Table 1: one column per group (with its n) and an overall column (all analysed subjects).
    /// Continuous and count variables: n (missing), mean (SD), median [Q1, Q3], min–max; binary: count
    /// and percent of true among the non-missing; categorical: count and percent per level.
    /// </summary>
    public void Describe(string source, params Variable[] variables) => Describe(Derived(source), DescribeOptions.Default, variables);

    /// <inheritdoc cref="Describe(string, Variable[])"/>
    public void Describe(AnalysisInfo analysis, params Variable[] variables) => Describe(analysis, DescribeOptions.Default, variables);

    /// <summary>
    /// Table 1 with the statistics of <paramref name="options"/>
    /// (<c>describe ... by group statistics mean_se, geometric_mean, percent_ci quantile_type 6</c>).
    /// </summary>
    public void Describe(string source, DescribeOptions options, params Variable[] variables) => Describe(Derived(source), options, variables);

    /// <inheritdoc cref="Describe(string, DescribeOptions, Variable[])"/>
    public void Describe(AnalysisInfo analysis, DescribeOptions options, params Variable[] variables)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(variables);
        if (options.QuantileType is < 1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.QuantileType, "quantile type must be 1 to 9 (R's quantile types)");
        }

        if (options.Decimals is < 0 or > Reports.ReportNumberFormat.MaxDecimals
            || options.VariableDecimals?.Any(v => v.Decimals is < 0 or > Reports.ReportNumberFormat.MaxDecimals) == true)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "decimals must be 0 to 6");
        }

        ForEachScope(analysis, "describe", variables, scoped => Describe(scoped, options, scoped.Map(variables)));
    }

    private void Describe(ScopedAnalysis analysis, DescribeOptions options, Variable[] variables)
    {
        Cohort cohort = analysis.Cohort;
        int groupCount = cohort.GroupNames.Count;
        int[] codes = cohort.GroupCodeArray;
        var columns = new List<DescribeColumn>(groupCount + 1);
        int[] groupN = cohort is EngineCohort ? EngineGroupN() : new int[groupCount];
        foreach (int code in codes)
        {
            groupN[code]++;
        }

        var warnings = new List<WarningResult>(NotFiniteWarnings(variables));

        // Overall: the one group is everyone, so the table is the overall column alone.
        bool overallOnly = cohort.IsOverall;
        for (int g = 0; g < groupCount && !overallOnly; g++)
        {
            columns.Add(new DescribeColumn(cohort.GroupNames[g], cohort.GroupLabels[g], groupN[g]));
            if (groupN[g] == 0)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.EmptyGroup, $"group '{cohort.GroupNames[g]}' has no analysed subjects"));
            }
        }

        columns.Add(new DescribeColumn(OverallColumn, "Overall", cohort.Count));
        var rows = new List<DescribeVariable>(variables.Length);
        foreach (Variable variable in variables)
        {
            DescribeVariable? row = variable.EngineValue is not null ? EngineDescribeRow(variable, options, columns) : variable switch
            {
                ContinuousVariable c => DescribeNumbers(c, c.ValueArray, SummaryName(c.Summary), options, columns, codes, warnings),
                CountVariable c => DescribeNumbers(c, c.ValueArray, null, options, columns, codes, warnings),
                BinaryVariable b => new DescribeVariable(b.Name, b.Label, b.Unit, b.KindName, null,
                    Counts: CountLevel(b.CodeArray, 1, columns, codes, options.PercentCi)),
                CategoricalVariable c => new DescribeVariable(c.Name, c.Label, c.Unit, c.KindName, null,
                    Levels: DescribeLevels(c, columns, codes, options.PercentCi)),
                _ => null,
            };
            if (row is null)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.VariableNotSummarised,
                    $"variable '{variable.Name}' ({variable.KindName}) is not summarised in a descriptive table"));
                continue;
            }

            rows.Add(options.DecimalsOf(variable.Name) is { } decimals && row.Continuous is not null ? row with { Decimals = decimals } : row);
        }

        Record(analysis, "describe", ResultStatus.Ok, DescribeMethod.Text(options, rows, AnalysisScopeResult.GroupingWords(analysis.Result)), null, null, warnings,
            describe: new DescribeResult(columns, rows, options.QuantileType, options.Statistics?.Select(DescribeOptions.Name).ToArray()) { Decimals = options.Decimals });
    }

    internal const string OverallColumn = "overall";

    private static string SummaryName(Summary summary) => summary switch
    {
        Summary.Median => "median",
        Summary.Mean => "mean",
        _ => "geometric_mean",
    };

    private static DescribeVariable DescribeNumbers(Variable variable, double[] values, string? summary, DescribeOptions options,
        List<DescribeColumn> columns, int[] codes, List<WarningResult> warnings)
    {
        IReadOnlyList<DescribeStatistic> shown = options.ContinuousStatistics(variable is ContinuousVariable { Summary: Summary.GeometricMean });
        bool se = shown.Contains(DescribeStatistic.MeanSe);
        bool geometric = shown.Contains(DescribeStatistic.GeometricMean);
        var cells = new ContinuousCell[columns.Count];
        for (int col = 0; col < columns.Count; col++)
        {
            double[] column = Column(values, codes, col, columns.Count - 1);
            ContinuousSummary s = Descriptives.Summarize(column);
            var cell = new ContinuousCell(columns[col].Name, s.N, s.Missing, s.Mean, s.StandardDeviation, s.Median, s.Q1, s.Q3, s.Min, s.Max);
            if (options.QuantileType != 7 && s.N > 0)
            {
                double[] sorted = StableOrder.SortedFinite(column);
                cell = cell with
                {
                    Median = Quantiles.Of(sorted, 0.5, options.QuantileType),
                    Q1 = Quantiles.Of(sorted, 0.25, options.QuantileType),
                    Q3 = Quantiles.Of(sorted, 0.75, options.QuantileType),
                };
            }

            if (se)
            {
                cell = cell with { Se = Defined(Descriptives.StandardError(column)) };
            }

            if (geometric)
            {
                GeometricMeanResult g = Descriptives.GeometricMean(column);
                cell = cell with { GeometricMean = Defined(g.Estimate), GeometricMeanLow = Defined(g.Lower), GeometricMeanHigh = Defined(g.Upper) };
                foreach (string message in g.Warnings)
                {
                    warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.GeometricMeanUndefined,
                        $"'{variable.Name}', column '{columns[col].Name}': {message}"));
                }
            }

            cells[col] = cell;
        }

        return new DescribeVariable(variable.Name, variable.Label, variable.Unit, variable.KindName, summary, Continuous: cells,
            Statistics: shown.Select(DescribeOptions.Name).ToArray());
    }

    private static double? Defined(double value) => double.IsNaN(value) ? null : value;

    private static LevelCounts[] DescribeLevels(CategoricalVariable variable, List<DescribeColumn> columns, int[] codes, bool percentCi)
    {
        var levels = new LevelCounts[variable.Levels.Count];
        for (int level = 0; level < levels.Length; level++)
        {
            string label = variable.LevelLabels[level];
            levels[level] = new LevelCounts(variable.Levels[level], CountLevel(variable.CodeArray, level, columns, codes, percentCi),
                string.Equals(label, variable.Levels[level], StringComparison.Ordinal) ? null : label);
        }

        return levels;
    }

    /// <summary>Per column: subjects with code <paramref name="level"/>, non-missing (code &gt;= 0) and missing (-1).</summary>
    private static CountCell[] CountLevel(int[] values, int level, List<DescribeColumn> columns, int[] groupCodes, bool percentCi)
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
            if (percentCi && nonMissing > 0)
            {
                // Wilson score interval without continuity correction: R prop.test(count, n, correct = FALSE)$conf.int.
                ProportionInterval wilson = Proportions.Wilson(count, nonMissing);
                cells[col] = cells[col] with { PercentLow = 100 * wilson.Lower, PercentHigh = 100 * wilson.Upper };
            }
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
