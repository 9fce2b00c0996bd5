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

        int needed = test is TestKind.TTest or TestKind.Welch or TestKind.Anova or TestKind.WelchAnova or TestKind.Bartlett or TestKind.Levene or TestKind.Tukey ? 2 : 1;
        double[][] samples = grouped is not null ? set.Select(grouped.Values).ToArray()
            : set.Select(g => GroupSummaries.NonMissing(GroupSummaries.Numbers(variable), cohort.GroupCodeArray, g)).ToArray();
        string name = CompareMethod.TestName(test);
        for (int i = 0; i < set.Length; i++)
        {
            if (samples[i].Length < needed)
            {
                yield return StatisticsWarnings.Warning(StatisticsWarnings.TooFewValues, string.Create(CultureInfo.InvariantCulture,
                    $"group '{cohort.GroupNames[set[i]]}' has {samples[i].Length} non-missing value(s) of '{variable.Name}'; {name} needs at least {needed} per group{(test == TestKind.TTest && samples[i].Length == 1 ? " (Student's test then takes the variance from the other group alone)" : string.Empty)}"));
            }
        }

        if (SameValue(samples) is { } first)
        {
            yield return StatisticsWarnings.Warning(StatisticsWarnings.NoVariation, string.Create(CultureInfo.InvariantCulture,
                $"'{variable.Name}' has the same value ({first.ToString("R", CultureInfo.InvariantCulture)}) in every compared subject; {name} cannot compare groups without variation"));
        }
        else if (test is TestKind.TTest or TestKind.Welch or TestKind.Anova or TestKind.WelchAnova or TestKind.Bartlett or TestKind.Levene or TestKind.Tukey
            && samples.All(s => s.Length > 0 && s.All(v => v == s[0])))
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
