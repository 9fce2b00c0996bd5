using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics.Survival;

/// <summary>The Kaplan-Meier curves of every group, with the confidence type they were computed with.</summary>
/// <param name="LeftOut">Subjects left out for a missing time, event or group.</param>
public sealed record KaplanMeierFit(IReadOnlyList<KaplanMeierCurve> Curves, SurvivalConfidence Confidence, int LeftOut);

/// <summary>
/// The Kaplan-Meier (product-limit) estimator by group, as R's <c>survfit(Surv(time, status) ~ group)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Input: <see cref="SurvivalCounts"/> with one stratum — per (time, group), the events d and
/// censorings c, sorted by time. For each group, at each distinct time t_i with n_i subjects still at
/// risk (time ≥ t_i), S(t_i) = Π_{j ≤ i} (1 - d_j / n_j) (Kaplan and Meier 1958, JASA 53:457, eq. 2.4;
/// Klein and Moeschberger 2003, section 4.2, eq. 4.2.1). Censorings at an event time are at risk at
/// that time. Greenwood's formula (Greenwood 1926; K&amp;M eq. 4.2.2) gives the standard error of the
/// cumulative hazard H = -log S as sqrt(Σ_{j ≤ i} d_j / (n_j (n_j - d_j))), which is what R stores in
/// <c>fit$std.err</c>; it is +∞ once S reaches 0. The 95% limits (z = qnorm(0.975)) follow R's
/// <c>survfit_confint</c> for <see cref="SurvivalConfidence"/> (K&amp;M eqs. 4.3.1-4.3.3).
/// </para>
/// <para>
/// The Nelson-Aalen cumulative hazard H̃(t_i) = Σ_{j ≤ i} d_j / n_j (Nelson 1972, Technometrics 14:945;
/// Aalen 1978; K&amp;M eq. 4.2.3) with the standard error sqrt(Σ_{j ≤ i} d_j / n_j²) (the Poisson-type
/// variance of K&amp;M eq. 4.2.4), as R's <c>fit$cumhaz</c> and <c>fit$std.chaz</c> for a Kaplan-Meier
/// fit (survival 3.x <c>survfitKM</c>, where ties count d / n at once, not Σ 1 / (n - k)).
/// </para>
/// <para>
/// The median and its limits are those of <c>print(fit)</c> (R's <c>survmean</c>, function
/// <c>minmin</c>): the first time the curve (the lower band, the upper band) is ≤ 0.5 (within
/// sqrt(machine epsilon)); when the curve sits exactly at 0.5 over a flat segment, the midpoint
/// between that time and the next time it drops below 0.5 (Brookmeyer and Crowley 1982 for the CI).
/// NA (NaN here) when never reached; band values R leaves NA are skipped.
/// </para>
/// <para>Complexity: O(rows) after the counts' one sort. R equivalent:
/// <c>survfit(Surv(time, status) ~ group, conf.type = "log" | "log-log" | "plain")</c>, survival 3.5.</para>
/// </remarks>
public static class KaplanMeier
{
    private static readonly double MedianTolerance = Math.Sqrt(Math.Pow(2, -52));

    /// <summary>Kaplan-Meier curves from one row per subject (missing values left out and counted).</summary>
    public static KaplanMeierFit Fit(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> group, int groupCount,
        SurvivalConfidence confidence = SurvivalConfidence.Log) =>
        Fit(SurvivalCounts.FromSubjects(time, status, group, groupCount), confidence);

    /// <summary>Kaplan-Meier curves from per-(time, group) counts with one stratum.</summary>
    public static KaplanMeierFit Fit(SurvivalCounts counts, SurvivalConfidence confidence = SurvivalConfidence.Log)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.StrataCount != 1)
        {
            throw new ArgumentException("Kaplan-Meier curves are by group; give counts with one stratum.", nameof(counts));
        }

        int k = counts.GroupCount;
        var rows = new List<int>[k];
        var total = new int[k];
        for (int g = 0; g < k; g++)
        {
            rows[g] = new List<int>();
        }

        double startTime = 0;
        for (int r = 0; r < counts.Count; r++)
        {
            int g = counts.Group[r];
            rows[g].Add(r);
            total[g] += counts.Events[r] + counts.Censored[r];
            startTime = Math.Min(startTime, counts.Time[r]);
        }

        var curves = new KaplanMeierCurve[k];
        for (int g = 0; g < k; g++)
        {
            curves[g] = Curve(counts, g, rows[g], total[g], confidence, startTime);
        }

        return new KaplanMeierFit(curves, confidence, counts.LeftOut);
    }

    private static KaplanMeierCurve Curve(SurvivalCounts counts, int group, List<int> rows, int n, SurvivalConfidence confidence, double startTime)
    {
        int m = rows.Count;
        var time = new double[m];
        var nRisk = new int[m];
        var nEvent = new int[m];
        var nCensor = new int[m];
        var surv = new double[m];
        var se = new double[m];
        var lower = new double[m];
        var upper = new double[m];
        var cumhaz = new double[m];
        var cumhazSe = new double[m];
        double z = Normal.InvCDF(0, 1, 0.975);
        int atRisk = n;
        double s = 1;
        double greenwood = 0;
        double nelsonAalen = 0;
        double nelsonAalenVariance = 0;
        int events = 0;
        int eventTimes = 0;
        for (int i = 0; i < m; i++)
        {
            int r = rows[i];
            int d = counts.Events[r];
            time[i] = counts.Time[r];
            nRisk[i] = atRisk;
            nEvent[i] = d;
            nCensor[i] = counts.Censored[r];
            if (d > 0)
            {
                s *= (atRisk - d) / (double)atRisk;
                greenwood += atRisk == d ? double.PositiveInfinity : d / ((double)atRisk * (atRisk - d));
                nelsonAalen += d / (double)atRisk;
                nelsonAalenVariance += d / ((double)atRisk * atRisk);
                events += d;
                eventTimes++;
            }

            cumhaz[i] = nelsonAalen;
            cumhazSe[i] = Math.Sqrt(nelsonAalenVariance);

            surv[i] = s;
            se[i] = Math.Sqrt(greenwood);
            (lower[i], upper[i]) = Limits(s, se[i], z, confidence);
            atRisk -= d + nCensor[i];
        }

        var warnings = new List<string>();
        if (n == 0)
        {
            warnings.Add("the group has no subjects: no curve is estimated");
        }
        else if (events == 0)
        {
            warnings.Add("the group has no events: survival stays 1 and the median is not reached");
        }
        else
        {
            if (n == 1)
            {
                warnings.Add("the group has one subject: the curve is a single step and its confidence interval is degenerate");
            }
            else if (eventTimes == 1 && events > 1)
            {
                warnings.Add("all events of the group are at one time: the curve has a single step");
            }
        }

        return new KaplanMeierCurve(group, n, events, time, nRisk, nEvent, nCensor, surv, se, lower, upper,
            MinMin(surv, time), MinMin(lower, time), MinMin(upper, time), confidence, startTime, warnings)
        {
            CumulativeHazard = cumhaz,
            CumulativeHazardStdErr = cumhazSe,
        };
    }

    /// <summary>R's <c>survfit_confint</c> with <c>logse = TRUE</c> and the upper limit capped at 1.</summary>
    internal static (double Lower, double Upper) Limits(double s, double se, double z, SurvivalConfidence confidence)
    {
        switch (confidence)
        {
            case SurvivalConfidence.Plain:
                double half = se * s * z;
                return (Math.Max(s - half, 0), Math.Min(s + half, 1));
            case SurvivalConfidence.LogLog:
                if (s == 0 || s == 1)
                {
                    return (double.NaN, double.NaN);
                }

                double shift = z * se / Math.Log(s);
                double center = Math.Log(-Math.Log(s));
                return (Math.Exp(-Math.Exp(center - shift)), Math.Exp(-Math.Exp(center + shift)));
            default:
                if (s == 0)
                {
                    return (double.NaN, double.NaN);
                }

                return (Math.Exp(Math.Log(s) - z * se), Math.Min(Math.Exp(Math.Log(s) + z * se), 1));
        }
    }

    /// <summary>R's <c>survmean</c> <c>minmin</c>: the first x where y ≤ 0.5, midpoint over an exact flat 0.5.</summary>
    private static double MinMin(double[] y, double[] x)
    {
        int first = -1;
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsNaN(y[i]) && y[i] < 0.5 + MedianTolerance)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return double.NaN;
        }

        if (Math.Abs(y[first] - 0.5) < MedianTolerance)
        {
            for (int j = first + 1; j < y.Length; j++)
            {
                if (!double.IsNaN(y[j]) && y[j] < y[first])
                {
                    return (x[first] + x[j]) / 2;
                }
            }
        }

        return x[first];
    }
}
