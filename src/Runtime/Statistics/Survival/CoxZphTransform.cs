using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The time scale g(t) on which <c>cox.zph</c> lets each coefficient vary: its <c>transform</c> argument.</summary>
public enum CoxZphTransform
{
    /// <summary><c>cox.zph(fit, transform = "km")</c> (R's default): 1 − KM(t−), the left-continuous pooled Kaplan-Meier.</summary>
    Km,

    /// <summary><c>transform = "rank"</c>: <c>rank(times)</c> of every analysed subject's time, censored included, ties averaged.</summary>
    Rank,

    /// <summary><c>transform = "identity"</c>: the time itself.</summary>
    Identity,

    /// <summary><c>transform = "log"</c>: log(t).</summary>
    Log,
}

/// <summary>
/// g(t) for each subject (in <see cref="CoxRiskSets"/> sorted order), centred as survival 3.x's <c>cox.zph</c> does:
/// <c>gtime &lt;- ttimes - mean(ttimes[event])</c>, the mean over the events only (all strata pooled).
/// </summary>
/// <remarks>
/// The transforms follow <c>cox.zph</c>'s <c>switch(transform, ...)</c> (survival 3.5-3); Therneau &amp; Grambsch
/// (2000, Modeling Survival Data, section 6.2) discuss the choice: km and rank are robust to a few long times,
/// identity and log follow the clock. The rank is over all n observation times, not only the event times:
/// ranking the events alone gives different tests (checked on lung: GLOBAL 7.47 against R's 4.71).
/// Cost: O(n log n) for the km and rank transforms (the sort by time), O(n) for identity and log.
/// </remarks>
internal static class CoxZphTimeScale
{
    /// <summary>The centred g, or null when a transformed event time is not finite (log of a zero time).</summary>
    public static double[]? Centred(CoxRiskSets data, CoxZphTransform transform)
    {
        double[] g = transform switch
        {
            CoxZphTransform.Km => KaplanMeier(data),
            CoxZphTransform.Rank => Ranks(data),
            CoxZphTransform.Identity => data.SortedTime.ToArray(),
            CoxZphTransform.Log => data.SortedTime.ToArray().Select(t => Math.Log(t)).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown cox.zph transform"),
        };
        ReadOnlySpan<bool> isEvent = data.SortedEvent;
        double mean = 0;
        int events = 0;
        for (int k = 0; k < g.Length; k++)
        {
            if (isEvent[k])
            {
                mean += g[k];
                events++;
            }
        }

        mean /= events;
        if (!double.IsFinite(mean))
        {
            return null;
        }

        for (int k = 0; k < g.Length; k++)
        {
            g[k] -= mean;
        }

        return g;
    }

    /// <summary>1 − KM(t−) over all subjects pooled (survfitKM of one group; ties count d / n at once).</summary>
    private static double[] KaplanMeier(CoxRiskSets data)
    {
        int n = data.Count;
        double[] sortedTime = data.SortedTime.ToArray();
        ReadOnlySpan<bool> sortedEvent = data.SortedEvent;
        int[] byTime = ByTime(sortedTime, data);
        var g = new double[n];
        double survival = 1;
        for (int start = 0; start < n;)
        {
            int end = TieEnd(sortedTime, byTime, start);
            int deaths = 0;
            for (int m = start; m < end; m++)
            {
                g[byTime[m]] = 1 - survival;
                deaths += sortedEvent[byTime[m]] ? 1 : 0;
            }

            survival *= 1 - ((double)deaths / (n - start));
            start = end;
        }

        return g;
    }

    /// <summary>R's <c>rank(times)</c>: 1-based, tied times share the mean of their positions.</summary>
    private static double[] Ranks(CoxRiskSets data)
    {
        double[] times = data.SortedTime.ToArray();
        int[] byTime = ByTime(times, data);
        var rank = new double[times.Length];
        for (int start = 0; start < times.Length;)
        {
            int end = TieEnd(times, byTime, start);
            double average = (start + 1 + end) / 2.0; // mean of positions start+1 .. end
            for (int m = start; m < end; m++)
            {
                rank[byTime[m]] = average;
            }

            start = end;
        }

        return rank;
    }

    /// <summary>Indices ordered by time across strata (the risk sets are sorted within strata only).</summary>
    /// <remarks>By the ranks the run sorted the times into when there are any (a counting sort, the same order).</remarks>
    private static int[] ByTime(double[] time, CoxRiskSets data)
    {
        if (data.TimeOrder.Rank is not { } rank)
        {
            return StableOrder.ByDouble(StableOrder.Identity(time.Length), time);
        }

        var sortedRank = new int[time.Length];
        for (int k = 0; k < sortedRank.Length; k++)
        {
            sortedRank[k] = rank[data.Order[k]];
        }

        return StableOrder.ByCode(StableOrder.Identity(time.Length), sortedRank, data.TimeOrder.Count);
    }

    private static int TieEnd(double[] time, int[] byTime, int start)
    {
        int end = start;
        while (end < byTime.Length && time[byTime[end]] == time[byTime[start]])
        {
            end++;
        }

        return end;
    }
}
