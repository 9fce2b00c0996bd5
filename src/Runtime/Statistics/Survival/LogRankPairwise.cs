using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Survival;

/// <summary>One pair's G-rho test, with its p-value adjusted over all pairs.</summary>
public sealed record PairwiseLogRank(int GroupA, int GroupB, LogRankResult Test, double AdjustedPValue);

public static class LogRankPairwise
{
    /// <summary>
    /// Every pair of groups tested on its own subjects (strata kept), p-values adjusted together with
    /// <see cref="PAdjust"/>. R equivalent: <c>survdiff</c> on each two-group subset, then
    /// <c>p.adjust(p, method)</c> (as <c>survminer::pairwise_survdiff</c>). Pairs with no p-value are
    /// left out of the adjustment (their adjusted p is NaN).
    /// </summary>
    public static IReadOnlyList<PairwiseLogRank> Test(SurvivalCounts counts, double rho, AdjustMethod adjust)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var pairs = new List<(int A, int B, LogRankResult Test)>();
        for (int a = 0; a < counts.GroupCount; a++)
        {
            for (int b = a + 1; b < counts.GroupCount; b++)
            {
                pairs.Add((a, b, LogRank.Test(Subset(counts, a, b), rho)));
            }
        }

        var defined = new List<double>();
        foreach (var pair in pairs)
        {
            if (!double.IsNaN(pair.Test.PValue))
            {
                defined.Add(pair.Test.PValue);
            }
        }

        double[] adjusted = PAdjust.Adjust(defined.ToArray(), adjust);
        var result = new List<PairwiseLogRank>(pairs.Count);
        int next = 0;
        foreach (var pair in pairs)
        {
            double p = double.IsNaN(pair.Test.PValue) ? double.NaN : adjusted[next++];
            result.Add(new PairwiseLogRank(pair.A, pair.B, pair.Test, p));
        }

        return result;
    }

    private static SurvivalCounts Subset(SurvivalCounts counts, int a, int b)
    {
        var s = new List<int>();
        var g = new List<int>();
        var t = new List<double>();
        var e = new List<int>();
        var c = new List<int>();
        for (int r = 0; r < counts.Count; r++)
        {
            int group = counts.Group[r];
            if (group != a && group != b)
            {
                continue;
            }

            s.Add(counts.Stratum[r]);
            g.Add(group == a ? 0 : 1);
            t.Add(counts.Time[r]);
            e.Add(counts.Events[r]);
            c.Add(counts.Censored[r]);
        }

        return SurvivalCounts.FromCounts(2, counts.StrataCount, s.ToArray(), g.ToArray(), t.ToArray(), e.ToArray(), c.ToArray());
    }
}
