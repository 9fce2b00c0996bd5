using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Tests that k groups have equal variances: Bartlett's and Levene's (Brown-Forsythe) tests.</summary>
public static class VarianceHomogeneity
{
    private const string BartlettMethod = "Bartlett test of homogeneity of variances";

    /// <summary>Bartlett's test of equal variances across groups. O(N).</summary>
    /// <remarks>
    /// With N values in k groups, s_i² the sample variances and s_p² = Σ (n_i − 1) s_i² / (N − k):
    /// K² = [(N − k) ln s_p² − Σ (n_i − 1) ln s_i²] / [1 + (Σ 1/(n_i − 1) − 1/(N − k)) / (3 (k − 1))],
    /// approximately χ² on k − 1 df under normality (Bartlett 1937, Proc. R. Soc. A 160:268-282;
    /// Snedecor and Cochran 1989, Statistical Methods, 8th ed., section 13.9). Every group needs 2
    /// values and a positive variance (ln 0). R: <c>bartlett.test(y, g)</c>.
    /// </remarks>
    public static TestResult Bartlett(IReadOnlyList<double[]> groups)
    {
        var warnings = new List<string>();
        if (!TryGroups(groups, BartlettMethod, warnings, out double[][] samples))
        {
            return TestResult.Undefined(BartlettMethod, "Bartlett's K-squared", warnings);
        }

        int k = samples.Length;
        double n = samples.Sum(s => s.Length);
        double[] variances = samples.Select(s => Descriptives.SumOfSquaredDeviations(s, Descriptives.Mean(s)) / (s.Length - 1)).ToArray();
        if (variances.Any(v => !(v > 0)))
        {
            warnings.Add("Bartlett's test is undefined: a group has zero variance");
            return TestResult.Undefined(BartlettMethod, "Bartlett's K-squared", warnings) with { DegreesOfFreedom = k - 1 };
        }

        double pooled = 0, logSum = 0, reciprocal = 0;
        for (int i = 0; i < k; i++)
        {
            double df = samples[i].Length - 1;
            pooled += df * variances[i];
            logSum += df * Math.Log(variances[i]);
            reciprocal += 1 / df;
        }

        pooled /= n - k;
        double statistic = (((n - k) * Math.Log(pooled)) - logSum) / (1 + ((reciprocal - (1 / (n - k))) / (3.0 * (k - 1))));
        double p = SpecialFunctions.GammaUpperRegularized((k - 1) / 2.0, statistic / 2);
        return new TestResult(BartlettMethod, "Bartlett's K-squared", statistic, k - 1, p, null, null, null, null, warnings);
    }

    /// <summary>Levene's test of equal variances: the one-way ANOVA F of the absolute deviations from each group's centre. O(N log N).</summary>
    /// <remarks>
    /// z_ij = |y_ij − c_i| with c_i the group median (Brown and Forsythe 1974, JASA 69:364-367; the
    /// default of R's <c>car::leveneTest</c>, <c>center = median</c>) or mean (Levene 1960, in
    /// Contributions to Probability and Statistics, pp. 278-292; <c>center = mean</c>); then
    /// F = [Σ n_i (z̄_i − z̄)² / (k − 1)] / [Σ Σ (z_ij − z̄_i)² / (N − k)] on (k − 1, N − k) df, as
    /// <see cref="OneWayAnova.Test"/> computes it. The median is R's <c>median</c> (the mean of the
    /// two middle values for an even n). R: <c>car::leveneTest(y, g, center = median | mean)</c>.
    /// </remarks>
    public static TestResult Levene(IReadOnlyList<double[]> groups, bool centerMean = false)
    {
        string method = centerMean
            ? "Levene's test of homogeneity of variances (center = mean)"
            : "Levene's test of homogeneity of variances (center = median, Brown-Forsythe)";
        var warnings = new List<string>();
        if (!TryGroups(groups, method, warnings, out double[][] samples))
        {
            return TestResult.Undefined(method, "F", warnings);
        }

        double[][] deviations = samples.Select(s =>
        {
            double center = centerMean ? Descriptives.Mean(s) : Median(s);
            return s.Select(v => Math.Abs(v - center)).ToArray();
        }).ToArray();
        TestResult anova = OneWayAnova.Test(deviations);
        warnings.AddRange(anova.Warnings.Select(w => w.Replace("one-way ANOVA", "Levene's test", StringComparison.Ordinal)));
        return anova with { Method = method, Warnings = warnings, SumsOfSquares = null };
    }

    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>Finite values of each group; as R, at least 2 groups and 2 values in each.</summary>
    internal static bool TryGroups(IReadOnlyList<double[]> groups, string method, List<string> warnings, out double[][] samples)
    {
        ArgumentNullException.ThrowIfNull(groups);
        samples = groups.Select((g, i) => Samples.Finite(g ?? [], string.Create(CultureInfo.InvariantCulture, $"group {i + 1}"), warnings)).ToArray();
        if (samples.Length < 2)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{method} needs at least 2 groups; got {samples.Length}"));
            return false;
        }

        if (samples.Any(s => s.Length < 2))
        {
            warnings.Add($"{method} needs at least 2 observations per group; group sizes {string.Join(", ", samples.Select(s => s.Length.ToString(CultureInfo.InvariantCulture)))}");
            return false;
        }

        return true;
    }
}
