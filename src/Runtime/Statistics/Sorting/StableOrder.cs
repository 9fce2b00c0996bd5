using System;

namespace ProtocolLang.Runtime.Statistics.Sorting;

/// <summary>
/// Sorting permutations without a comparison delegate: a least-significant-digit radix sort of
/// doubles (through an order-preserving 64-bit key) and a counting sort of small integer codes.
/// Both are stable, so sorting by the least significant key first and the most significant last
/// orders by all keys at once (Knuth, TAOCP vol. 3, section 5.2.5): e.g. by stratum, then time,
/// then group is <c>ByCode(ByDouble(ByCode(identity, group), time), stratum)</c>, with the input
/// position as the final tie-break. Each pass is O(n + buckets), the double sort at most 6 passes of 11 bits.
/// </summary>
internal static class StableOrder
{
    private const int CodeBuckets = 1 << 16;

    // Below this many keys a comparison sort beats clearing 6 × 2,048-bucket histograms.
    private const int RadixThreshold = 2048;

    /// <summary>0, 1, ..., n - 1.</summary>
    public static int[] Identity(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        return order;
    }

    /// <summary>
    /// <paramref name="order"/> stably re-sorted by <c>keys[order[k]]</c> ascending, as a comparison sort with
    /// <see cref="double.CompareTo(double)"/> and the position as tie-break: -0 and +0 are equal keys. Keys must not be NaN.
    /// </summary>
    public static int[] ByDouble(int[] order, ReadOnlySpan<double> keys)
    {
        int n = order.Length;
        if (n < RadixThreshold)
        {
            return ByComparison(order, keys);
        }

        // 6 passes of 11 bits, all histograms from one read (as RadixSort: 2,048 buckets stay in cache).
        var bits = new ulong[n];
        var counts = new int[RadixSort.Passes * RadixSort.Buckets];
        for (int k = 0; k < n; k++)
        {
            double key = keys[order[k]];
            if (double.IsNaN(key))
            {
                throw new ArgumentException("A sort key is NaN.", nameof(keys));
            }

            ulong b = RadixSort.Ordered(key);
            bits[k] = b;
            for (int p = 0; p < RadixSort.Passes; p++)
            {
                counts[(p * RadixSort.Buckets) + (int)((b >> (p * RadixSort.DigitBits)) & (RadixSort.Buckets - 1))]++;
            }
        }

        var current = (int[])order.Clone();
        var next = new int[n];
        var currentBits = bits;
        var nextBits = new ulong[n];
        for (int p = 0; p < RadixSort.Passes; p++)
        {
            Span<int> count = counts.AsSpan(p * RadixSort.Buckets, RadixSort.Buckets);
            int shift = p * RadixSort.DigitBits;
            if (n == 0 || count[(int)((currentBits[0] >> shift) & (RadixSort.Buckets - 1))] == n)
            {
                continue; // a digit every key shares leaves the order as it is (common for the top digits)
            }

            int start = 0;
            for (int b = 0; b < RadixSort.Buckets; b++)
            {
                int c = count[b];
                count[b] = start;
                start += c;
            }

            for (int k = 0; k < n; k++)
            {
                ulong b = currentBits[k];
                int slot = count[(int)((b >> shift) & (RadixSort.Buckets - 1))]++;
                next[slot] = current[k];
                nextBits[slot] = b;
            }

            (current, next) = (next, current);
            (currentBits, nextBits) = (nextBits, currentBits);
        }

        return current;
    }

    /// <summary>The finite values of <paramref name="values"/>, ascending (NaN and infinities left out).</summary>
    public static double[] SortedFinite(ReadOnlySpan<double> values)
    {
        int n = 0;
        foreach (double v in values)
        {
            n += double.IsFinite(v) ? 1 : 0;
        }

        var kept = new double[n];
        int k = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                kept[k++] = v;
            }
        }

        return RadixSort.Sorted(kept);
    }

    /// <summary><paramref name="order"/> stably re-sorted by <c>codes[order[k]]</c>, codes in 0 .. count - 1.</summary>
    public static int[] ByCode(int[] order, ReadOnlySpan<int> codes, int count)
    {
        var starts = new int[count + 1];
        foreach (int i in order)
        {
            int code = codes[i];
            if ((uint)code >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(codes), code, $"A code is outside 0 .. {count - 1}.");
            }

            starts[code + 1]++;
        }

        for (int c = 0; c < count; c++)
        {
            starts[c + 1] += starts[c];
        }

        var sorted = new int[order.Length];
        foreach (int i in order)
        {
            sorted[starts[codes[i]]++] = i;
        }

        return sorted;
    }

    /// <summary><paramref name="order"/> stably re-sorted by any integer keys (a counting sort over their range when it is small).</summary>
    public static int[] ByInt(int[] order, ReadOnlySpan<int> keys)
    {
        if (order.Length == 0)
        {
            return [];
        }

        int min = int.MaxValue;
        int max = int.MinValue;
        foreach (int i in order)
        {
            min = Math.Min(min, keys[i]);
            max = Math.Max(max, keys[i]);
        }

        long range = (long)max - min + 1;
        if (range > Math.Max(CodeBuckets, 4L * order.Length))
        {
            var wide = new double[keys.Length];
            for (int i = 0; i < wide.Length; i++)
            {
                wide[i] = keys[i];
            }

            return ByDouble(order, wide);
        }

        var shifted = new int[keys.Length];
        foreach (int i in order)
        {
            shifted[i] = keys[i] - min;
        }

        return ByCode(order, shifted, (int)range);
    }

    private static int[] ByComparison(int[] order, ReadOnlySpan<double> keys)
    {
        var position = new int[keys.Length];
        var sorted = (int[])order.Clone();
        for (int k = 0; k < sorted.Length; k++)
        {
            if (double.IsNaN(keys[sorted[k]]))
            {
                throw new ArgumentException("A sort key is NaN.", nameof(keys));
            }

            position[sorted[k]] = k;
        }

        double[] copy = keys.ToArray();
        Array.Sort(sorted, (a, b) => copy[a] != copy[b] ? copy[a].CompareTo(copy[b]) : position[a].CompareTo(position[b]));
        return sorted;
    }
}
