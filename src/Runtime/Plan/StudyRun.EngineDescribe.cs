using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Table 1 of a <c>compute in engine</c> run: each variable's row from one value-count query, the same cells as the
/// in-memory table (<see cref="Describe(ScopedAnalysis, DescribeOptions, Variable[])"/>). A number's n, missing, mean,
/// SD, SE, median, quartiles (type 7) and range come from its distinct values and their counts
/// (<see cref="CountedValues"/>); a yes/no or categorical variable's counts and percentages (and Wilson intervals) from
/// its counts per (group, level). The binder refuses what this does not compute (PL2285).
/// </summary>
public sealed partial class StudyRun
{
    private DescribeVariable? EngineDescribeRow(Variable variable, DescribeOptions options, List<DescribeColumn> columns)
    {
        int[] all = Enumerable.Range(0, columns.Count - (columns.Count > 1 ? 1 : 0)).ToArray();
        switch (variable)
        {
            case ContinuousVariable or CountVariable:
                return EngineDescribeNumbers(variable, options, columns, all);
            case BinaryVariable b:
                (long[][] binary, long[] binaryMissing) = EngineLevels(b);
                return new DescribeVariable(b.Name, b.Label, b.Unit, b.KindName, null,
                    Counts: EngineCountLevel(binary, binaryMissing, 1, columns, all, options.PercentCi));
            case CategoricalVariable c:
                (long[][] table, long[] missing) = EngineLevels(c);
                var levels = new LevelCounts[c.Levels.Count];
                for (int level = 0; level < levels.Length; level++)
                {
                    string label = c.LevelLabels[level];
                    levels[level] = new LevelCounts(c.Levels[level], EngineCountLevel(table, missing, level, columns, all, options.PercentCi),
                        string.Equals(label, c.Levels[level], StringComparison.Ordinal) ? null : label);
                }

                return new DescribeVariable(c.Name, c.Label, c.Unit, c.KindName, null, Levels: levels);
            default:
                return null;
        }
    }

    private DescribeVariable EngineDescribeNumbers(Variable variable, DescribeOptions options, List<DescribeColumn> columns, int[] all)
    {
        IReadOnlyList<DescribeStatistic> shown = options.ContinuousStatistics(variable is ContinuousVariable { Summary: Summary.GeometricMean });
        if (options.QuantileType != 7 || shown.Contains(DescribeStatistic.GeometricMean))
        {
            throw new InvalidOperationException("Bug: the binder refuses quantile types other than 7 and geometric means in an engine run (PL2285).");
        }

        NumberCounts counts = EngineNumbers(variable);
        bool se = shown.Contains(DescribeStatistic.MeanSe);
        var cells = new ContinuousCell[columns.Count];
        for (int col = 0; col < columns.Count; col++)
        {
            // The last column is everyone (the overall one); with a single column it is the one group.
            int[] groups = col == columns.Count - 1 ? all : [col];
            CountedValues sample = counts.Pool(groups);
            int missing = checked((int)groups.Sum(g => counts.Missing[g]));
            ContinuousSummary s = sample.Summarize(missing);
            var cell = new ContinuousCell(columns[col].Name, s.N, s.Missing, s.Mean, s.StandardDeviation, s.Median, s.Q1, s.Q3, s.Min, s.Max);
            if (se)
            {
                // Descriptives.StandardError: sd / sqrt(n), NaN below two values.
                cell = cell with { Se = Defined(s.N < 2 ? double.NaN : s.StandardDeviation / Math.Sqrt(s.N)) };
            }

            cells[col] = cell;
        }

        string? summary = variable is ContinuousVariable c ? SummaryName(c.Summary) : null;
        return new DescribeVariable(variable.Name, variable.Label, variable.Unit, variable.KindName, summary, Continuous: cells,
            Statistics: shown.Select(DescribeOptions.Name).ToArray());
    }

    /// <summary>Per column: the subjects at <paramref name="level"/>, the non-missing and the missing ones, as <see cref="CountLevel"/>.</summary>
    private static CountCell[] EngineCountLevel(long[][] table, long[] missingByGroup, int level, List<DescribeColumn> columns, int[] all, bool percentCi)
    {
        var cells = new CountCell[columns.Count];
        for (int col = 0; col < columns.Count; col++)
        {
            int[] groups = col == columns.Count - 1 ? all : [col];
            int count = checked((int)groups.Sum(g => table[g][level]));
            int nonMissing = checked((int)groups.Sum(g => table[g].Sum()));
            int missing = checked((int)groups.Sum(g => missingByGroup[g]));
            cells[col] = new CountCell(columns[col].Name, count, nonMissing, missing, Percent(count, nonMissing));
            if (percentCi && nonMissing > 0)
            {
                ProportionInterval wilson = Proportions.Wilson(count, nonMissing);
                cells[col] = cells[col] with { PercentLow = 100 * wilson.Lower, PercentHigh = 100 * wilson.Upper };
            }
        }

        return cells;
    }
}
