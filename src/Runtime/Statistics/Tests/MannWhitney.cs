using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Wilcoxon rank-sum test (Mann-Whitney U) for two independent samples.</summary>
public static partial class MannWhitney
{
    private const string Statistic = "W";

    /// <summary>
    /// Two-sided rank-sum test of <paramref name="x"/> against <paramref name="y"/> by the
    /// tie-corrected normal approximation. Sorts the pooled sample once: O(n log n).
    /// </summary>
    /// <remarks>
    /// W is the sum of the ranks of x in the pooled sample (ties get their average rank) minus
    /// n1 (n1 + 1) / 2, i.e. the number of pairs (x, y) with x &gt; y, ties counting one half.
    /// Under H0, E[W] = n1 n2 / 2 and Var[W] = n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1)))
    /// over tie groups of size t (Hollander &amp; Wolfe 1999, Nonparametric Statistical Methods,
    /// 2nd ed., section 4.1, eq. 4.11 and the tie correction 4.12). z = (W - E[W] - c) / sd[W] with
    /// the continuity correction c = 0.5 sign(W - E[W]); p = 2 min(Phi(z), 1 - Phi(z)).
    /// R: <c>wilcox.test(x, y, exact = FALSE, correct = TRUE)</c> (src/library/stats/R/wilcox.test.R).
    /// </remarks>
    public static TestResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool continuityCorrection = true)
    {
        var warnings = new List<string>();
        double[] xs = Samples.Finite(x, "x", warnings);
        double[] ys = Samples.Finite(y, "y", warnings);
        RankSum rankSum = RankSum.FromSamples(xs, ys);
        return FromRankSum(rankSum, continuityCorrection, warnings);
    }

    /// <summary>
    /// The same test of two samples already sorted ascending and finite (the caller has noted what it left
    /// out in <paramref name="warnings"/>, as <see cref="Samples.Warn"/>): one merge instead of a sort.
    /// </summary>
    internal static TestResult TestSorted(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool continuityCorrection, List<string> warnings) =>
        FromRankSum(RankSum.FromSorted(x, y), continuityCorrection, warnings);

    /// <summary>
    /// The same test from value counts instead of raw values: element i of each span counts the
    /// observations of that group equal to the i-th smallest distinct value in the pooled data
    /// (as a database returns from <c>GROUP BY value, group ORDER BY value</c>). O(number of
    /// distinct values).
    /// </summary>
    public static TestResult TestFromOrderedCounts(ReadOnlySpan<int> countsX, ReadOnlySpan<int> countsY, bool continuityCorrection = true)
    {
        var warnings = new List<string>();
        RankSum rankSum = RankSum.FromOrderedCounts(countsX, countsY);
        return FromRankSum(rankSum, continuityCorrection, warnings);
    }

    private static TestResult FromRankSum(RankSum r, bool continuityCorrection, List<string> warnings)
    {
        string method = continuityCorrection
            ? "Wilcoxon rank-sum (Mann-Whitney U), normal approximation with continuity correction"
            : "Wilcoxon rank-sum (Mann-Whitney U), normal approximation";
        if (r.NX < 1 || r.NY < 1)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Mann-Whitney test needs at least 1 observation per group; group sizes {r.NX} and {r.NY}"));
            return TestResult.Undefined(method, Statistic, warnings);
        }

        double n1 = r.NX, n2 = r.NY, n = n1 + n2;
        double w = r.W;
        double z = w - (n1 * n2 / 2);
        double sigma = Math.Sqrt(n1 * n2 / 12 * ((n + 1) - (r.TieTerm / (n * (n - 1)))));
        if (!(sigma > 0))
        {
            warnings.Add("Mann-Whitney test is undefined: all values are identical");
            return new TestResult(method, Statistic, w, null, double.NaN, null, null, null, null, warnings);
        }

        double correction = continuityCorrection ? 0.5 * Math.Sign(z) : 0;
        double standardized = (z - correction) / sigma;
        double p = 2 * Normal.CDF(0, 1, -Math.Abs(standardized));
        return new TestResult(method, Statistic, w, null, Math.Min(1, p), null, null, null, null, warnings);
    }
}
