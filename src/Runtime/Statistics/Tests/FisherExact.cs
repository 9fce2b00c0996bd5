using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Fisher's exact test of independence in a contingency table.</summary>
public static partial class FisherExact
{
    private const string TwoByTwoMethod = "Fisher's exact test (2 x 2), conditional maximum likelihood odds ratio";
    private const string StatisticName = "a (count in cell [1,1])";

    /// <summary>R's tolerance for probabilities equal to the observed one (<c>relErr</c> in fisher.test).</summary>
    private const double RelativeError = 1 + 1e-7;

    /// <summary>
    /// Fisher's exact test of the table [[a, b], [c, d]] (rows: groups; columns: event yes/no):
    /// two-sided p, conditional maximum likelihood odds ratio and its exact 95% CI.
    /// O(min(row, column totals)) per density evaluation; the estimate and CI need ~50 each.
    /// </summary>
    /// <remarks>
    /// Given all margins, a follows the hypergeometric distribution under independence. The
    /// two-sided p sums the probabilities of every table no more likely than the observed one
    /// (within a relative 1e-7, R's <c>relErr</c>) (Agresti 2002, Categorical Data Analysis,
    /// 2nd ed., section 3.5.1). The odds ratio is the conditional MLE: the psi at which the mean
    /// of Fisher's noncentral hypergeometric distribution equals a; the CI limits are the psi at
    /// which P(X &gt;= a) and P(X &lt;= a) equal 0.025 (Cornfield 1956; Agresti 2002, section 3.6.1).
    /// The roots are found by Brent's method on the same intervals R uses, but to ~1e-14 rather
    /// than <c>uniroot</c>'s default 1.2e-4, so estimates can differ from R's printout in the
    /// fifth significant digit; they match R run with a tight <c>uniroot</c> tolerance.
    /// R: <c>fisher.test(matrix(c(a, c, b, d), 2))</c> (src/library/stats/R/fisher.test.R).
    /// </remarks>
    public static TestResult TwoByTwo(int a, int b, int c, int d)
    {
        var warnings = new List<string>();
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Fisher's exact test needs non-negative counts; got [[{a}, {b}], [{c}, {d}]]"));
            return TestResult.Undefined(TwoByTwoMethod, StatisticName, warnings);
        }

        if ((long)a + b + c + d == 0)
        {
            warnings.Add("Fisher's exact test is undefined for an empty table");
            return TestResult.Undefined(TwoByTwoMethod, StatisticName, warnings);
        }

        var distribution = new NoncentralHypergeometric(a + c, b + d, a + b);
        double[] density = distribution.Density(1);
        double observed = density[a - distribution.Low] * RelativeError;
        double p = 0;
        foreach (double probability in density)
        {
            if (probability <= observed)
            {
                p += probability;
            }
        }

        p = Math.Min(1, p);
        if (distribution.Low == distribution.High)
        {
            warnings.Add("odds ratio is undefined: a row or column total is zero");
            return new TestResult(TwoByTwoMethod, StatisticName, a, null, p, "odds ratio", double.NaN, double.NaN, double.NaN, warnings);
        }

        double estimate = ConditionalMle(distribution, a, warnings);
        (double low, double high) = ConfidenceInterval(distribution, a, 0.025, warnings);
        return new TestResult(TwoByTwoMethod, StatisticName, a, null, p, "odds ratio", estimate, low, high, warnings);
    }
}
