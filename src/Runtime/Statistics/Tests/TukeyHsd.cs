using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>One pair of Tukey's honestly significant differences, as a row of <c>TukeyHSD(aov(y ~ g))</c>.</summary>
/// <param name="First">The later group (index into the groups given): R's "B-A" has First = B.</param>
/// <param name="Second">The earlier group.</param>
/// <param name="Difference">mean(First) − mean(Second) (R's <c>diff</c>).</param>
/// <param name="StandardError">sqrt(MSE / 2 · (1/n_a + 1/n_b)): the scale of the studentized range.</param>
/// <param name="Q">|Difference| / StandardError, the studentized range statistic of the pair.</param>
/// <param name="Lower">Family-wise 95% lower limit (R's <c>lwr</c>).</param>
/// <param name="Upper">Family-wise 95% upper limit (R's <c>upr</c>).</param>
/// <param name="AdjustedPValue">P(Q_{k,ν} &gt; q) (R's <c>p adj</c>).</param>
public sealed record TukeyPair(int First, int Second, double Difference, double StandardError, double Q, double Lower, double Upper, double AdjustedPValue);

/// <summary>Tukey HSD pairs with the model's residual df, MSE and critical value; <see cref="Warnings"/> says why numbers are NaN.</summary>
public sealed record TukeyHsdResult(IReadOnlyList<TukeyPair> Pairs, double DegreesOfFreedom, double MeanSquareError, double CriticalValue, IReadOnlyList<string> Warnings);

/// <summary>Tukey's honestly significant differences between every pair of group means.</summary>
/// <remarks>
/// From the one-way ANOVA y ~ g with k groups and ν = N − k residual df, MSE = Σ (n_i − 1) s_i² / ν.
/// For groups a &lt; b: d = ȳ_b − ȳ_a, SE = sqrt(MSE / 2 · (1/n_a + 1/n_b)), CI d ± q_{0.95; k, ν} SE
/// and p = P(Q_{k,ν} &gt; |d| / SE), Q the studentized range (<see cref="StudentizedRange"/>): Tukey
/// (1953), with the Tukey-Kramer form of the SE for unequal n (Kramer 1956, Biometrics 12:307;
/// Hsu 1996, Multiple Comparisons, section 5.2). R: <c>TukeyHSD(aov(y ~ g), conf.level = 0.95)</c>,
/// whose pairs run (2-1, 3-1, ..., k-1, 3-2, ...). Groups without values are left out of the
/// model (as R drops unused levels); their pairs are NaN. O(N + k² · cost of ptukey).
/// </remarks>
public static class TukeyHsd
{
    /// <summary>All pairs of the <paramref name="groups"/> (at least 2 with values, and a residual df of at least 2).</summary>
    public static TukeyHsdResult Test(IReadOnlyList<double[]> groups, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var warnings = new List<string>();
        double[][] samples = groups.Select((g, i) => Samples.Finite(g ?? [], string.Create(CultureInfo.InvariantCulture, $"group {i + 1}"), warnings)).ToArray();
        int[] used = Enumerable.Range(0, samples.Length).Where(i => samples[i].Length > 0).ToArray();
        int k = used.Length;
        double n = used.Sum(i => samples[i].Length);
        double df = n - k;
        double[] means = samples.Select(s => s.Length == 0 ? double.NaN : Descriptives.Mean(s)).ToArray();
        double within = used.Sum(i => Descriptives.SumOfSquaredDeviations(samples[i], means[i]));
        double mse = df > 0 ? within / df : double.NaN;
        if (k < samples.Length)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{samples.Length - k} group(s) without values left out of the model; their pairs are NA"));
        }

        if (k < 2 || df < 2 || !(mse > 0))
        {
            warnings.Add(k < 2 ? "Tukey HSD needs at least 2 groups with values"
                : df < 2 ? string.Create(CultureInfo.InvariantCulture, $"Tukey HSD needs at least 2 residual degrees of freedom (N − k = {df}); the studentized range is undefined below 2, as R's ptukey")
                : "Tukey HSD is undefined: no variation within groups");
            mse = double.NaN;
        }

        double critical = double.IsNaN(mse) ? double.NaN : StudentizedRange.Quantile(confidenceLevel, k, df);
        var pairs = new List<TukeyPair>();
        for (int a = 0; a < samples.Length; a++)
        {
            for (int b = a + 1; b < samples.Length; b++)
            {
                double difference = means[b] - means[a];
                double se = Math.Sqrt(mse / 2 * ((1.0 / samples[a].Length) + (1.0 / samples[b].Length)));
                if (double.IsNaN(difference) || double.IsNaN(se))
                {
                    pairs.Add(new TukeyPair(b, a, difference, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
                    continue;
                }

                double q = Math.Abs(difference) / se;
                pairs.Add(new TukeyPair(b, a, difference, se, q, difference - (critical * se), difference + (critical * se), StudentizedRange.UpperTail(q, k, df)));
            }
        }

        return new TukeyHsdResult(pairs, df, mse, critical, warnings);
    }
}
