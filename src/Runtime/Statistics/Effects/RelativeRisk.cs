using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The relative risk (risk ratio) of a binary outcome between two groups, with the log (Katz) interval.</summary>
public static class RelativeRisk
{
    private const string Method = "relative risk, log (Katz) 95% CI; Wald z test of log RR";

    /// <summary>p1 / p2 with its 95% CI and the Wald z test of log RR = 0. O(1).</summary>
    /// <remarks>
    /// SE(log RR) = √(1/a - 1/n1 + 1/c - 1/n2) (Katz, Baptista, Azen and Pike 1978, Biometrics 34, 469-474); CI
    /// exp(log RR ± 1.96 SE); z = log RR / SE. For two groups this is the saturated log-binomial model, so R's
    /// <c>glm(cbind(x, n - x) ~ group, family = binomial(link = "log"))</c> gives the same log RR and SE (the fixture
    /// records both). With a zero event count the log scale is undefined: the estimate is 0 (a = 0), infinite (c = 0) or
    /// undefined (both), and the CI and p are NaN with a warning. No 0.5 (Haldane-Anscombe) correction is added:
    /// R's glm and epidemiology packages differ on it, and a corrected estimate would look measured when it is not.
    /// </remarks>
    public static TestResult Katz(TwoGroupCounts counts)
    {
        var warnings = new List<string>();
        if (RiskDifference.Undefined(counts, warnings, Method, "z") is { } undefined)
        {
            return undefined;
        }

        double p1 = (double)counts.EventsFirst / counts.NFirst;
        double p2 = (double)counts.EventsSecond / counts.NSecond;
        double rr = counts.EventsFirst == 0 && counts.EventsSecond == 0 ? double.NaN : p1 / p2;
        if (counts.EventsFirst == 0 || counts.EventsSecond == 0)
        {
            warnings.Add((counts.EventsFirst == 0 && counts.EventsSecond == 0 ? "neither group has an event"
                    : (counts.EventsFirst == 0 ? "the first" : "the second") + " group has no event")
                + " (a zero cell): the relative risk's log CI and test are undefined; no 0.5 (Haldane) correction is applied");
            return new TestResult(Method, "z", double.NaN, null, double.NaN, "relative risk", rr, double.NaN, double.NaN, warnings);
        }

        double se = Math.Sqrt((1.0 / counts.EventsFirst) - (1.0 / counts.NFirst) + (1.0 / counts.EventsSecond) - (1.0 / counts.NSecond));
        if (!(se > 0))
        {
            warnings.Add("every subject of both groups had the event: the relative risk is 1 with no variance, so its CI and test are undefined");
            return new TestResult(Method, "z", double.NaN, null, double.NaN, "relative risk", rr, double.NaN, double.NaN, warnings);
        }

        double log = Math.Log(rr);
        double z = log / se;
        return new TestResult(Method, "z", z, null, EffectMath.TwoSidedNormalP(z), "relative risk", rr,
            Math.Exp(log - (EffectMath.Z95 * se)), Math.Exp(log + (EffectMath.Z95 * se)), warnings);
    }
}
