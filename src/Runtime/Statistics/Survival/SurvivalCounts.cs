using System;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Statistics.Survival;

/// <summary>
/// Sufficient statistics of right-censored data: for each (stratum, time, group), the number of
/// events and of censorings, sorted by stratum, then time ascending, then group. Kaplan-Meier and
/// the G-rho tests need nothing else, so a database can supply these counts with one GROUP BY.
/// </summary>
/// <remarks>
/// Built once in O(n) (stable radix and counting sorts, <see cref="StableOrder"/>); every kernel then works in one pass over the rows.
/// Times are compared exactly; R's <c>aeqSurv</c> additionally merges times that differ by
/// less than ~1e-8 relative (floating-point noise), which data read from decimal text do not have.
/// </remarks>
public sealed partial class SurvivalCounts
{
    private readonly int[] _stratum;
    private readonly int[] _group;
    private readonly double[] _time;
    private readonly int[] _events;
    private readonly int[] _censored;

    private SurvivalCounts(int groupCount, int strataCount, int[] stratum, int[] group, double[] time, int[] events, int[] censored, int leftOut)
    {
        GroupCount = groupCount;
        StrataCount = strataCount;
        _stratum = stratum;
        _group = group;
        _time = time;
        _events = events;
        _censored = censored;
        LeftOut = leftOut;
    }

    /// <summary>Number of groups; group codes are 0 .. GroupCount - 1.</summary>
    public int GroupCount { get; }

    /// <summary>Number of strata; stratum codes are 0 .. StrataCount - 1.</summary>
    public int StrataCount { get; }

    /// <summary>Subjects left out by <see cref="FromSubjects"/> for a missing time, event, group or stratum.</summary>
    public int LeftOut { get; }

    /// <summary>Number of (stratum, time, group) rows.</summary>
    public int Count => _time.Length;

    public ReadOnlySpan<int> Stratum => _stratum;

    public ReadOnlySpan<int> Group => _group;

    public ReadOnlySpan<double> Time => _time;

    public ReadOnlySpan<int> Events => _events;

    public ReadOnlySpan<int> Censored => _censored;

    /// <summary>
    /// Counts from one row per subject. A subject is left out (and counted in <see cref="LeftOut"/>)
    /// when its time is NaN or infinite, its status is not 0 or 1, or its group or stratum is negative.
    /// </summary>
    /// <param name="time">Follow-up time per subject.</param>
    /// <param name="status">1 = event, 0 = censored, anything else = missing.</param>
    /// <param name="group">Group code per subject (0 .. groupCount - 1; negative = missing).</param>
    /// <param name="strata">Stratum code per subject, or empty for one stratum.</param>
    public static SurvivalCounts FromSubjects(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> group, int groupCount,
        ReadOnlySpan<int> strata = default, int strataCount = 1)
    {
        if (status.Length != time.Length || group.Length != time.Length || (!strata.IsEmpty && strata.Length != time.Length))
        {
            throw new ArgumentException("time, status, group (and strata, if given) must have the same length.");
        }

        var s = new int[time.Length];
        var g = new int[time.Length];
        var t = new double[time.Length];
        var e = new int[time.Length];
        var c = new int[time.Length];
        int kept = 0;
        for (int i = 0; i < time.Length; i++)
        {
            int stratum = strata.IsEmpty ? 0 : strata[i];
            if (!double.IsFinite(time[i]) || status[i] is not (0 or 1) || group[i] < 0 || stratum < 0)
            {
                continue;
            }

            s[kept] = stratum;
            g[kept] = group[i];
            t[kept] = time[i];
            e[kept] = status[i];
            c[kept] = 1 - status[i];
            kept++;
        }

        return Build(groupCount, strataCount, s.AsSpan(0, kept).ToArray(), g.AsSpan(0, kept).ToArray(), t.AsSpan(0, kept).ToArray(),
            e.AsSpan(0, kept).ToArray(), c.AsSpan(0, kept).ToArray(), time.Length - kept);
    }

    /// <summary>
    /// Counts supplied already aggregated (e.g. by a database), in any order; rows with the same
    /// (stratum, time, group) are added together.
    /// </summary>
    public static SurvivalCounts FromCounts(int groupCount, int strataCount, ReadOnlySpan<int> stratum, ReadOnlySpan<int> group,
        ReadOnlySpan<double> time, ReadOnlySpan<int> events, ReadOnlySpan<int> censored)
    {
        if (stratum.Length != time.Length || group.Length != time.Length || events.Length != time.Length || censored.Length != time.Length)
        {
            throw new ArgumentException("stratum, group, time, events and censored must have the same length.");
        }

        for (int i = 0; i < time.Length; i++)
        {
            if (!double.IsFinite(time[i]) || events[i] < 0 || censored[i] < 0)
            {
                throw new ArgumentException($"row {i}: times must be finite and counts non-negative.");
            }
        }

        return Build(groupCount, strataCount, stratum.ToArray(), group.ToArray(), time.ToArray(), events.ToArray(), censored.ToArray(), 0);
    }

    private static SurvivalCounts Build(int groupCount, int strataCount, int[] s, int[] g, double[] t, int[] e, int[] c, int leftOut)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strataCount);
        for (int i = 0; i < t.Length; i++)
        {
            if (g[i] < 0 || g[i] >= groupCount || s[i] < 0 || s[i] >= strataCount)
            {
                throw new ArgumentException($"row {i}: group {g[i]} or stratum {s[i]} is out of range.");
            }
        }

        // By stratum, then time, then group: one stable pass per key, least significant first (one stratum needs no pass).
        int[] order = StableOrder.ByDouble(StableOrder.ByCode(StableOrder.Identity(t.Length), g, groupCount), t);
        if (strataCount > 1)
        {
            order = StableOrder.ByCode(order, s, strataCount);
        }

        return Aggregate(groupCount, strataCount, order, s, g, t, e, c, leftOut);
    }

    /// <summary>The subjects in <paramref name="order"/> (by stratum, time, group) summed into one row per (stratum, time, group).</summary>
    private static SurvivalCounts Aggregate(int groupCount, int strataCount, int[] order, int[] s, int[] g, double[] t, int[] e, int[] c, int leftOut)
    {
        var rs = new int[order.Length];
        var rg = new int[order.Length];
        var rt = new double[order.Length];
        var re = new int[order.Length];
        var rc = new int[order.Length];
        int rows = 0;
        foreach (int i in order)
        {
            int last = rows - 1;
            if (last >= 0 && rs[last] == s[i] && rg[last] == g[i] && rt[last] == t[i])
            {
                re[last] += e[i];
                rc[last] += c[i];
                continue;
            }

            rs[rows] = s[i];
            rg[rows] = g[i];
            rt[rows] = t[i];
            re[rows] = e[i];
            rc[rows] = c[i];
            rows++;
        }

        return new SurvivalCounts(groupCount, strataCount, rs.AsSpan(0, rows).ToArray(), rg.AsSpan(0, rows).ToArray(), rt.AsSpan(0, rows).ToArray(),
            re.AsSpan(0, rows).ToArray(), rc.AsSpan(0, rows).ToArray(), leftOut);
    }
}
