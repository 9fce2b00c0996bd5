using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The odds ratio of a binary outcome between two groups: Wald (log) or conditional maximum likelihood.</summary>
public static class OddsRatio
{
    private const string WaldMethod = "odds ratio, Wald (log) 95% CI; Wald z test of log OR";
    private const string ConditionalMethod = "odds ratio, conditional maximum likelihood with exact 95% CI; Fisher's exact test";

    /// <summary>ad / (bc) with its Wald 95% CI and z test. O(1).</summary>
    /// <remarks>
    /// SE(log OR) = √(1/a + 1/b + 1/c + 1/d) (Woolf 1955; Agresti 2002, Categorical Data Analysis, 2nd ed., eq. 3.1);
    /// CI exp(log OR ± 1.96 SE), z = log OR / SE. R: the group coefficient of
    /// <c>glm(cbind(x, n - x) ~ group, family = binomial)</c> with <c>confint.default</c> (the Wald interval) and its
    /// <c>summary</c> p-value. A zero cell makes log OR infinite or undefined: the estimate is 0, infinite or NaN, the CI
    /// and p are NaN, with a warning that points to the conditional estimate, which is defined there (as R's
    /// <c>fisher.test</c>: 0 or Inf with a one-sided exact limit). No 0.5 (Haldane) correction is applied.
    /// </remarks>
    public static TestResult Wald(TwoGroupCounts counts)
    {
        var warnings = new List<string>();
        if (RiskDifference.Undefined(counts, warnings, WaldMethod, "z") is { } undefined)
        {
            return undefined;
        }

        double numerator = (double)counts.A * counts.D;
        double denominator = (double)counts.B * counts.C;
        double or = numerator == 0 && denominator == 0 ? double.NaN : numerator / denominator;
        if (counts.HasZeroCell)
        {
            warnings.Add("a cell of the 2 x 2 table is zero: the Wald CI and test of the odds ratio are undefined (no 0.5 Haldane correction is applied); "
                + "'using odds_ratio conditional' gives the conditional estimate with its exact CI, as R's fisher.test");
            return new TestResult(WaldMethod, "z", double.NaN, null, double.NaN, "odds ratio", or, double.NaN, double.NaN, warnings);
        }

        double se = Math.Sqrt((1.0 / counts.A) + (1.0 / counts.B) + (1.0 / counts.C) + (1.0 / counts.D));
        double log = Math.Log(or);
        double z = log / se;
        return new TestResult(WaldMethod, "z", z, null, EffectMath.TwoSidedNormalP(z), "odds ratio", or,
            Math.Exp(log - (EffectMath.Z95 * se)), Math.Exp(log + (EffectMath.Z95 * se)), warnings);
    }

    /// <summary>
    /// The conditional maximum likelihood odds ratio with its exact 95% CI and Fisher's exact p: R's <c>fisher.test</c>
    /// estimate, <c>conf.int</c> and <c>p.value</c> (<see cref="FisherExact.TwoByTwo"/>; see its remarks on the root
    /// tolerance). With a zero cell the estimate is 0 or Inf and one limit is 0 or Inf, as R.
    /// </summary>
    public static TestResult Conditional(TwoGroupCounts counts)
    {
        var warnings = new List<string>();
        if (RiskDifference.Undefined(counts, warnings, ConditionalMethod, "a (count in cell [1,1])") is { } undefined)
        {
            return undefined;
        }

        TestResult fisher = FisherExact.TwoByTwo(counts.A, counts.B, counts.C, counts.D);
        return fisher with { Method = ConditionalMethod, EstimateName = "odds ratio (conditional MLE)" };
    }
}
