using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Events over person-time in two groups within one stratum (first group compared with the second).</summary>
public readonly record struct StratumRates(int EventsFirst, double TimeFirst, int EventsSecond, double TimeSecond)
{
    public double TotalTime => TimeFirst + TimeSecond;

    public int TotalEvents => EventsFirst + EventsSecond;

    /// <summary>Both groups have person-time: otherwise the stratum says nothing about the comparison.</summary>
    public bool IsInformative => TimeFirst > 0 && TimeSecond > 0;
}

/// <summary>
/// The Mantel-Haenszel incidence rate ratio and rate difference over strata, with Greenland and Robins' variances and the
/// Mantel-Haenszel test for person-time data. Strata in which a group has no person-time carry no information and are
/// left out and counted. O(K) for K strata.
/// </summary>
/// <remarks>
/// With, in stratum k, x1, x0 events over T1, T0 person-time, T = T1 + T0 and M = x1 + x0 (Greenland and Robins 1985,
/// Biometrics 41, 55-68; Rothman, Greenland and Lash 2008, Modern Epidemiology, 3rd ed., ch. 15):
/// IRR_MH = Σ x1 T0 / T ÷ Σ x0 T1 / T, Var(log IRR_MH) = Σ M T1 T0 / T² ÷ (Σ x1 T0 / T · Σ x0 T1 / T);
/// IRD_MH = Σ w (x1/T1 - x0/T0) ÷ Σ w with w = T1 T0 / T, Var(IRD_MH) = Σ w² (x1/T1² + x0/T0²) ÷ (Σ w)².
/// The test of no association conditions on M in each stratum, where x1 is binomial(M, T1/T) under the null:
/// χ² = (Σ x1 - Σ M T1/T)² ÷ Σ M T1 T0 / T² (1 df, no continuity correction; Rothman et al. 2008, ch. 15; Breslow and
/// Day 1987, Statistical Methods in Cancer Research II, section 3.4). R has no function in base or recommended packages;
/// the fixture computes these formulas in R.
/// </remarks>
public static class MantelHaenszelRates
{
    private const string TestName = "Mantel-Haenszel chi-squared test for person-time (1 df, no continuity correction)";

    /// <summary>The Mantel-Haenszel rate ratio with the Greenland-Robins 95% CI of its log.</summary>
    public static MantelHaenszelResult RateRatio(IReadOnlyList<StratumRates> strata)
    {
        double numerator = 0, denominator = 0, variance = 0;
        foreach (StratumRates s in Informative(strata))
        {
            double t = s.TotalTime;
            numerator += s.EventsFirst * s.TimeSecond / t;
            denominator += s.EventsSecond * s.TimeFirst / t;
            variance += s.TotalEvents * s.TimeFirst * s.TimeSecond / (t * t);
        }

        double estimate = numerator == 0 && denominator == 0 ? double.NaN : numerator / denominator;
        double logVariance = variance / (numerator * denominator);
        (double low, double high) = estimate > 0 && double.IsFinite(estimate) && logVariance > 0 && double.IsFinite(logVariance)
            ? (Math.Exp(Math.Log(estimate) - (EffectMath.Z95 * Math.Sqrt(logVariance))), Math.Exp(Math.Log(estimate) + (EffectMath.Z95 * Math.Sqrt(logVariance))))
            : (double.NaN, double.NaN);
        return Finish(strata, "Mantel-Haenszel incidence rate ratio", estimate, (low, high),
            "Mantel-Haenszel incidence rate ratio, Greenland-Robins 95% CI");
    }

    /// <summary>The Mantel-Haenszel rate difference (first minus second, per unit of person-time) with the Greenland-Robins 95% CI.</summary>
    public static MantelHaenszelResult RateDifference(IReadOnlyList<StratumRates> strata)
    {
        double numerator = 0, weights = 0, variance = 0;
        foreach (StratumRates s in Informative(strata))
        {
            double w = s.TimeFirst * s.TimeSecond / s.TotalTime;
            numerator += w * ((s.EventsFirst / s.TimeFirst) - (s.EventsSecond / s.TimeSecond));
            weights += w;
            variance += w * w * ((s.EventsFirst / (s.TimeFirst * s.TimeFirst)) + (s.EventsSecond / (s.TimeSecond * s.TimeSecond)));
        }

        double estimate = weights > 0 ? numerator / weights : double.NaN;
        double se = Math.Sqrt(variance) / weights;
        (double low, double high) = double.IsFinite(estimate) && se > 0
            ? (estimate - (EffectMath.Z95 * se), estimate + (EffectMath.Z95 * se))
            : (double.NaN, double.NaN);
        return Finish(strata, "Mantel-Haenszel incidence rate difference", estimate, (low, high),
            "Mantel-Haenszel incidence rate difference, Greenland-Robins 95% CI");
    }

    /// <summary>The Mantel-Haenszel χ² for person-time (see the class remarks) and its p.</summary>
    public static (double Statistic, double PValue) Test(IReadOnlyList<StratumRates> strata)
    {
        double delta = 0, variance = 0;
        foreach (StratumRates s in Informative(strata))
        {
            double t = s.TotalTime;
            delta += s.EventsFirst - (s.TotalEvents * s.TimeFirst / t);
            variance += s.TotalEvents * s.TimeFirst * s.TimeSecond / (t * t);
        }

        double statistic = variance > 0 ? delta * delta / variance : double.NaN;
        return (statistic, EffectMath.ChiSquareOneDfP(statistic));
    }

    private static IEnumerable<StratumRates> Informative(IReadOnlyList<StratumRates> strata) =>
        strata.Where(s => s.IsInformative && s.EventsFirst >= 0 && s.EventsSecond >= 0);

    private static MantelHaenszelResult Finish(IReadOnlyList<StratumRates> strata, string estimateName, double estimate, (double Low, double High) ci, string method)
    {
        int used = Informative(strata).Count();
        var warnings = new List<string>();
        (double statistic, double p) = Test(strata);
        if (used == 0)
        {
            warnings.Add("no stratum has person-time in both groups: the Mantel-Haenszel estimate and test are undefined");
            estimate = double.NaN;
        }
        else if (double.IsNaN(ci.Low))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the {estimateName}'s CI is undefined: a group has no events across the {used} strata used"));
        }

        if (double.IsNaN(statistic) && used > 0)
        {
            warnings.Add("the Mantel-Haenszel test is undefined: no stratum has an event");
        }

        var result = new TestResult(method + "; " + TestName, "Mantel-Haenszel X-squared", statistic, 1, p, estimateName, estimate, ci.Low, ci.High, warnings);
        return new MantelHaenszelResult(result, used, strata.Count - used);
    }
}
