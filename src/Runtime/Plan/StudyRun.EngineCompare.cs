using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// <c>compare</c> in a <c>compute in engine</c> run: one value-count query per variable, and every row of the in-memory
/// comparison from it — group summaries, edge cases, the box plot and the test: Mann-Whitney (with the Hodges-Lehmann
/// shift and CI) and Kruskal-Wallis from the counts, Student's and Welch's t from the moments the counts give, Fisher and
/// chi-square from the counts per (group, level). The binder refuses the tests this does not compute (PL2284).
/// </summary>
public sealed partial class StudyRun
{
    /// <summary>A compared variable's statistics from the engine: value counts of a number, or counts per (group, level).</summary>
    private sealed record EngineSample(NumberCounts? Numbers, long[][]? Levels, long[] Missing);

    private void EngineCompare(ScopedAnalysis analysis, Variable[] variables, Pairing pairing, TestKind test, AdjustMethod adjust, TestOptions options,
        string method, AdjustmentResult adjustment)
    {
        Cohort cohort = analysis.Cohort;
        IReadOnlyList<int[]> sets = CompareMethod.GroupSets(pairing, cohort);
        var warnings = new List<WarningResult>(NotFiniteWarnings(variables));
        var rows = new List<ComparisonRow>();
        var samples = variables.Select(EngineSampleOf).ToArray();

        // The box plots first, as in memory (their figures come before the rows' in results.json).
        for (int v = 0; v < variables.Length; v++)
        {
            if (variables[v] is ContinuousVariable continuous && samples[v].Numbers is { } numbers)
            {
                RecordEngineBox(analysis, continuous, numbers);
            }
        }

        for (int v = 0; v < variables.Length; v++)
        {
            Variable variable = variables[v];
            EngineSample sample = samples[v];
            var family = sets.Select(set => EngineCompareGroups(variable, sample, set, test, options, cohort)).ToList();
            rows.AddRange(AdjustFamily(variable, family, adjust, warnings));
            WarnMissing(variable, g => checked((int)sample.Missing[g]), sets, cohort, warnings);
        }

        RecordComparisons(analysis, test, pairing, options, method, adjustment, warnings, rows);
    }

    private EngineSample EngineSampleOf(Variable variable)
    {
        if (variable is ContinuousVariable or CountVariable)
        {
            NumberCounts numbers = EngineNumbers(variable);
            return new EngineSample(numbers, null, numbers.Missing);
        }

        (long[][] levels, long[] missing) = EngineLevels(variable);
        return new EngineSample(null, levels, missing);
    }

    private static ComparisonRow EngineCompareGroups(Variable variable, EngineSample sample, int[] set, TestKind test, TestOptions options, Cohort cohort)
    {
        GroupSummary[] summaries = set.Select(g => EngineSummary(variable, sample, test, g, cohort)).ToArray();
        return CompareGroups(variable, set, test, cohort, summaries,
            () => sample.Numbers is { } numbers ? CompareEdgeCases.Check(variable, test, set, cohort, set.Select(numbers.Of).ToArray()) : [],
            () => EngineRunTest(variable, sample, test, set, options));
    }

    /// <summary>The group summary beside the test, as <see cref="GroupSummaries.Of(Variable, GroupedNumbers?, TestKind, int, Cohort)"/>.</summary>
    private static GroupSummary EngineSummary(Variable variable, EngineSample sample, TestKind test, int group, Cohort cohort)
    {
        string name = cohort.GroupNames[group];
        string label = cohort.GroupLabels[group];
        int missing = checked((int)sample.Missing[group]);
        if (sample.Numbers is { } numbers)
        {
            CountedValues s = numbers.Of(group);
            if (!GroupSummaries.MeanSummary(variable, test))
            {
                return new GroupSummary(name, label, s.N, missing, "median_q1_q3",
                    Median: Defined(s.Median()), Q1: Defined(s.Type7(0.25)), Q3: Defined(s.Type7(0.75)));
            }

            if (variable is ContinuousVariable { Summary: Summary.GeometricMean })
            {
                throw new InvalidOperationException("Bug: the binder refuses a geometric-mean summary in an engine run (PL2285).");
            }

            ContinuousSummary summary = s.Summarize(missing);
            return new GroupSummary(name, label, summary.N, missing, "mean_sd", Mean: Defined(summary.Mean), Sd: Defined(summary.StandardDeviation));
        }

        long[] levels = sample.Levels![group];
        int n = checked((int)levels.Sum());
        if (variable is BinaryVariable)
        {
            int count = checked((int)levels[1]);
            return new GroupSummary(name, label, n, missing, "count_percent", Count: count, Percent: Defined(Percent(count, n)));
        }

        return new GroupSummary(name, label, n, missing, "n");
    }

    private static TestResult EngineRunTest(Variable variable, EngineSample sample, TestKind test, int[] set, TestOptions options)
    {
        if (test is TestKind.Fisher or TestKind.ChiSquare)
        {
            int[,] table = EngineContingency(variable, sample.Levels!, set);
            if (test == TestKind.ChiSquare)
            {
                return ChiSquare.Test(table, yates: options.Correct);
            }

            return table.GetLength(0) == 2 && table.GetLength(1) == 2
                ? FisherExact.TwoByTwo(table[0, 0], table[0, 1], table[1, 0], table[1, 1])
                : FisherExact.RxC(table);
        }

        NumberCounts numbers = sample.Numbers!;
        return test switch
        {
            TestKind.MannWhitney => RankSumComparison.RunCounted(numbers.Of(set[0]), numbers.Of(set[1]), options),
            TestKind.KruskalWallis => KruskalWallis.TestFromOrderedCounts(set.Select(g => numbers.Counts[g]).ToArray()),
            TestKind.TTest => TTest.Student(numbers.Of(set[0]).Moments(), numbers.Of(set[1]).Moments()),
            TestKind.Welch => TTest.Welch(numbers.Of(set[0]).Moments(), numbers.Of(set[1]).Moments()),
            _ => throw new InvalidOperationException($"Bug: the binder refuses {CompareMethod.TestName(test)} in an engine run (PL2284)."),
        };
    }

    /// <summary>The groups × levels table of <see cref="Contingency"/>: rows in the order of <paramref name="set"/>; true then false for a yes/no variable.</summary>
    private static int[,] EngineContingency(Variable variable, long[][] levels, int[] set)
    {
        int columns = levels[0].Length;
        var table = new int[set.Length, columns];
        for (int r = 0; r < set.Length; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                // Binary levels are 0 = false, 1 = true; column 0 holds "true".
                table[r, c] = checked((int)levels[set[r]][variable is BinaryVariable ? 1 - c : c]);
            }
        }

        return table;
    }

    /// <summary>The box plot of a compared number, from its value counts (<see cref="CountedValues.Box"/>), as <see cref="RecordBoxFigures"/> draws it.</summary>
    private void RecordEngineBox(ScopedAnalysis analysis, ContinuousVariable variable, NumberCounts numbers)
    {
        string id = ScopePrefix(analysis) + "box-" + FigureId(variable.Name);
        if (HasFigure(id))
        {
            return;
        }

        Cohort cohort = variable.Cohort;
        CountedValues[] samples = Enumerable.Range(0, cohort.GroupNames.Count).Select(numbers.Of).ToArray();
        bool withValues = samples.Sum(s => (long)s.N) <= BoxGroup.MaxValues;
        var groups = new List<BoxGroup>(samples.Length);
        for (int g = 0; g < samples.Length; g++)
        {
            BoxStatistics box = samples[g].Box(samples[g].N + checked((int)numbers.Missing[g]));
            groups.Add(BoxGroupOf(cohort, g, box, withValues ? samples[g].Expand() : null));
        }

        AddFigure(new FigureResult(id, "box", variable.Name, variable.Label, variable.Unit, Box: new BoxFigure(groups)) { Analysis = ScopedAnalysisId(analysis) });
    }
}
