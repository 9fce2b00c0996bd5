using System;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Harrell's concordance of a Cox model's linear predictor, as R's <c>concordance(fit)</c>.</summary>
/// <remarks>
/// <para>A pair (i, j) is comparable when, in the same stratum, i has an event at t_i and j is
/// still at risk: t_j &gt; t_i, or t_j = t_i with j censored (two events at the same time are
/// tied in time and not counted). The pair is concordant when the subject with the earlier event
/// has the higher risk score x'β, discordant when lower, tied when equal.
/// C = (concordant + tied/2) / (concordant + discordant + tied) (Harrell et al. 1982, JAMA
/// 247:2543-6; Therneau &amp; Atkinson, "Concordance", vignette of R survival 3.x, with
/// timewt = "n").</para>
/// <para>Within each stratum, subjects are visited from the latest time back; those at risk are
/// kept in a Fenwick tree over the ranks of x'β, so each event counts its lower, equal and
/// higher scores in O(log n): O(n log n) in all.</para>
/// </remarks>
internal static class CoxConcordance
{
    public static double Harrell(CoxRiskSets data, double[] beta)
    {
        int n = data.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        double[] eta = data.LinearPredictor(beta);
        double[] distinct = eta.Distinct().Order().ToArray();
        int[] rank = eta.Select(e => Array.BinarySearch(distinct, e)).ToArray();
        var tree = new long[distinct.Length + 1];
        ReadOnlySpan<double> time = data.SortedTime;
        ReadOnlySpan<bool> isEvent = data.SortedEvent;
        ReadOnlySpan<bool> last = data.LastInStratum;
        double concordant = 0;
        double discordant = 0;
        double tied = 0;
        long atRisk = 0;
        for (int k = n - 1; k >= 0;)
        {
            if (last[k])
            {
                Array.Clear(tree);
                atRisk = 0;
            }

            int start = k;
            while (start > 0 && time[start - 1] == time[k] && !last[start - 1])
            {
                start--;
            }

            for (int m = start; m <= k; m++)
            {
                if (!isEvent[m])
                {
                    Add(tree, rank[m]);
                    atRisk++;
                }
            }

            for (int m = start; m <= k; m++)
            {
                if (isEvent[m])
                {
                    long below = Prefix(tree, rank[m] - 1);
                    long equal = Prefix(tree, rank[m]) - below;
                    concordant += below;
                    tied += equal;
                    discordant += atRisk - below - equal;
                }
            }

            for (int m = start; m <= k; m++)
            {
                if (isEvent[m])
                {
                    Add(tree, rank[m]);
                    atRisk++;
                }
            }

            k = start - 1;
        }

        double total = concordant + discordant + tied;
        return total == 0 ? double.NaN : (concordant + (tied / 2)) / total;
    }

    private static void Add(long[] tree, int rank)
    {
        for (int i = rank + 1; i < tree.Length; i += i & -i)
        {
            tree[i]++;
        }
    }

    /// <summary>How many at-risk scores have rank ≤ <paramref name="rank"/>.</summary>
    private static long Prefix(long[] tree, int rank)
    {
        long sum = 0;
        for (int i = rank + 1; i > 0; i -= i & -i)
        {
            sum += tree[i];
        }

        return sum;
    }
}
