using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Survival;

/// <summary>
/// One group's Kaplan-Meier curve as <c>survfit(Surv(time, status) ~ group)</c> reports it: one row
/// per distinct time with an event or a censoring.
/// </summary>
/// <param name="Group">The group code.</param>
/// <param name="N">Subjects in the group (R's <c>n</c>).</param>
/// <param name="Events">Events in the group.</param>
/// <param name="Time">Distinct times, ascending.</param>
/// <param name="NRisk">Subjects at risk just before each time (time ≥ t).</param>
/// <param name="StdErr">R's <c>fit$std.err</c>: the Greenwood standard error of the cumulative hazard
/// (of -log S), sqrt(Σ d / (n (n - d))); +∞ once S reaches 0.</param>
/// <param name="Lower">Lower 95% limit; NaN where R gives NA (S = 0 for log, S ∈ {0, 1} for log-log).</param>
/// <param name="Median">Median survival time as <c>print(fit)</c>; NaN when not reached (R's NA).</param>
/// <param name="MedianLower">Lower 95% limit of the median: the first time the lower band is ≤ 0.5 (see <see cref="KaplanMeier"/>).</param>
/// <param name="MedianUpper">Upper 95% limit of the median: the first time the upper band is ≤ 0.5; NaN when it never is.</param>
/// <param name="StartTime">Where the area under the curve starts: min(0, earliest time of the fit), as R's <c>survmean</c>.</param>
/// <param name="Warnings">Edge cases met (no subjects, no events, one subject, all events tied).</param>
public sealed record KaplanMeierCurve(
    int Group,
    int N,
    int Events,
    IReadOnlyList<double> Time,
    IReadOnlyList<int> NRisk,
    IReadOnlyList<int> NEvent,
    IReadOnlyList<int> NCensor,
    IReadOnlyList<double> Survival,
    IReadOnlyList<double> StdErr,
    IReadOnlyList<double> Lower,
    IReadOnlyList<double> Upper,
    double Median,
    double MedianLower,
    double MedianUpper,
    SurvivalConfidence Confidence,
    double StartTime,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The Nelson-Aalen cumulative hazard at each row time, Σ d / n (R's <c>fit$cumhaz</c>); empty if not computed.</summary>
    public IReadOnlyList<double> CumulativeHazard { get; init; } = Array.Empty<double>();

    /// <summary>Its standard error, sqrt(Σ d / n²) (R's <c>fit$std.chaz</c>); empty if not computed.</summary>
    public IReadOnlyList<double> CumulativeHazardStdErr { get; init; } = Array.Empty<double>();

    /// <summary>
    /// Survival at the given times as <c>summary(fit, times = ...)</c>: the curve's value at the last
    /// row time ≤ t (1 before the first), with the standard error of S (S · se(H), as summary
    /// reports it) and the number at risk at t. A time after the group's last observation has no
    /// estimate: R's summary drops it (<c>extend = FALSE</c>); here its values are NaN, n at risk is 0,
    /// and a warning says so. The Nelson-Aalen cumulative hazard and its SE are read the same way
    /// (summary's <c>cumhaz</c>, <c>std.chaz</c>; 0 before the first time).
    /// </summary>
    public IReadOnlyList<SurvivalAtTime> At(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var result = new SurvivalAtTime[times.Count];
        for (int k = 0; k < times.Count; k++)
        {
            double t = times[k];
            int n = Time.Count;
            if (n == 0 || t > Time[n - 1] || double.IsNaN(t))
            {
                result[k] = new SurvivalAtTime(t, 0, double.NaN, double.NaN, double.NaN, double.NaN, false) { CumulativeHazard = double.NaN, CumulativeHazardStdErr = double.NaN };
                continue;
            }

            int last = -1;
            while (last + 1 < n && Time[last + 1] <= t)
            {
                last++;
            }

            int atRisk = last + 1 < n ? NRisk[last + 1] : NRisk[last] - NEvent[last] - NCensor[last];
            if (last >= 0 && Time[last] == t)
            {
                atRisk = NRisk[last];
            }

            result[k] = last < 0
                ? new SurvivalAtTime(t, atRisk, 1, 0, 1, 1, true)
                : new SurvivalAtTime(t, atRisk, Survival[last], Survival[last] * StdErr[last], Lower[last], Upper[last], true)
                {
                    CumulativeHazard = last < CumulativeHazard.Count ? CumulativeHazard[last] : double.NaN,
                    CumulativeHazardStdErr = last < CumulativeHazardStdErr.Count ? CumulativeHazardStdErr[last] : double.NaN,
                };
        }

        return result;
    }

    /// <summary>
    /// Restricted mean survival time up to <paramref name="horizon"/> and its standard error, as
    /// <c>print(fit, rmean = horizon)</c> (R's <c>survmean</c>): the area under the step curve from
    /// <see cref="StartTime"/> to the horizon (the curve is carried flat past the last observation),
    /// with variance Σ over times t_i ≤ horizon of A_i² · d_i / (n_i (n_i - d_i)), A_i the area from
    /// t_i to the horizon (Klein and Moeschberger 2003, section 4.5; terms with n_i = d_i count 0 as in R).
    /// NaN for an empty group.
    /// </summary>
    public (double Mean, double StdErr) RestrictedMean(double horizon)
    {
        if (N == 0 || double.IsNaN(horizon))
        {
            return (double.NaN, double.NaN);
        }

        var times = new List<double>();
        var surv = new List<double>();
        var hazard = new List<double>();
        for (int i = 0; i < Time.Count && Time[i] <= horizon; i++)
        {
            times.Add(Time[i]);
            surv.Add(Survival[i]);
            int alive = NRisk[i] - NEvent[i];
            hazard.Add(alive == 0 ? 0 : NEvent[i] / ((double)NRisk[i] * alive));
        }

        if (times.Count == 0)
        {
            return (horizon, 0);
        }

        times.Add(horizon);
        surv.Add(surv[^1]);
        int m = times.Count;
        var rectangles = new double[m];
        double previous = StartTime;
        double mean = 0;
        for (int i = 0; i < m; i++)
        {
            rectangles[i] = (times[i] - previous) * (i == 0 ? 1 : surv[i - 1]);
            previous = times[i];
            mean += rectangles[i];
        }

        double variance = 0;
        double area = 0;
        for (int i = m - 1; i >= 1; i--)
        {
            area += rectangles[i];
            variance += area * area * hazard[i - 1];
        }

        return (mean + StartTime, Math.Sqrt(variance));
    }
}

/// <summary>A curve's value at a requested time, as a row of <c>summary(fit, times = ...)</c>.</summary>
/// <param name="NRisk">Subjects at risk at t (time ≥ t); 0 when t is past the last observation.</param>
/// <param name="StdErr">Standard error of S(t) (summary's <c>std.err</c>, S · se(H)).</param>
/// <param name="Estimable">False when t is after the group's last observation (R's summary drops such times).</param>
public sealed record SurvivalAtTime(double Time, int NRisk, double Survival, double StdErr, double Lower, double Upper, bool Estimable)
{
    /// <summary>The Nelson-Aalen cumulative hazard at t (summary's <c>cumhaz</c>); 0 before the first time, NaN when not estimable.</summary>
    public double CumulativeHazard { get; init; }

    /// <summary>Its standard error (summary's <c>std.chaz</c>).</summary>
    public double CumulativeHazardStdErr { get; init; }
}
