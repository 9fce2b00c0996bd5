using System;

namespace ProtocolLang.Runtime.Statistics.Sorting;

/// <summary>
/// Sorting doubles themselves (not a permutation): a stable least-significant-digit radix sort of an
/// order-preserving 64-bit key, 6 passes of 11 bits (2,048 buckets keep each pass's histogram and
/// write cursors in the first-level cache, where 16-bit digits scatter into 65,536 places). All six
/// histograms come from one read of the keys, and a digit every key shares skips its pass. The values
/// travel with their keys, so -0 and +0 (one key) keep their input order, exactly as a stable comparison
/// sort (<c>Order()</c>) leaves them.
/// </summary>
internal static class RadixSort
{
    internal const int DigitBits = 11;
    internal const int Buckets = 1 << DigitBits;
    internal const int Passes = 6; // 6 × 11 = 66 ≥ 64 bits

    // Below this many values a comparison sort beats clearing 6 × 2,048-bucket histograms.
    private const int Threshold = 512;

    /// <summary>
    /// <paramref name="values"/> ascending, stable (equal keys keep their order; -0 and +0 are equal keys),
    /// in a new array. Values must not be NaN (infinities sort at the ends).
    /// </summary>
    public static double[] Sorted(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var result = values.ToArray();
        if (n < Threshold)
        {
            foreach (double v in values)
            {
                if (double.IsNaN(v))
                {
                    throw new ArgumentException("A value to sort is NaN.", nameof(values));
                }
            }

            // A comparison sort with the position as tie-break: stable, as the radix passes are.
            var positions = new int[n];
            for (int i = 0; i < n; i++)
            {
                positions[i] = i;
            }

            double[] keys = values.ToArray();
            Array.Sort(positions, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
            for (int i = 0; i < n; i++)
            {
                result[i] = keys[positions[i]];
            }

            return result;
        }

        var key = new ulong[n];
        var counts = new int[Passes * Buckets];
        for (int i = 0; i < n; i++)
        {
            double v = result[i];
            if (double.IsNaN(v))
            {
                throw new ArgumentException("A value to sort is NaN.", nameof(values));
            }

            ulong k = Ordered(v);
            key[i] = k;
            for (int p = 0; p < Passes; p++)
            {
                counts[(p * Buckets) + (int)((k >> (p * DigitBits)) & (Buckets - 1))]++;
            }
        }

        var nextKey = new ulong[n];
        var nextValue = new double[n];
        for (int p = 0; p < Passes; p++)
        {
            Span<int> count = counts.AsSpan(p * Buckets, Buckets);
            int shift = p * DigitBits;
            if (count[(int)((key[0] >> shift) & (Buckets - 1))] == n)
            {
                continue; // every key has this digit: the pass would not move anything
            }

            int start = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int c = count[b];
                count[b] = start;
                start += c;
            }

            for (int i = 0; i < n; i++)
            {
                ulong k = key[i];
                int slot = count[(int)((k >> shift) & (Buckets - 1))]++;
                nextKey[slot] = k;
                nextValue[slot] = result[i];
            }

            (key, nextKey) = (nextKey, key);
            (result, nextValue) = (nextValue, result);
        }

        return result;
    }

    /// <summary>
    /// An unsigned key in the order of the doubles: flip every bit of a negative number (larger magnitudes
    /// first) and only the sign bit of a non-negative one (above all negatives); -0 takes +0's key.
    /// </summary>
    internal static ulong Ordered(double value)
    {
        value += 0.0;   // -0 + 0 is +0 (IEEE 754 round-to-nearest): both zeros get one key
        ulong raw = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (raw & 0x8000_0000_0000_0000UL) != 0 ? ~raw : raw | 0x8000_0000_0000_0000UL;
    }
}
