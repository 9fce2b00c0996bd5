using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Kruskal-Wallis rank-sum test of k independent samples.</summary>
public static class KruskalWallis
{
    private const string Method = "Kruskal-Wallis rank-sum test";

    /// <summary>
    /// Tests whether the <paramref name="groups"/> come from the same distribution, against a
    /// shift in location. Sorts the pooled sample once: O(N log N). Empty groups are dropped.
    /// </summary>
    /// <remarks>
    /// H = [12 / (N (N + 1)) * sum(R_i^2 / n_i) - 3 (N + 1)] / [1 - sum(t^3 - t) / (N^3 - N)],
    /// with R_i the rank sum of group i (average ranks for ties) and t the sizes of tie groups;
    /// p = P(chi-squared with k - 1 df &gt; H) (Hollander &amp; Wolfe 1999, section 6.1, eq. 6.5 and
    /// the tie correction 6.8). R: <c>kruskal.test(groups)</c> (src/library/stats/R/kruskal.test.R).
    /// </remarks>
    public static TestResult Test(IReadOnlyList<double[]> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var warnings = new List<string>();
        var samples = new List<double[]>(groups.Count);
        for (int g = 0; g < groups.Count; g++)
        {
            double[] kept = Samples.Finite(groups[g] ?? [], string.Create(CultureInfo.InvariantCulture, $"group {g + 1}"), warnings);
            if (kept.Length > 0)
            {
                samples.Add(kept);
            }
        }

        if (samples.Count < groups.Count)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"ignored {groups.Count - samples.Count} empty group(s)"));
        }

        if (samples.Count < 2)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Kruskal-Wallis test needs at least 2 non-empty groups; got {samples.Count}"));
            return TestResult.Undefined(Method, "H", warnings);
        }

        (double[] rankSums, double tieTerm, int n) = PooledRanks(samples);
        double sum = 0;
        for (int g = 0; g < samples.Count; g++)
        {
            sum += rankSums[g] * rankSums[g] / samples[g].Length;
        }

        double nn = n;
        double df = samples.Count - 1;
        double denominator = 1 - (tieTerm / ((nn * nn * nn) - nn));
        if (!(denominator > 0))
        {
            warnings.Add("Kruskal-Wallis test is undefined: all values are identical");
            return TestResult.Undefined(Method, "H", warnings) with { DegreesOfFreedom = df };
        }

        double h = ((12 * sum / (nn * (nn + 1))) - (3 * (nn + 1))) / denominator;
        double p = SpecialFunctions.GammaUpperRegularized(df / 2, Math.Max(0, h) / 2);
        return new TestResult(Method, "H", h, df, p, null, null, null, null, warnings);
    }

    /// <summary>Rank sum per group (average ranks for ties) and sum(t^3 - t) over tie groups.</summary>
    private static (double[] RankSums, double TieTerm, int N) PooledRanks(List<double[]> samples)
    {
        int n = 0;
        foreach (double[] s in samples)
        {
            n += s.Length;
        }

        var values = new double[n];
        var labels = new int[n];
        int at = 0;
        for (int g = 0; g < samples.Count; g++)
        {
            samples[g].CopyTo(values, at);
            labels.AsSpan(at, samples[g].Length).Fill(g);
            at += samples[g].Length;
        }

        Array.Sort(values, labels);
        var rankSums = new double[samples.Count];
        double tieTerm = 0;
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j < n && values[j] == values[i])
            {
                j++;
            }

            double t = j - i;
            double averageRank = i + ((t + 1) / 2);
            for (int k = i; k < j; k++)
            {
                rankSums[labels[k]] += averageRank;
            }

            tieTerm += (t * t * t) - t;
            i = j;
        }

        return (rankSums, tieTerm, n);
    }
}
