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

        return FromRanks(samples.ConvertAll(s => s.Length), PooledRanks(samples), warnings);
    }

    /// <summary>
    /// The same test of groups already sorted ascending and finite (the caller has noted what it left out
    /// in <paramref name="warnings"/>, as <see cref="Samples.Warn"/>): a k-way merge instead of a sort.
    /// </summary>
    internal static TestResult TestSorted(IReadOnlyList<double[]> sortedFinite, List<string> warnings)
    {
        var samples = new List<double[]>(sortedFinite.Count);
        foreach (double[] s in sortedFinite)
        {
            if (s.Length > 0)
            {
                samples.Add(s);
            }
        }

        if (samples.Count < sortedFinite.Count)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"ignored {sortedFinite.Count - samples.Count} empty group(s)"));
        }

        if (samples.Count < 2)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Kruskal-Wallis test needs at least 2 non-empty groups; got {samples.Count}"));
            return TestResult.Undefined(Method, "H", warnings);
        }

        return FromRanks(samples.ConvertAll(s => s.Length), MergedRanks(samples), warnings);
    }

    /// <summary>
    /// The same test from value counts instead of raw values: element i of each group's counts is how many of its
    /// observations equal the i-th smallest distinct value of the pooled data (as a database returns from
    /// <c>GROUP BY group, value ORDER BY value</c>, <c>Sql.SqlValueCounts</c>). O(k · distinct values).
    /// </summary>
    /// <remarks>
    /// Bit for bit the in-memory test: each tie run is one distinct value, its average rank is the same double, and a
    /// group's rank sum gains count × rank where the pooled sample adds rank count times: both are exact (ranks are
    /// multiples of 1/2 and the sums stay below 2^53 for N below about 9·10^7 observations), and Σ(t³ − t) is summed
    /// over the same runs in the same order.
    /// </remarks>
    public static TestResult TestFromOrderedCounts(IReadOnlyList<long[]> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var warnings = new List<string>();
        var kept = new List<long[]>(counts.Count);
        var sizes = new List<int>(counts.Count);
        foreach (long[] group in counts)
        {
            long size = 0;
            foreach (long c in group)
            {
                size += c;
            }

            if (size > 0)
            {
                kept.Add(group);
                sizes.Add(checked((int)size));
            }
        }

        if (kept.Count < counts.Count)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"ignored {counts.Count - kept.Count} empty group(s)"));
        }

        if (kept.Count < 2)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Kruskal-Wallis test needs at least 2 non-empty groups; got {kept.Count}"));
            return TestResult.Undefined(Method, "H", warnings);
        }

        return FromRanks(sizes, CountedRanks(kept), warnings);
    }

    /// <summary>Rank sums and the tie term from counts aligned on the ascending distinct values.</summary>
    private static (double[] RankSums, double TieTerm, int N) CountedRanks(List<long[]> counts)
    {
        int values = counts[0].Length;
        if (counts.Exists(c => c.Length != values))
        {
            throw new ArgumentException("Every group needs one count per distinct value.", nameof(counts));
        }

        var rankSums = new double[counts.Count];
        double tieTerm = 0;
        long below = 0;
        for (int v = 0; v < values; v++)
        {
            long t = 0;
            foreach (long[] group in counts)
            {
                t += group[v];
            }

            if (t == 0)
            {
                continue;
            }

            double averageRank = below + ((t + 1.0) / 2);
            for (int g = 0; g < counts.Count; g++)
            {
                rankSums[g] += counts[g][v] * averageRank;
            }

            double tt = t;
            tieTerm += (tt * tt * tt) - tt;
            below += t;
        }

        return (rankSums, tieTerm, checked((int)below));
    }

    private static TestResult FromRanks(List<int> sizes, (double[] RankSums, double TieTerm, int N) ranks, List<string> warnings)
    {
        (double[] rankSums, double tieTerm, int n) = ranks;
        double sum = 0;
        for (int g = 0; g < sizes.Count; g++)
        {
            sum += rankSums[g] * rankSums[g] / sizes[g];
        }

        double nn = n;
        double df = sizes.Count - 1;
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

    /// <summary>
    /// <see cref="PooledRanks"/> of sorted groups by a k-way merge: each tie group is the run of one value across
    /// all groups, and each member adds the run's average rank to its group's sum in the same order as there
    /// (the sorted pooled sample holds the same runs), so the sums are bit for bit the same.
    /// </summary>
    private static (double[] RankSums, double TieTerm, int N) MergedRanks(List<double[]> sorted)
    {
        int k = sorted.Count;
        var at = new int[k];
        var rankSums = new double[k];
        double tieTerm = 0;
        int below = 0;
        var ends = new int[k];
        while (true)
        {
            double value = double.NaN;
            for (int g = 0; g < k; g++)
            {
                if (at[g] < sorted[g].Length && !(sorted[g][at[g]] >= value))
                {
                    value = sorted[g][at[g]];
                }
            }

            if (double.IsNaN(value))
            {
                return (rankSums, tieTerm, below);
            }

            int t = 0;
            for (int g = 0; g < k; g++)
            {
                int end = at[g];
                while (end < sorted[g].Length && sorted[g][end] == value)
                {
                    end++;
                }

                ends[g] = end;
                t += end - at[g];
            }

            double averageRank = below + ((t + 1.0) / 2);
            for (int g = 0; g < k; g++)
            {
                for (int m = at[g]; m < ends[g]; m++)
                {
                    rankSums[g] += averageRank;
                }

                at[g] = ends[g];
            }

            double tt = t;
            tieTerm += (tt * tt * tt) - tt;
            below += t;
        }
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
