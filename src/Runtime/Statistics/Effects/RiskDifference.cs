using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The risk difference of a binary outcome between two groups, with Newcombe's hybrid score interval.</summary>
public static class RiskDifference
{
    private const string Method = "risk difference, Newcombe hybrid score 95% CI; Pearson chi-squared test without continuity correction";

    /// <summary>
    /// p1 - p2 with its 95% CI and the Pearson χ² test (1 df, no continuity correction). O(1).
    /// </summary>
    /// <remarks>
    /// The interval is Newcombe's (1998, Statistics in Medicine 17, 873-890) method 10, the hybrid score interval: with
    /// (l1, u1) and (l2, u2) the Wilson score limits of p1 and p2 (<see cref="Proportions.Wilson"/>), the limits are
    /// d - √((p1 - l1)² + (u2 - p2)²) and d + √((u1 - p1)² + (p2 - l2)²), d = p1 - p2. It stays inside [-1, 1] and is
    /// defined with zero cells. R has no function for it; the fixture computes it from
    /// <c>prop.test(x, n, correct = FALSE)$conf.int</c> by this formula. The p-value is the score (Pearson) test
    /// of p1 = p2, R <c>prop.test(c(x1, x2), c(n1, n2), correct = FALSE)</c>: X² = N (ad - bc)² / (n1 n2 m1 m0),
    /// undefined (NaN) when no subject or every subject had the event.
    /// </remarks>
    public static TestResult Newcombe(TwoGroupCounts counts)
    {
        var warnings = new List<string>();
        if (Undefined(counts, warnings) is { } undefined)
        {
            return undefined;
        }

        double p1 = (double)counts.EventsFirst / counts.NFirst;
        double p2 = (double)counts.EventsSecond / counts.NSecond;
        ProportionInterval w1 = Proportions.Wilson(counts.EventsFirst, counts.NFirst);
        ProportionInterval w2 = Proportions.Wilson(counts.EventsSecond, counts.NSecond);
        double d = p1 - p2;
        double low = d - System.Math.Sqrt(((p1 - w1.Lower) * (p1 - w1.Lower)) + ((w2.Upper - p2) * (w2.Upper - p2)));
        double high = d + System.Math.Sqrt(((w1.Upper - p1) * (w1.Upper - p1)) + ((p2 - w2.Lower) * (p2 - w2.Lower)));
        double statistic = PearsonChiSquare(counts);
        if (double.IsNaN(statistic))
        {
            warnings.Add(counts.EventsFirst + counts.EventsSecond == 0
                ? "no subject had the event: the chi-squared test is undefined (the risk difference is 0)"
                : "every subject had the event: the chi-squared test is undefined (the risk difference is 0)");
        }

        return new TestResult(Method, "X-squared", statistic, 1, EffectMath.ChiSquareOneDfP(statistic), "risk difference", d, low, high, warnings);
    }

    /// <summary>Pearson's X² of the 2 × 2 table without continuity correction; NaN when a margin is zero.</summary>
    internal static double PearsonChiSquare(TwoGroupCounts t)
    {
        double n = t.Total;
        double m1 = t.A + t.C;
        double m0 = t.B + t.D;
        double denominator = (double)t.NFirst * t.NSecond * m1 * m0;
        if (denominator == 0)
        {
            return double.NaN;
        }

        double cross = ((double)t.A * t.D) - ((double)t.B * t.C);
        return n * cross * cross / denominator;
    }

    /// <summary>An undefined result when the counts are invalid or a group is empty; null when the measure is defined.</summary>
    internal static TestResult? Undefined(TwoGroupCounts counts, List<string> warnings, string method = Method, string statisticName = "X-squared")
    {
        if (!counts.IsValid)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the counts are not a 2 x 2 table: {counts.EventsFirst} of {counts.NFirst} and {counts.EventsSecond} of {counts.NSecond}"));
            return TestResult.Undefined(method, statisticName, warnings);
        }

        if (counts.NFirst == 0 || counts.NSecond == 0)
        {
            warnings.Add(counts.NFirst == 0 && counts.NSecond == 0
                ? "both groups are empty: no risk can be estimated"
                : (counts.NFirst == 0 ? "the first" : "the second") + " group has no subjects with a value: its risk, and so the comparison, is undefined");
            return TestResult.Undefined(method, statisticName, warnings);
        }

        return null;
    }
}
