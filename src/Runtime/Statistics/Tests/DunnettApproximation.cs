using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// emmeans' <c>"dunnettx"</c> adjustment: an approximation to the distribution of max |T_i| over k many-to-one
/// contrasts (Dunnett 1955) that needs no multivariate t integral, emmeans' default for <c>trt.vs.ctrl</c>.
/// </summary>
/// <remarks>
/// P(max |T| ≤ x) ≈ w · P(Q_k' ≤ √2 x; ν) + (1 − w) · P(F(1, ν) ≤ x²)^k, with w = (k − 1)/k and k' = (1 + √(1 + 8k)) / 2
/// means for the studentized range Q (the k' whose k'(k' − 1)/2 pairs number k): a weighted mix of Tukey's bound and
/// Šidák's (Lenth, emmeans documentation, "summary.emmGrid", adjust = "dunnettx"; emmeans:::.pdunnx). ν = ∞ gives the
/// normal case (z tests of a GLM). For k = 1 both parts are the t test. The quantile solves the same equation by
/// Brent's method between the Tukey and Šidák quantiles to 1e-12 (emmeans' .qdunnx stops at 5e-4, so its intervals
/// carry about three digits of the multiplier; the fixture solves it tightly in R).
/// </remarks>
public static class DunnettApproximation
{
    /// <summary>P(max |T| ≤ x) for <paramref name="k"/> contrasts on <paramref name="df"/> df (∞ allowed).</summary>
    public static double Cdf(double x, int k, double df)
    {
        if (double.IsNaN(x) || k < 1 || !(df > 0))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 0;
        }

        double weight = (k - 1.0) / k;
        double sidak = Math.Pow(double.IsPositiveInfinity(df) ? ChiSquared.CDF(1, x * x) : FisherSnedecor.CDF(1, df, x * x), k);
        if (k == 1)
        {
            return sidak;
        }

        double tukey = StudentizedRange.Cdf(Math.Sqrt(2) * x, (1 + Math.Sqrt(1 + (8.0 * k))) / 2, df);
        return (weight * tukey) + ((1 - weight) * sidak);
    }

    /// <summary>The adjusted p-value P(max |T| &gt; |t|), as emmeans reports it.</summary>
    public static double UpperTail(double t, int k, double df) => 1 - Cdf(Math.Abs(t), k, df);

    /// <summary>The x with <see cref="Cdf"/>(x) = p: the multiplier of the simultaneous intervals.</summary>
    public static double Quantile(double p, int k, double df)
    {
        if (!(df > 0) || k < 1 || !(p > 0 && p < 1))
        {
            return double.NaN;
        }

        if (k == 1)
        {
            return double.IsPositiveInfinity(df) ? Normal.InvCDF(0, 1, 1 - (0.5 * (1 - p))) : StudentT.InvCDF(0, 1, df, 1 - (0.5 * (1 - p)));
        }

        // The Šidák and Tukey quantiles bracket the mixture's (emmeans searches between them too).
        double sidak = Math.Sqrt(double.IsPositiveInfinity(df) ? ChiSquared.InvCDF(1, Math.Pow(p, 1.0 / k)) : FisherSnedecor.InvCDF(1, df, Math.Pow(p, 1.0 / k)));
        double tukey = StudentizedRange.Quantile(p, (1 + Math.Sqrt(1 + (8.0 * k))) / 2, df) / Math.Sqrt(2);
        double low = Math.Min(sidak, tukey) * 0.999, high = Math.Max(sidak, tukey) * 1.001;
        return Brent.FindRoot(x => Cdf(x, k, df) - p, low, high, 1e-12, 200);
    }
}
