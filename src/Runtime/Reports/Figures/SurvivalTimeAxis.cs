using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The time axis of a Kaplan-Meier figure: where its ticks go (the numbers at risk are given at them) and how many
/// subjects are at risk there.
/// </summary>
internal static class SurvivalTimeAxis
{
    private const int MinIntervals = 4;
    private const int MaxIntervals = 10;

    /// <summary>The axis' right end: the horizon, or the last time in the table when later (or when there is no horizon).</summary>
    public static double End(KaplanMeierResult km)
    {
        double last = km.Groups.SelectMany(g => g.Table).Select(r => r.Time).DefaultIfEmpty(0).Max();
        double end = Math.Max(km.Horizon ?? 0, last);
        return end > 0 ? end : 1;
    }

    /// <summary>
    /// Ticks at 0 and every step up to the axis' end. The step comes from the <c>at</c> times, so each of them is a tick:
    /// their greatest common divisor when they are whole numbers, doubled while there would be more than 10 intervals and
    /// halved (while even) while there would be fewer than 4 (at 12, 24, 36 up to 36 → every 6). Without whole <c>at</c>
    /// times the step is the smallest of 1, 2 or 5 × 10^k giving at most 10 intervals.
    /// </summary>
    public static IReadOnlyList<double> Breaks(KaplanMeierResult km)
    {
        double end = End(km);
        double step = FromTimes(km.Times, end) ?? Nice(end);
        int count = (int)Math.Floor((end / step) + 1e-9);
        return Enumerable.Range(0, count + 1).Select(i => Math.Round(i * step, 10)).ToArray();
    }

    /// <summary>
    /// Subjects at risk at <paramref name="time"/>: those whose time is at or after it, which is the n.risk of the table's
    /// first row at or after the time (its rows are every distinct time, events and censorings); 0 after the last row.
    /// The same number as <c>summary(fit, times)$n.risk</c>, and the group's n at time 0.
    /// </summary>
    public static int AtRisk(KaplanMeierGroup group, double time)
    {
        if (time <= 0)
        {
            return group.N;
        }

        foreach (KaplanMeierRow row in group.Table)
        {
            if (row.Time >= time)
            {
                return row.NRisk;
            }
        }

        return 0;
    }

    private static double? FromTimes(IReadOnlyList<double> times, double end)
    {
        if (times.Count == 0 || times.Any(t => t <= 0 || t != Math.Floor(t) || t > int.MaxValue))
        {
            return null;
        }

        long step = times.Select(t => (long)t).Aggregate(Gcd);
        while (end / step > MaxIntervals)
        {
            step *= 2;
        }

        while (end / step < MinIntervals && step % 2 == 0)
        {
            step /= 2;
        }

        return step;
    }

    private static double Nice(double end)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(end / MaxIntervals)));
        foreach (double m in new[] { 1.0, 2, 5, 10 })
        {
            if (end / (m * magnitude) <= MaxIntervals)
            {
                return m * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
