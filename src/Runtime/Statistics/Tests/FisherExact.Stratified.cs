using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The exact conditional test of a common odds ratio over strata, and its conditional maximum likelihood estimate.</summary>
public static partial class FisherExact
{
    private const string StratifiedMethod = "conditional maximum likelihood common odds ratio over strata with exact 95% CI; "
        + "exact conditional test of independence in 2 x 2 x K tables, R mantelhaen.test(exact = TRUE)";

    private const string StratifiedStatistic = "S (sum of the [1,1] cells)";

    /// <summary>
    /// R's <c>mantelhaen.test(x, exact = TRUE)</c> for a 2 × 2 × K table: S = Σ a_k; two-sided p, the conditional MLE of
    /// the common odds ratio, and its exact 95% CI. Strata in which a group has no subjects are degenerate (one possible
    /// table) and are passed by the caller or not: they change nothing.
    /// </summary>
    /// <remarks>
    /// Given every stratum's margins, S follows the convolution of the strata's noncentral hypergeometric distributions
    /// with the one common odds ratio ψ (<see cref="NoncentralHypergeometric(IReadOnlyList{ValueTuple{int, int, int}})"/>;
    /// Agresti 2002, Categorical Data Analysis, 2nd ed., section 6.7.5; Mehta, Patel and Gray 1985). The p-value sums the
    /// null probabilities of every S no more likely than the observed one (R's relative 1e-7); the estimate solves
    /// E[S; ψ] = s and the limits P(S ≥ s; ψ) = 0.025 and P(S ≤ s; ψ) = 0.025, by the same root searches as the 2 × 2 case
    /// (to ~1e-14; R's uniroot default is 1.2e-4, see <see cref="TwoByTwo"/>). R: src/library/stats/R/mantelhaen.test.R.
    /// O(K · range²) for the null distribution, then O(range) per density evaluation.
    /// </remarks>
    public static TestResult Stratified(IReadOnlyList<TwoGroupCounts> strata)
    {
        var warnings = new List<string>();
        if (strata.Count == 0 || strata.Any(s => !s.IsValid))
        {
            warnings.Add("the exact stratified test needs at least one stratum of valid counts");
            return TestResult.Undefined(StratifiedMethod, StratifiedStatistic, warnings);
        }

        var distribution = new NoncentralHypergeometric(strata.Select(s => (s.A + s.C, s.B + s.D, s.A + s.B)).ToArray());
        int observed = strata.Sum(s => s.A);
        double[] density = distribution.Density(1);
        double threshold = density[observed - distribution.Low] * RelativeError;
        double p = 0;
        foreach (double probability in density)
        {
            if (probability <= threshold)
            {
                p += probability;
            }
        }

        p = System.Math.Min(1, p);
        if (distribution.Low == distribution.High)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the common odds ratio is undefined: in each of the {strata.Count} strata a group or an outcome is absent, so only one table is possible"));
            return new TestResult(StratifiedMethod, StratifiedStatistic, observed, null, p, "common odds ratio (conditional MLE)", double.NaN, double.NaN, double.NaN, warnings);
        }

        double estimate = ConditionalMle(distribution, observed, warnings);
        (double low, double high) = ConfidenceInterval(distribution, observed, 0.025, warnings);
        return new TestResult(StratifiedMethod, StratifiedStatistic, observed, null, p, "common odds ratio (conditional MLE)", estimate, low, high, warnings);
    }
}
