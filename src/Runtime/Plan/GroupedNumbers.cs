using System;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A numeric variable split by group in one pass, each group's values sorted at most once (issue 14,
/// "sort once"): the comparison's group summaries (median, quartiles), its box plot and its rank test
/// (Mann-Whitney, Kruskal-Wallis) all read the same sorted arrays instead of each copying and sorting
/// the group again.
/// </summary>
internal sealed class GroupedNumbers
{
    private readonly double[][] _values;
    private readonly double[]?[] _sorted;
    private readonly int[] _sizes;
    private readonly int[][]? _ranks;
    private readonly int _rankCount;

    private GroupedNumbers(double[][] values, int[] sizes, int[][]? ranks, int rankCount)
    {
        _values = values;
        _sizes = sizes;
        _sorted = new double[]?[values.Length];
        _ranks = ranks;
        _rankCount = rankCount;
    }

    /// <summary>Splits <paramref name="values"/> (NaN = missing) by <paramref name="codes"/> (-1 = in no group).</summary>
    /// <param name="ranks">The values' ranks, sorted once per run (<see cref="RankCache"/>), or null: each group is then
    /// sorted by a counting sort over its ranks, O(group + distinct values), instead of a radix sort of its values.</param>
    public static GroupedNumbers Of(double[] values, int[] codes, int groupCount, ValueRanks? ranks = null)
    {
        var sizes = new int[groupCount];
        var present = new int[groupCount];
        for (int i = 0; i < codes.Length; i++)
        {
            int g = codes[i];
            if ((uint)g < (uint)groupCount)
            {
                sizes[g]++;
                present[g] += double.IsNaN(values[i]) ? 0 : 1;
            }
        }

        var split = new double[groupCount][];
        int[][]? splitRanks = ranks is null ? null : new int[groupCount][];
        for (int g = 0; g < groupCount; g++)
        {
            split[g] = new double[present[g]];
            if (splitRanks is not null)
            {
                splitRanks[g] = new int[present[g]];
            }
        }

        Array.Clear(present);
        if (ranks is null)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                int g = codes[i];
                if ((uint)g < (uint)groupCount && !double.IsNaN(values[i]))
                {
                    split[g][present[g]++] = values[i];
                }
            }

            return new GroupedNumbers(split, sizes, null, 0);
        }

        if (ranks.Length != values.Length)
        {
            throw new ArgumentException("The ranks need one value per subject.", nameof(ranks));
        }

        int[] rank = ranks.Rank;
        for (int i = 0; i < codes.Length; i++)
        {
            int g = codes[i];
            if ((uint)g < (uint)groupCount && !double.IsNaN(values[i]))
            {
                int k = present[g]++;
                split[g][k] = values[i];
                splitRanks![g][k] = rank[i];
            }
        }

        return new GroupedNumbers(split, sizes, splitRanks, ranks.Count);
    }

    /// <summary>Subjects in group <paramref name="group"/>, with or without a value.</summary>
    public int Size(int group) => _sizes[group];

    /// <summary>Subjects in the group whose value is missing (NaN).</summary>
    public int Missing(int group) => _sizes[group] - _values[group].Length;

    /// <summary>The group's non-missing values (infinities included) in subject order, as <see cref="GroupSummaries.NonMissing"/>.</summary>
    public double[] Values(int group) => _values[group];

    /// <summary>The group's non-missing values ascending (stable; infinities at the ends), sorted on first use.</summary>
    public double[] Sorted(int group) => _sorted[group] ??= Sort(group);

    /// <summary>
    /// By the ranks when there are few distinct values for the group's size (a stable counting sort carrying the values:
    /// the same array as the radix sort, -0 and +0 in subject order), else by the values' radix sort.
    /// </summary>
    private double[] Sort(int group)
    {
        double[] values = _values[group];
        if (_ranks is null || _rankCount > 4L * values.Length)
        {
            return RadixSort.Sorted(values);
        }

        int[] rank = _ranks[group];
        var start = new int[_rankCount + 1];
        foreach (int r in rank)
        {
            start[r + 1]++;
        }

        for (int r = 0; r < _rankCount; r++)
        {
            start[r + 1] += start[r];
        }

        var sorted = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            sorted[start[rank[k]]++] = values[k];
        }

        return sorted;
    }

    /// <summary>The finite part of <see cref="Sorted"/>: the values between the infinities.</summary>
    public ReadOnlySpan<double> SortedFinite(int group)
    {
        double[] sorted = Sorted(group);
        int low = 0;
        int high = sorted.Length;
        while (low < high && double.IsNegativeInfinity(sorted[low]))
        {
            low++;
        }

        while (high > low && double.IsPositiveInfinity(sorted[high - 1]))
        {
            high--;
        }

        return sorted.AsSpan(low, high - low);
    }
}
