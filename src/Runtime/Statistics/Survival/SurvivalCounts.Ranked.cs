using System;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Statistics.Survival;

public sealed partial class SurvivalCounts
{
    /// <summary>
    /// As <see cref="FromSubjects"/>, from the times' ranks computed once per run (<see cref="ValueRanks"/>): the same
    /// rows, counts and times, without sorting the times again. When the (stratum, time, group) cells are few enough
    /// (at most 4 per subject) each subject is added straight into its cell, O(n + cells); otherwise the subjects are
    /// ordered by counting sorts over group, time rank and stratum, O(n + distinct times).
    /// </summary>
    /// <param name="timeRanks">The ranks of <paramref name="time"/> (same rows).</param>
    internal static SurvivalCounts FromRanks(ReadOnlySpan<double> time, ValueRanks timeRanks, ReadOnlySpan<int> status, ReadOnlySpan<int> group, int groupCount,
        ReadOnlySpan<int> strata = default, int strataCount = 1)
    {
        ArgumentNullException.ThrowIfNull(timeRanks);
        if (status.Length != time.Length || group.Length != time.Length || timeRanks.Length != time.Length || (!strata.IsEmpty && strata.Length != time.Length))
        {
            throw new ArgumentException("time, its ranks, status, group (and strata, if given) must have the same length.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strataCount);
        int[] rank = timeRanks.Rank;
        int times = timeRanks.Count;
        long cells = (long)strataCount * times * groupCount;
        return cells <= Math.Max(4L * time.Length, 1 << 16)
            ? ByCell(time, rank, times, status, group, groupCount, strata, strataCount, (int)cells)
            : BySort(time, rank, times, status, group, groupCount, strata, strataCount);
    }

    private static bool Kept(double time, int status, int group, int stratum, int groupCount, int strataCount, int row)
    {
        if (!double.IsFinite(time) || status is not (0 or 1) || group < 0 || stratum < 0)
        {
            return false;
        }

        if (group >= groupCount || stratum >= strataCount)
        {
            throw new ArgumentException($"row {row}: group {group} or stratum {stratum} is out of range.");
        }

        return true;
    }

    private static SurvivalCounts ByCell(ReadOnlySpan<double> time, int[] rank, int times, ReadOnlySpan<int> status, ReadOnlySpan<int> group, int groupCount,
        ReadOnlySpan<int> strata, int strataCount, int cells)
    {
        var events = new int[cells];
        var censored = new int[cells];
        var first = new int[cells]; // 1 + the first subject in the cell (input order), whose time the row shows; 0 = empty
        int kept = 0;
        int rows = 0;
        for (int i = 0; i < time.Length; i++)
        {
            int stratum = strata.IsEmpty ? 0 : strata[i];
            if (!Kept(time[i], status[i], group[i], stratum, groupCount, strataCount, i))
            {
                continue;
            }

            int cell = (((stratum * times) + rank[i]) * groupCount) + group[i];
            events[cell] += status[i];
            censored[cell] += 1 - status[i];
            if (first[cell] == 0)
            {
                first[cell] = i + 1;
                rows++;
            }

            kept++;
        }

        var rs = new int[rows];
        var rg = new int[rows];
        var rt = new double[rows];
        var re = new int[rows];
        var rc = new int[rows];
        int row = 0;
        for (int cell = 0; cell < cells; cell++)
        {
            if (first[cell] == 0)
            {
                continue;
            }

            rs[row] = cell / (times * groupCount);
            rg[row] = cell % groupCount;
            rt[row] = time[first[cell] - 1];
            re[row] = events[cell];
            rc[row] = censored[cell];
            row++;
        }

        return new SurvivalCounts(groupCount, strataCount, rs, rg, rt, re, rc, time.Length - kept);
    }

    private static SurvivalCounts BySort(ReadOnlySpan<double> time, int[] rank, int times, ReadOnlySpan<int> status, ReadOnlySpan<int> group, int groupCount,
        ReadOnlySpan<int> strata, int strataCount)
    {
        int n = time.Length;
        var s = new int[n];
        var g = new int[n];
        var t = new double[n];
        var e = new int[n];
        var c = new int[n];
        var r = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            int stratum = strata.IsEmpty ? 0 : strata[i];
            if (!Kept(time[i], status[i], group[i], stratum, groupCount, strataCount, i))
            {
                continue;
            }

            s[kept] = stratum;
            g[kept] = group[i];
            t[kept] = time[i];
            e[kept] = status[i];
            c[kept] = 1 - status[i];
            r[kept] = rank[i];
            kept++;
        }

        // The same order as sorting the times themselves: equal ranks are equal keys, and every pass is stable.
        int[] order = StableOrder.ByCode(StableOrder.ByCode(StableOrder.Identity(kept), g, groupCount), r, times);
        if (strataCount > 1)
        {
            order = StableOrder.ByCode(order, s, strataCount);
        }

        return Aggregate(groupCount, strataCount, order, s, g, t, e, c, n - kept);
    }
}
