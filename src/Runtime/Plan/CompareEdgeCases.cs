using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Data that make a numeric comparison degenerate, said in the study's words before the kernel
/// runs: a group with too few values for the test, and an outcome with no variation. The kernel
/// then returns its defined result (NaN where R stops with an error) and the row is "not_computed".
/// </summary>
internal static class CompareEdgeCases
{
    public static IEnumerable<WarningResult> Check(Variable variable, TestKind test, int[] set, Cohort cohort) => Check(variable, null, test, set, cohort);

    /// <summary>As above, reading the groups' values from <paramref name="grouped"/> when given.</summary>
    public static IEnumerable<WarningResult> Check(Variable variable, GroupedNumbers? grouped, TestKind test, int[] set, Cohort cohort)
    {
        if (variable is not (ContinuousVariable or CountVariable) || test is TestKind.Fisher or TestKind.ChiSquare)
        {
            yield break;
        }

        double[][] samples = grouped is not null ? set.Select(grouped.Values).ToArray()
            : set.Select(g => GroupSummaries.NonMissing(GroupSummaries.Numbers(variable), cohort.GroupCodeArray, g)).ToArray();
        foreach (WarningResult warning in Check(variable, test, set, cohort, samples.Select(s => s.Length).ToArray(), () => SameValue(samples),
            () => samples.All(s => s.Length > 0 && s.All(v => v == s[0]))))
        {
            yield return warning;
        }
    }

    /// <summary>
    /// As above, from the compared groups' value counts (an engine run): sizes are the counts' sums, every compared
    /// value is the same when there is one distinct value among at least two, and a group is constant when it has one.
    /// </summary>
    public static IEnumerable<WarningResult> Check(Variable variable, TestKind test, int[] set, Cohort cohort, IReadOnlyList<CountedValues> samples)
    {
        if (test is TestKind.Fisher or TestKind.ChiSquare)
        {
            return [];
        }

        double? Same()
        {
            var distinct = samples.SelectMany(s => s.Values.ToArray()).Distinct().ToArray();
            return distinct.Length == 1 && samples.Sum(s => s.N) > 1 ? distinct[0] : null;
        }

        return Check(variable, test, set, cohort, samples.Select(s => s.N).ToArray(), Same, () => samples.All(s => s.N > 0 && s.Values.Length == 1));
    }

    private static IEnumerable<WarningResult> Check(Variable variable, TestKind test, int[] set, Cohort cohort, int[] sizes, System.Func<double?> sameValue,
        System.Func<bool> constantWithin)
    {
        int needed = test is TestKind.TTest or TestKind.Welch or TestKind.Anova or TestKind.WelchAnova or TestKind.Bartlett or TestKind.Levene or TestKind.Tukey ? 2 : 1;
        string name = CompareMethod.TestName(test);
        for (int i = 0; i < set.Length; i++)
        {
            if (sizes[i] < needed)
            {
                yield return StatisticsWarnings.Warning(StatisticsWarnings.TooFewValues, string.Create(CultureInfo.InvariantCulture,
                    $"group '{cohort.GroupNames[set[i]]}' has {sizes[i]} non-missing value(s) of '{variable.Name}'; {name} needs at least {needed} per group{(test == TestKind.TTest && sizes[i] == 1 ? " (Student's test then takes the variance from the other group alone)" : string.Empty)}"));
            }
        }

        if (sameValue() is { } first)
        {
            yield return StatisticsWarnings.Warning(StatisticsWarnings.NoVariation, string.Create(CultureInfo.InvariantCulture,
                $"'{variable.Name}' has the same value ({first.ToString("R", CultureInfo.InvariantCulture)}) in every compared subject; {name} cannot compare groups without variation"));
        }
        else if (test is TestKind.TTest or TestKind.Welch or TestKind.Anova or TestKind.WelchAnova or TestKind.Bartlett or TestKind.Levene or TestKind.Tukey
            && constantWithin())
        {
            yield return StatisticsWarnings.Warning(StatisticsWarnings.NoVariation, string.Create(CultureInfo.InvariantCulture,
                $"'{variable.Name}' is constant within every compared group (zero variance); {name} is undefined"));
        }
    }

    /// <summary>The first value when there are at least two values and all equal it (==, so -0 equals +0); otherwise null.</summary>
    private static double? SameValue(double[][] samples)
    {
        double? first = null;
        int count = 0;
        foreach (double[] sample in samples)
        {
            foreach (double v in sample)
            {
                first ??= v;
                if (v != first.Value)
                {
                    return null;
                }

                count++;
            }
        }

        return count > 1 ? first : null;
    }
}
