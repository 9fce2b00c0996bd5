using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Events over person-time in two groups: the incidence rate ratio and rate difference.</summary>
public static class IncidenceRates
{
    private const string RatioMethod = "incidence rate ratio, exact conditional (binomial) 95% CI and test";
    private const string DifferenceMethod = "incidence rate difference, Wald 95% CI and z test";

    /// <summary>R's tolerance for probabilities equal to the observed one (<c>relErr</c> in binom.test).</summary>
    private const double RelativeError = 1 + 1e-7;

    /// <summary>
    /// (x1 / t1) / (x2 / t2) with its exact 95% CI and two-sided p, as R's <c>poisson.test(c(x1, x2), c(t1, t2))</c>.
    /// O(x1 + x2) for the p-value.
    /// </summary>
    /// <remarks>
    /// Given n = x1 + x2 events, x1 is binomial(n, π) with π = t1 IRR / (t1 IRR + t2) (Armitage, Berry and Matthews 2002,
    /// Statistical Methods in Medical Research, 4th ed., section 5.3; R src/library/stats/R/poisson.test.R). The test is
    /// <c>binom.test(x1, n, t1 / (t1 + t2))</c>: the p-value sums the probabilities of every count no more likely than x1
    /// (within R's relative 1e-7); the CI is the Clopper-Pearson interval of π, Beta(α/2; x1, n - x1 + 1) to
    /// Beta(1 - α/2; x1 + 1, n - x1), mapped to IRR = π / (1 - π) · t2 / t1. The beta quantiles are solved by Brent's
    /// method on the regularized incomplete beta function to 1e-15. With no events at all the test is undefined (R stops).
    /// </remarks>
    public static TestResult RateRatio(int eventsFirst, double timeFirst, int eventsSecond, double timeSecond)
    {
        var warnings = new List<string>();
        if (Invalid(eventsFirst, timeFirst, eventsSecond, timeSecond, warnings, RatioMethod, "count1") is { } invalid)
        {
            return invalid;
        }

        int n = eventsFirst + eventsSecond;
        if (n == 0)
        {
            warnings.Add("no events in either group: the rate ratio and its exact test are undefined");
            return TestResult.Undefined(RatioMethod, "count1", warnings);
        }

        double pi0 = timeFirst / (timeFirst + timeSecond);
        double p = BinomialTestP(eventsFirst, n, pi0);
        double low = eventsFirst == 0 ? 0 : BetaQuantile(0.025, eventsFirst, n - eventsFirst + 1);
        double high = eventsFirst == n ? 1 : BetaQuantile(0.975, eventsFirst + 1, n - eventsFirst);
        double ratio = eventsFirst / timeFirst / (eventsSecond / timeSecond);
        if (eventsFirst == 0 || eventsSecond == 0)
        {
            warnings.Add((eventsFirst == 0 ? "the first" : "the second") + " group has no events: the rate ratio is "
                + (eventsFirst == 0 ? "0" : "infinite") + " and one limit of its exact CI is " + (eventsFirst == 0 ? "0" : "infinite") + ", as R's poisson.test");
        }

        double Map(double pi) => pi / (1 - pi) * timeSecond / timeFirst;
        return new TestResult(RatioMethod, "count1", eventsFirst, null, p, "rate ratio", ratio, Map(low), Map(high), warnings);
    }

    /// <summary>x1 / t1 - x2 / t2 with its Wald 95% CI and z test. O(1).</summary>
    /// <remarks>
    /// SE = √(x1 / t1² + x2 / t2²), the Poisson variance of each rate (Rothman, Greenland and Lash 2008, Modern
    /// Epidemiology, 3rd ed., ch. 14); CI RD ± 1.96 SE, z = RD / SE. R has no function; the fixture computes this
    /// formula in R. With no events at all the SE is 0 and the CI and test are undefined.
    /// </remarks>
    public static TestResult RateDifference(int eventsFirst, double timeFirst, int eventsSecond, double timeSecond)
    {
        var warnings = new List<string>();
        if (Invalid(eventsFirst, timeFirst, eventsSecond, timeSecond, warnings, DifferenceMethod, "z") is { } invalid)
        {
            return invalid;
        }

        double difference = (eventsFirst / timeFirst) - (eventsSecond / timeSecond);
        double se = Math.Sqrt((eventsFirst / (timeFirst * timeFirst)) + (eventsSecond / (timeSecond * timeSecond)));
        if (!(se > 0))
        {
            warnings.Add("no events in either group: the rate difference is 0 with no variance, so its CI and test are undefined");
            return new TestResult(DifferenceMethod, "z", double.NaN, null, double.NaN, "rate difference", difference, double.NaN, double.NaN, warnings);
        }

        double z = difference / se;
        return new TestResult(DifferenceMethod, "z", z, null, EffectMath.TwoSidedNormalP(z), "rate difference", difference,
            difference - (EffectMath.Z95 * se), difference + (EffectMath.Z95 * se), warnings);
    }

    /// <summary>Expected events of the first group under equal rates, R's <c>poisson.test(...)$parameter</c>.</summary>
    public static double ExpectedFirst(int eventsFirst, double timeFirst, int eventsSecond, double timeSecond) =>
        (eventsFirst + eventsSecond) * timeFirst / (timeFirst + timeSecond);

    private static TestResult? Invalid(int x1, double t1, int x2, double t2, List<string> warnings, string method, string statisticName)
    {
        if (x1 < 0 || x2 < 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"event counts must be non-negative; got {x1} and {x2}"));
            return TestResult.Undefined(method, statisticName, warnings);
        }

        if (!(t1 > 0) || !(t2 > 0) || double.IsInfinity(t1) || double.IsInfinity(t2))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"person-time must be positive in both groups; got {t1.ToString("R", CultureInfo.InvariantCulture)} and {t2.ToString("R", CultureInfo.InvariantCulture)}"));
            return TestResult.Undefined(method, statisticName, warnings);
        }

        return null;
    }

    /// <summary>R's <c>binom.test(x, n, p)$p.value</c>, two-sided (src/library/stats/R/binom.test.R).</summary>
    internal static double BinomialTestP(int x, int n, double p)
    {
        double m = n * p;
        if (x == m)
        {
            return 1;
        }

        double d = Binomial.PMF(p, n, x) * RelativeError;
        double result;
        if (x < m)
        {
            int y = 0;
            for (int i = (int)Math.Ceiling(m); i <= n; i++)
            {
                y += Binomial.PMF(p, n, i) <= d ? 1 : 0;
            }

            result = LowerTail(x, n, p) + UpperTail(n - y, n, p);
        }
        else
        {
            int y = 0;
            for (int i = 0; i <= (int)Math.Floor(m); i++)
            {
                y += Binomial.PMF(p, n, i) <= d ? 1 : 0;
            }

            result = LowerTail(y - 1, n, p) + UpperTail(x - 1, n, p);
        }

        return Math.Min(1, result);
    }

    /// <summary>P(X ≤ k) = I_{1-p}(n - k, k + 1), 0 for k &lt; 0 and 1 for k ≥ n.</summary>
    private static double LowerTail(int k, int n, double p) =>
        k < 0 ? 0 : k >= n ? 1 : SpecialFunctions.BetaRegularized(n - k, k + 1, 1 - p);

    /// <summary>P(X &gt; k) = I_p(k + 1, n - k), 1 for k &lt; 0 and 0 for k ≥ n.</summary>
    private static double UpperTail(int k, int n, double p) =>
        k < 0 ? 1 : k >= n ? 0 : SpecialFunctions.BetaRegularized(k + 1, n - k, p);

    /// <summary>The q-quantile of Beta(a, b): the root of I_x(a, b) = q in (0, 1).</summary>
    private static double BetaQuantile(double q, double a, double b) =>
        Brent.FindRoot(x => SpecialFunctions.BetaRegularized(a, b, x) - q, 0, 1, 1e-15, 500);
}
