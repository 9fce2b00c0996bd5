using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Exact null distribution of the Mann-Whitney statistic.</summary>
public static partial class MannWhitney
{
    /// <summary>Above this many steps (min(n1, n2) * n1 * n2 * N / 2) the exact distribution is not built.</summary>
    private const double ExactWorkLimit = 2e8;

    /// <summary>
    /// Two-sided rank-sum test with the exact p-value of W, as R's default for n1, n2 &lt; 50
    /// without ties. With ties, or samples too large to enumerate, falls back to the normal
    /// approximation with continuity correction and says so in the warnings.
    /// </summary>
    /// <remarks>
    /// Under H0 every choice of n1 of the N = n1 + n2 ranks for x is equally likely, so
    /// P(W = u) = #(subsets of size n1 whose rank sum minus n1 (n1 + 1) / 2 is u) / C(N, n1)
    /// (Hollander &amp; Wolfe 1999, section 4.1, Table A.6). The counts come from a subset-sum
    /// recursion over the ranks that only adds non-negative numbers: O(N * m * n1 * n2) time for
    /// m = min(n1, n2), O(m * n1 * n2) memory. Two-sided p: twice the smaller tail, capped at 1,
    /// with the tail chosen by which side of n1 n2 / 2 the observed W lies on.
    /// R: <c>wilcox.test(x, y, exact = TRUE)</c>, which uses <c>pwilcox</c>.
    /// </remarks>
    /// <param name="x">First sample.</param>
    /// <param name="y">Second sample.</param>
    /// <param name="continuityCorrection">Used only by the normal-approximation fallback (ties or
    /// samples too large), as R's <c>correct</c> argument is.</param>
    public static TestResult Exact(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool continuityCorrection = true)
    {
        var warnings = new List<string>();
        double[] xs = Samples.Finite(x, "x", warnings);
        double[] ys = Samples.Finite(y, "y", warnings);
        RankSum r = RankSum.FromSamples(xs, ys);
        if (r.NX < 1 || r.NY < 1 || r.HasTies)
        {
            if (r.HasTies)
            {
                warnings.Add(continuityCorrection
                    ? "cannot compute an exact p-value with ties; normal approximation with continuity correction used"
                    : "cannot compute an exact p-value with ties; normal approximation used");
            }

            return FromRankSum(r, continuityCorrection, warnings);
        }

        double m = Math.Min(r.NX, r.NY);
        if (m * r.NX * r.NY * (r.NX + r.NY) / 2 > ExactWorkLimit)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"samples of {r.NX} and {r.NY} are too large for the exact distribution; normal approximation used"));
            return FromRankSum(r, continuityCorrection, warnings);
        }

        double[] counts = NullCounts(r.NX, r.NY);
        double total = 0;
        foreach (double count in counts)
        {
            total += count;
        }

        int w = (int)r.W;
        double tail = 0;
        if (w > r.NX * (double)r.NY / 2)
        {
            for (int u = w; u < counts.Length; u++)
            {
                tail += counts[u];
            }
        }
        else
        {
            for (int u = 0; u <= w; u++)
            {
                tail += counts[u];
            }
        }

        double p = Math.Min(1, 2 * tail / total);
        return new TestResult("Wilcoxon rank-sum (Mann-Whitney U), exact", Statistic, r.W, null, p, null, null, null, null, warnings);
    }

    /// <summary>
    /// Number of ways each value u = 0..n1 n2 of W arises. W's distribution is the same for
    /// (n1, n2) and (n2, n1), so subsets are taken of the smaller group.
    /// </summary>
    internal static double[] NullCounts(int n1, int n2)
    {
        int m = Math.Min(n1, n2);
        int n = n1 + n2;
        int maxU = n1 * n2;

        // ways[s][u]: subsets of size s of the ranks seen so far with rank sum - s(s+1)/2 = u.
        // Adding rank j to a subset of size s - 1 raises that quantity by j - s.
        var ways = new double[m + 1][];
        for (int s = 0; s <= m; s++)
        {
            ways[s] = new double[maxU + 1];
        }

        ways[0][0] = 1;
        for (int j = 1; j <= n; j++)
        {
            for (int s = Math.Min(j, m); s >= 1; s--)
            {
                int shift = j - s;
                double[] from = ways[s - 1];
                double[] to = ways[s];
                int limit = Math.Min(maxU - shift, (s - 1) * (j - s));
                for (int u = 0; u <= limit; u++)
                {
                    to[u + shift] += from[u];
                }
            }
        }

        return ways[m];
    }
}
