using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>One-way analysis of means of k independent groups.</summary>
public static class OneWayAnova
{
    private const string EqualVariancesMethod = "One-way analysis of means (equal variances)";
    private const string WelchMethod = "One-way analysis of means (Welch, not assuming equal variances)";

    /// <summary>Classical one-way ANOVA F test. O(N).</summary>
    /// <remarks>
    /// F = [sum n_i (mean_i - mean)^2 / (k - 1)] / [sum (n_i - 1) s_i^2 / (N - k)] on (k - 1, N - k)
    /// df; p = P(F(k - 1, N - k) &gt; F) (Armitage, Berry &amp; Matthews 2002, section 8.1).
    /// As R's <c>oneway.test</c>, every group needs at least 2 observations.
    /// R: <c>oneway.test(y ~ g, var.equal = TRUE)</c>, the same F as <c>anova(lm(y ~ g))</c>.
    /// </remarks>
    public static TestResult Test(IReadOnlyList<double[]> groups)
    {
        var warnings = new List<string>();
        if (!TryMoments(groups, EqualVariancesMethod, warnings, out Moments[] g))
        {
            return TestResult.Undefined(EqualVariancesMethod, "F", warnings);
        }

        int k = g.Length;
        double n = 0, grandSum = 0;
        foreach (Moments m in g)
        {
            n += m.N;
            grandSum += m.N * m.Mean;
        }

        double grandMean = grandSum / n;
        double between = 0, within = 0;
        foreach (Moments m in g)
        {
            between += m.N * (m.Mean - grandMean) * (m.Mean - grandMean);
            within += (m.N - 1) * m.Variance;
        }

        double df1 = k - 1, df2 = n - k;
        // anova(lm(y ~ g)): SS between = Σ n_i (mean_i − mean)², SS within = Σ (n_i − 1) s_i², MS = SS / df.
        SumOfSquaresRow[] table =
        [
            new("between", df1, between, between / df1),
            new("within", df2, within, within / df2),
        ];
        if (!(within > 0))
        {
            warnings.Add("one-way ANOVA is undefined: no variation within groups");
            return TestResult.Undefined(EqualVariancesMethod, "F", warnings) with { DegreesOfFreedom = df1, DenominatorDegreesOfFreedom = df2, SumsOfSquares = table };
        }

        double f = between / df1 / (within / df2);
        return Result(EqualVariancesMethod, f, df1, df2, warnings) with { SumsOfSquares = table };
    }

    /// <summary>Welch's heteroscedastic one-way ANOVA. O(N).</summary>
    /// <remarks>
    /// With weights w_i = n_i / s_i^2, the weighted mean m = sum w_i mean_i / sum w_i and
    /// A = sum (1 - w_i / sum w)^2 / (n_i - 1) / (k^2 - 1):
    /// F = [sum w_i (mean_i - m)^2 / (k - 1)] / (1 + 2 (k - 2) A) on (k - 1, 1 / (3 A)) df
    /// (Welch 1951, Biometrika 38:330-336). R: <c>oneway.test(y ~ g)</c> (src/library/stats/R/oneway.test.R).
    /// </remarks>
    public static TestResult Welch(IReadOnlyList<double[]> groups)
    {
        var warnings = new List<string>();
        if (!TryMoments(groups, WelchMethod, warnings, out Moments[] g))
        {
            return TestResult.Undefined(WelchMethod, "F", warnings);
        }

        int k = g.Length;
        if (Array.Exists(g, m => !(m.Variance > 0)))
        {
            warnings.Add("Welch one-way ANOVA is undefined: a group has zero variance");
            return TestResult.Undefined(WelchMethod, "F", warnings);
        }

        double sumW = 0, weightedSum = 0;
        foreach (Moments m in g)
        {
            double w = m.N / m.Variance;
            sumW += w;
            weightedSum += w * m.Mean;
        }

        double mean = weightedSum / sumW;
        double a = 0, between = 0;
        foreach (Moments m in g)
        {
            double w = m.N / m.Variance;
            a += (1 - (w / sumW)) * (1 - (w / sumW)) / (m.N - 1);
            between += w * (m.Mean - mean) * (m.Mean - mean);
        }

        a /= ((double)k * k) - 1;
        double f = between / ((k - 1) * (1 + (2 * (k - 2) * a)));
        return Result(WelchMethod, f, k - 1, 1 / (3 * a), warnings);
    }

    private static TestResult Result(string method, double f, double df1, double df2, List<string> warnings)
    {
        // P(F(df1, df2) > f) = I_{df2 / (df2 + df1 f)}(df2 / 2, df1 / 2), accurate in the upper tail.
        double p = SpecialFunctions.BetaRegularized(df2 / 2, df1 / 2, df2 / (df2 + (df1 * f)));
        return new TestResult(method, "F", f, df1, p, null, null, null, null, warnings) { DenominatorDegreesOfFreedom = df2 };
    }

    private static bool TryMoments(IReadOnlyList<double[]> groups, string method, List<string> warnings, out Moments[] moments)
    {
        ArgumentNullException.ThrowIfNull(groups);
        moments = new Moments[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            double[] values = Samples.Finite(groups[i] ?? [], string.Create(CultureInfo.InvariantCulture, $"group {i + 1}"), warnings);
            double mean = values.Length == 0 ? double.NaN : Descriptives.Mean(values);
            double variance = values.Length < 2 ? double.NaN : Descriptives.SumOfSquaredDeviations(values, mean) / (values.Length - 1);
            moments[i] = new Moments(values.Length, mean, variance);
        }

        if (groups.Count < 2)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{method} needs at least 2 groups; got {groups.Count}"));
            return false;
        }

        if (Array.Exists(moments, m => m.N < 2))
        {
            string sizes = string.Join(", ", Array.ConvertAll(moments, m => m.N.ToString(CultureInfo.InvariantCulture)));
            warnings.Add($"{method} needs at least 2 observations per group; group sizes {sizes}");
            return false;
        }

        return true;
    }

    private readonly record struct Moments(int N, double Mean, double Variance);
}
