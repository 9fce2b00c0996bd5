using System;
using System.Collections.Generic;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>The per-group summary shown beside a test: the one that matches what the test compares.</summary>
internal static class GroupSummaries
{
    public static GroupSummary Of(Variable variable, TestKind test, int group, Cohort cohort) => Of(variable, null, test, group, cohort);

    /// <summary>As above, reading a numeric variable's values (and, for a median and quartiles, its sorted values) from <paramref name="grouped"/>.</summary>
    public static GroupSummary Of(Variable variable, GroupedNumbers? grouped, TestKind test, int group, Cohort cohort)
    {
        string name = cohort.GroupNames[group];
        string label = cohort.GroupLabels[group];
        int[] codes = cohort.GroupCodeArray;
        switch (variable)
        {
            case ContinuousVariable or CountVariable when grouped is not null && !MeanSummary(variable, test):
                // The median and quartiles of the group's finite values, as Descriptives.Summarize takes them from its sort.
                ReadOnlySpan<double> sorted = grouped.SortedFinite(group);
                return new GroupSummary(name, label, sorted.Length, grouped.Missing(group), "median_q1_q3",
                    Median: Defined(Descriptives.Median(sorted)), Q1: Defined(Quantiles.Type7(sorted, 0.25)), Q3: Defined(Quantiles.Type7(sorted, 0.75)));
            case ContinuousVariable or CountVariable:
                double[] values = grouped?.Values(group) ?? NonMissing(Numbers(variable), codes, group);
                ContinuousSummary s = Descriptives.Summarize(values);
                int missing = grouped?.Missing(group) ?? MissingCount(variable, group, codes);
                if (variable is ContinuousVariable { Summary: Summary.GeometricMean })
                {
                    GeometricMeanResult g = Descriptives.GeometricMean(values);
                    return new GroupSummary(name, label, s.N, missing, "geometric_mean_ci",
                        GeometricMean: Defined(g.Estimate), GeometricMeanLow: Defined(g.Lower), GeometricMeanHigh: Defined(g.Upper));
                }

                return MeanSummary(variable, test)
                    ? new GroupSummary(name, label, s.N, missing, "mean_sd", Mean: Defined(s.Mean), Sd: Defined(s.StandardDeviation))
                    : new GroupSummary(name, label, s.N, missing, "median_q1_q3", Median: Defined(s.Median), Q1: Defined(s.Q1), Q3: Defined(s.Q3));
            case BinaryVariable b:
                int count = 0;
                int n = 0;
                for (int i = 0; i < codes.Length; i++)
                {
                    if (codes[i] == group && b.CodeArray[i] >= 0)
                    {
                        n++;
                        count += b.CodeArray[i];
                    }
                }

                return new GroupSummary(name, label, n, MissingCount(variable, group, codes), "count_percent",
                    Count: count, Percent: Defined(StudyRun.Percent(count, n)));
            default:
                int total = 0;
                for (int i = 0; i < codes.Length; i++)
                {
                    total += codes[i] == group ? 1 : 0;
                }

                int absent = MissingCount(variable, group, codes);
                return new GroupSummary(name, label, total - absent, absent, "n");
        }
    }

    /// <summary>A geometric mean (from the values in subject order) or a mean and SD; otherwise the median and quartiles.</summary>
    internal static bool MeanSummary(Variable variable, TestKind test) =>
        variable is ContinuousVariable { Summary: Summary.GeometricMean }
        || test is TestKind.TTest or TestKind.Welch or TestKind.Anova or TestKind.WelchAnova or TestKind.Bartlett or TestKind.Levene or TestKind.Tukey;

    public static double[] Numbers(Variable variable) => variable switch
    {
        ContinuousVariable c => c.ValueArray,
        CountVariable c => c.ValueArray,
        _ => throw new InvalidOperationException($"Bug: '{variable.Name}' is not numeric."),
    };

    /// <summary>The non-missing values of one group.</summary>
    public static double[] NonMissing(double[] values, int[] codes, int group)
    {
        var selected = new List<double>();
        for (int i = 0; i < values.Length; i++)
        {
            if (codes[i] == group && !double.IsNaN(values[i]))
            {
                selected.Add(values[i]);
            }
        }

        return selected.ToArray();
    }

    public static int MissingCount(Variable variable, int group, int[] codes)
    {
        int missing = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] != group)
            {
                continue;
            }

            missing += variable switch
            {
                ContinuousVariable c => double.IsNaN(c.ValueArray[i]) ? 1 : 0,
                CountVariable c => double.IsNaN(c.ValueArray[i]) ? 1 : 0,
                BinaryVariable b => b.CodeArray[i] < 0 ? 1 : 0,
                CategoricalVariable c => c.CodeArray[i] < 0 ? 1 : 0,
                TimeToEventVariable t => double.IsNaN(t.TimeArray[i]) || t.EventArray[i] < 0 ? 1 : 0,
                _ => 0,
            };
        }

        return missing;
    }

    private static double? Defined(double value) => double.IsNaN(value) ? null : value;
}
