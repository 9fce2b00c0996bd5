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

    private GroupedNumbers(double[][] values, int[] sizes)
    {
        _values = values;
        _sizes = sizes;
        _sorted = new double[]?[values.Length];
    }

    /// <summary>Splits <paramref name="values"/> (NaN = missing) by <paramref name="codes"/> (-1 = in no group).</summary>
    public static GroupedNumbers Of(double[] values, int[] codes, int groupCount)
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
        for (int g = 0; g < groupCount; g++)
        {
            split[g] = new double[present[g]];
        }

        Array.Clear(present);
        for (int i = 0; i < codes.Length; i++)
        {
            int g = codes[i];
            if ((uint)g < (uint)groupCount && !double.IsNaN(values[i]))
            {
                split[g][present[g]++] = values[i];
            }
        }

        return new GroupedNumbers(split, sizes);
    }

    /// <summary>Subjects in group <paramref name="group"/>, with or without a value.</summary>
    public int Size(int group) => _sizes[group];

    /// <summary>Subjects in the group whose value is missing (NaN).</summary>
    public int Missing(int group) => _sizes[group] - _values[group].Length;

    /// <summary>The group's non-missing values (infinities included) in subject order, as <see cref="GroupSummaries.NonMissing"/>.</summary>
    public double[] Values(int group) => _values[group];

    /// <summary>The group's non-missing values ascending (stable; infinities at the ends), sorted on first use.</summary>
    public double[] Sorted(int group) => _sorted[group] ??= RadixSort.Sorted(_values[group]);

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
