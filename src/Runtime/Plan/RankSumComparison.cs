using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// <c>compare ... using mann_whitney</c>: the rank-sum test and the Hodges-Lehmann shift with its
/// 95% CI, chosen as R's <c>wilcox.test(x, y, exact = , correct = , conf.int = TRUE)</c> chooses;
/// with <c>no_conf_int</c> the test alone, as <c>wilcox.test</c> without <c>conf.int</c> (R's default),
/// so the shift's root search (most of the time on large samples) is skipped.
/// </summary>
internal static class RankSumComparison
{
    /// <summary>R: <c>exact &lt;- (n.x &lt; 50) &amp;&amp; (n.y &lt; 50)</c> when <c>exact</c> is NULL.</summary>
    private const int ExactBelow = 50;

    /// <summary>
    /// The rank test of groups <paramref name="set"/> of <paramref name="grouped"/>: a Mann-Whitney (two groups)
    /// or Kruskal-Wallis test by merging the groups' sorted finite values, which the group summaries and the box
    /// plot share. The same numbers as the kernels' own sort; the exact test and the Hodges-Lehmann shift take the values.
    /// </summary>
    public static TestResult RunSorted(GroupedNumbers grouped, int[] set, TestKind test, TestOptions options)
    {
        var warnings = new List<string>();
        double[] Finite(int g, string name)
        {
            ReadOnlySpan<double> finite = grouped.SortedFinite(set[g]);
            Samples.Warn(0, grouped.Values(set[g]).Length - finite.Length, name, warnings);
            return finite.Length == grouped.Sorted(set[g]).Length ? grouped.Sorted(set[g]) : finite.ToArray();
        }

        if (test == TestKind.KruskalWallis)
        {
            double[][] groups = set.Select((_, g) => Finite(g, string.Create(CultureInfo.InvariantCulture, $"group {g + 1}"))).ToArray();
            return KruskalWallis.TestSorted(groups, warnings);
        }

        if (ExactTest(options, grouped.Values(set[0]).Length, grouped.Values(set[1]).Length) || options.ConfInt)
        {
            return Run(grouped.Values(set[0]), grouped.Values(set[1]), options);
        }

        double[] x = Finite(0, "x");
        double[] y = Finite(1, "y");
        return MannWhitney.TestSorted(x, y, options.Correct, warnings);
    }

    private static bool ExactTest(TestOptions options, int nx, int ny) => options.Exact switch
    {
        ExactMode.Exact => true,
        ExactMode.Approximate => false,
        _ => nx < ExactBelow && ny < ExactBelow,
    };

    public static TestResult Run(double[] x, double[] y, TestOptions options)
    {
        bool exact = ExactTest(options, x.Length, y.Length);
        TestResult test = exact ? MannWhitney.Exact(x, y, options.Correct) : MannWhitney.Test(x, y, options.Correct);
        if (!options.ConfInt)
        {
            return test;
        }

        bool? exactArgument = options.Exact switch
        {
            ExactMode.Exact => true,
            ExactMode.Approximate => false,
            _ => null,
        };
        return WithShift(test, HodgesLehmann.Shift(x, y, exactArgument, options.Correct), x.Length, y.Length);
    }

    /// <summary>
    /// The same test and shift from the two groups' value counts (an engine run): the path R would take for these sizes
    /// and ties, and the Hodges-Lehmann shift and CI computed over the distinct values with their multiplicities
    /// (<see cref="HodgesLehmann.Shift(CountedValues, CountedValues, bool?, bool)"/>).
    /// </summary>
    public static TestResult RunCounted(CountedValues x, CountedValues y, TestOptions options)
    {
        TestResult test = MannWhitney.FromCounts(x, y, ExactTest(options, x.N, y.N), options.Correct);
        if (!options.ConfInt)
        {
            return test;
        }

        bool? exactArgument = options.Exact switch
        {
            ExactMode.Exact => true,
            ExactMode.Approximate => false,
            _ => null,
        };
        return WithShift(test, HodgesLehmann.Shift(x, y, exactArgument, options.Correct), x.N, y.N);
    }

    private static TestResult WithShift(TestResult test, HodgesLehmannResult shift, int nx, int ny)
    {
        var warnings = test.Warnings.Concat(shift.Warnings.Where(w => !test.Warnings.Contains(w, StringComparer.Ordinal))).ToList();
        if (shift.ConfidenceLevel < 0.95 && !double.IsNaN(shift.Estimate))
        {
            // Small exact samples cannot reach 95%: say which level the interval has (R: attr(conf.int, "conf.level")),
            // in place of the kernel's bare "requested confidence level not achievable".
            warnings.RemoveAll(w => w.StartsWith("requested confidence level not achievable", StringComparison.Ordinal));
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the Hodges-Lehmann interval is a {100 * shift.ConfidenceLevel:0.#}% interval, not 95%: the exact distribution of groups of {nx} and {ny} cannot reach 95%"));
        }
        bool defined = !double.IsNaN(shift.Estimate);
        return test with
        {
            Method = test.Method + "; " + shift.Method,
            EstimateName = "location shift (Hodges-Lehmann)",
            Estimate = defined ? shift.Estimate : null,
            ConfidenceLow = defined && !double.IsNaN(shift.Low) ? shift.Low : null,
            ConfidenceHigh = defined && !double.IsNaN(shift.High) ? shift.High : null,
            Warnings = warnings,
            ConfidenceLevel = shift.ConfidenceLevel,
        };
    }
}
