using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The Mantel-Haenszel common odds ratio, risk ratio and risk difference over strata, and the CMH test.</summary>
/// <remarks>
/// Each stratum is a <see cref="TwoGroupCounts"/> (a, b, c, d as there; N its total). A stratum that lacks one of the two
/// groups carries no information about the comparison (every term below is 0 for it; R's <c>mantelhaen.test</c> stops
/// when a stratum has fewer than 2 subjects): such strata are left out and counted in <see cref="MantelHaenszelResult.StrataLeftOut"/>.
/// O(K) for K strata.
/// </remarks>
public static class MantelHaenszel
{
    /// <summary>
    /// The Cochran-Mantel-Haenszel χ² test of conditional independence (1 df), R's <c>mantelhaen.test(x, correct = )</c>
    /// for a 2 × 2 × K table: X² = (|Σ (a - E a)| - c)² / Σ V, E a = n1 m1 / N, V = n1 n2 m1 m0 / (N² (N - 1)),
    /// c = 0.5 when <paramref name="correct"/> and |Σ (a - E a)| ≥ 0.5, else 0 (Mantel and Haenszel 1959, JNCI 22, 719-748;
    /// Agresti 2002, section 6.3.2). It tests OR = RR = 1 and RD = 0 in every stratum, so it is the test of all three
    /// measures.
    /// </summary>
    public static (double Statistic, double PValue) Test(IReadOnlyList<TwoGroupCounts> strata, bool correct)
    {
        double delta = 0;
        double variance = 0;
        foreach (TwoGroupCounts s in Informative(strata))
        {
            double n = s.Total;
            double m1 = s.A + s.C;
            delta += s.A - (s.NFirst * m1 / n);
            variance += (double)s.NFirst * s.NSecond * m1 * (n - m1) / (n * n * (n - 1));
        }

        double yates = correct && Math.Abs(delta) >= 0.5 ? 0.5 : 0;
        double statistic = variance > 0 ? Math.Pow(Math.Abs(delta) - yates, 2) / variance : double.NaN;
        return (statistic, EffectMath.ChiSquareOneDfP(statistic));
    }

    /// <summary>The Mantel-Haenszel odds ratio Σ(ad/N) / Σ(bc/N) with the Robins-Breslow-Greenland 95% CI.</summary>
    /// <remarks>
    /// Var(log OR_MH) = Σ P R / (2 (Σ R)²) + Σ (P S + Q R) / (2 Σ R Σ S) + Σ Q S / (2 (Σ S)²), with P = (a + d)/N,
    /// Q = (b + c)/N, R = ad/N, S = bc/N (Robins, Breslow and Greenland 1986, Biometrics 42, 311-323). R:
    /// <c>mantelhaen.test(x)$estimate</c> and <c>$conf.int</c>, which use exactly this variance.
    /// </remarks>
    public static MantelHaenszelResult OddsRatio(IReadOnlyList<TwoGroupCounts> strata, bool correct)
    {
        double sumR = 0, sumS = 0, sumPR = 0, sumPSQR = 0, sumQS = 0;
        foreach (TwoGroupCounts s in Informative(strata))
        {
            double n = s.Total;
            double p = (s.A + s.D) / n;
            double q = (s.B + s.C) / n;
            double r = (double)s.A * s.D / n;
            double t = (double)s.B * s.C / n;
            sumR += r;
            sumS += t;
            sumPR += p * r;
            sumPSQR += (p * t) + (q * r);
            sumQS += q * t;
        }

        double estimate = sumR == 0 && sumS == 0 ? double.NaN : sumR / sumS;
        double variance = (sumPR / (2 * sumR * sumR)) + (sumPSQR / (2 * sumR * sumS)) + (sumQS / (2 * sumS * sumS));
        return Finish(strata, correct, "Mantel-Haenszel odds ratio", estimate, LogInterval(estimate, variance),
            "Mantel-Haenszel odds ratio, Robins-Breslow-Greenland 95% CI; Cochran-Mantel-Haenszel chi-squared test");
    }

    /// <summary>The Mantel-Haenszel risk ratio Σ(a n2/N) / Σ(c n1/N) with the Greenland-Robins 95% CI of its log.</summary>
    /// <remarks>
    /// Var(log RR_MH) = Σ (n1 n2 m1 - a c N) / N² / (Σ a n2/N · Σ c n1/N) (Greenland and Robins 1985, Biometrics 41,
    /// 55-68; Rothman, Greenland and Lash 2008, Modern Epidemiology, 3rd ed., ch. 15). R has no function in base or
    /// recommended packages; the fixture computes this formula in R.
    /// </remarks>
    public static MantelHaenszelResult RiskRatio(IReadOnlyList<TwoGroupCounts> strata, bool correct)
    {
        double numerator = 0, denominator = 0, variance = 0;
        foreach (TwoGroupCounts s in Informative(strata))
        {
            double n = s.Total;
            numerator += s.A * (double)s.NSecond / n;
            denominator += s.C * (double)s.NFirst / n;
            variance += ((double)s.NFirst * s.NSecond * (s.A + s.C) - ((double)s.A * s.C * n)) / (n * n);
        }

        double estimate = numerator == 0 && denominator == 0 ? double.NaN : numerator / denominator;
        return Finish(strata, correct, "Mantel-Haenszel risk ratio", estimate, LogInterval(estimate, variance / (numerator * denominator)),
            "Mantel-Haenszel risk ratio, Greenland-Robins 95% CI; Cochran-Mantel-Haenszel chi-squared test");
    }

    /// <summary>The Mantel-Haenszel risk difference Σ((a n2 - c n1)/N) / Σ(n1 n2/N) with the Greenland-Robins 95% CI.</summary>
    /// <remarks>
    /// Var(RD_MH) = Σ (a b n2³ + c d n1³) / (n1 n2 N²) / (Σ n1 n2 / N)² (Greenland and Robins 1985, Biometrics 41, 55-68;
    /// Rothman, Greenland and Lash 2008, ch. 15); CI RD ± 1.96 √Var. R has no function; the fixture computes this formula in R.
    /// </remarks>
    public static MantelHaenszelResult RiskDifference(IReadOnlyList<TwoGroupCounts> strata, bool correct)
    {
        double numerator = 0, weights = 0, variance = 0;
        foreach (TwoGroupCounts s in Informative(strata))
        {
            double n = s.Total;
            double n1 = s.NFirst;
            double n2 = s.NSecond;
            numerator += ((s.A * n2) - (s.C * n1)) / n;
            weights += n1 * n2 / n;
            variance += ((s.A * (double)s.B * n2 * n2 * n2) + (s.C * (double)s.D * n1 * n1 * n1)) / (n1 * n2 * n * n);
        }

        double estimate = weights > 0 ? numerator / weights : double.NaN;
        double se = Math.Sqrt(variance) / weights;
        (double low, double high) = double.IsFinite(estimate) && se > 0
            ? (estimate - (EffectMath.Z95 * se), estimate + (EffectMath.Z95 * se))
            : (double.NaN, double.NaN);
        return Finish(strata, correct, "Mantel-Haenszel risk difference", estimate, (low, high),
            "Mantel-Haenszel risk difference, Greenland-Robins 95% CI; Cochran-Mantel-Haenszel chi-squared test");
    }

    /// <summary>Strata in which both groups have subjects; the others carry no information about the comparison.</summary>
    private static IEnumerable<TwoGroupCounts> Informative(IReadOnlyList<TwoGroupCounts> strata) =>
        strata.Where(s => s.IsValid && s.NFirst > 0 && s.NSecond > 0);

    private static (double Low, double High) LogInterval(double estimate, double variance)
    {
        if (!(estimate > 0) || double.IsInfinity(estimate) || !(variance > 0) || double.IsInfinity(variance))
        {
            return (double.NaN, double.NaN);
        }

        double log = Math.Log(estimate);
        double se = Math.Sqrt(variance);
        return (Math.Exp(log - (EffectMath.Z95 * se)), Math.Exp(log + (EffectMath.Z95 * se)));
    }

    private static MantelHaenszelResult Finish(IReadOnlyList<TwoGroupCounts> strata, bool correct, string estimateName, double estimate,
        (double Low, double High) ci, string method)
    {
        int used = Informative(strata).Count();
        int leftOut = strata.Count - used;
        var warnings = new List<string>();
        (double statistic, double p) = Test(strata, correct);
        if (used == 0)
        {
            warnings.Add("no stratum has subjects in both groups: the Mantel-Haenszel estimate and test are undefined");
            estimate = double.NaN;
        }
        else if (double.IsNaN(ci.Low))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the {estimateName}'s CI is undefined: the pooled table has a zero (no events, or no non-events, in a group across the {used} strata used); no 0.5 correction is applied"));
        }

        if (double.IsNaN(statistic) && used > 0)
        {
            warnings.Add("the Cochran-Mantel-Haenszel test is undefined: no stratum has variation in both the groups and the outcome");
        }

        string test = correct ? "Cochran-Mantel-Haenszel chi-squared test with continuity correction, R mantelhaen.test(correct = TRUE)"
            : "Cochran-Mantel-Haenszel chi-squared test without continuity correction, R mantelhaen.test(correct = FALSE)";
        var result = new TestResult(method.Replace("Cochran-Mantel-Haenszel chi-squared test", test, StringComparison.Ordinal),
            "Mantel-Haenszel X-squared", statistic, 1, p, estimateName, estimate, ci.Low, ci.High, warnings);
        return new MantelHaenszelResult(result, used, leftOut);
    }
}

/// <summary>A Mantel-Haenszel estimate with its test, and how many strata it used and left out (a group absent).</summary>
public sealed record MantelHaenszelResult(TestResult Result, int StrataUsed, int StrataLeftOut);
