using System;

namespace ProtocolLang.Runtime.Statistics.Sorting;

/// <summary>
/// A column sorted once: the dense rank of each value among the column's distinct non-NaN values
/// (0 = smallest; equal values, -0 and +0 included, share a rank; NaN = -1). Sorting any subset of the
/// column's rows by value is then a stable counting sort over the ranks (<see cref="StableOrder.ByCode"/>
/// with <see cref="Count"/> buckets), O(rows + distinct values), so Kaplan-Meier, log-rank, the Cox risk
/// sets and cox.zph (a time) or Mann-Whitney and Kruskal-Wallis (a value) order the same column without
/// sorting it again (issue 14, "sort once").
/// </summary>
/// <remarks>
/// Equal ranks mean equal keys of <see cref="RadixSort.Ordered"/>, exactly the keys <see cref="StableOrder.ByDouble"/>
/// sorts by, so an order by rank with the position as tie-break is the order ByDouble gives. Built by hashing the
/// values' keys (open addressing, linear probing) and sorting only the distinct keys, O(n + d log d) for d distinct
/// values, which is what clinical data with its rounded times and values has; when the distinct values pass
/// <c>max(4,096, n / 8)</c> the hash is abandoned for one radix sort of the column (O(n)).
/// </remarks>
internal sealed class ValueRanks
{
    private const int MinDistinctLimit = 4096;

    private ValueRanks(int[] rank, int count)
    {
        Rank = rank;
        Count = count;
    }

    /// <summary>One rank per row of the column (-1 for NaN).</summary>
    public int[] Rank { get; }

    /// <summary>Number of distinct non-NaN values: ranks are 0 .. Count - 1.</summary>
    public int Count { get; }

    /// <summary>Number of rows ranked (the column's length).</summary>
    public int Length => Rank.Length;

    /// <summary>The dense ranks of <paramref name="values"/>.</summary>
    public static ValueRanks Of(ReadOnlySpan<double> values)
    {
        int limit = Math.Max(MinDistinctLimit, values.Length / 8);
        return TryHashed(values, limit) ?? Radix(values);
    }

    /// <summary>The dense ranks of <paramref name="values"/> when they have at most <c>max(4,096, n / 8)</c> distinct values, else null.</summary>
    /// <remarks>
    /// A large column whose first <see cref="PrescreenLength"/> values are nearly all distinct is taken to be continuous
    /// and gets null at once: hashing it until the limit is passed cost ~13 ms of a 10^6-subject comparison only to fall
    /// back to the radix sort. The answer only chooses how the rank tests' groups are sorted, and both sorts give the same
    /// array (<see cref="Plan.GroupedNumbers"/>), so a wrong guess costs time, never a different result.
    /// </remarks>
    public static ValueRanks? TryTied(ReadOnlySpan<double> values) =>
        PrefixLooksContinuous(values) ? null : TryHashed(values, Math.Max(MinDistinctLimit, values.Length / 8));

    /// <summary>Non-missing values looked at by <see cref="PrefixLooksContinuous"/>.</summary>
    internal const int PrescreenLength = 2048;

    /// <summary>
    /// True when the column has at least 8·4,096 rows (below, the limit is 4,096 distinct values and the hash is cheap) and
    /// more than 15/16 of its first <see cref="PrescreenLength"/> non-missing values are distinct. Drawn from a column with
    /// d distinct values, 2,048 values hold about 2,048²/(2d) repeats, so a prefix this distinct means d is far above
    /// the ~n/8 the counting sort pays for.
    /// </summary>
    private static bool PrefixLooksContinuous(ReadOnlySpan<double> values)
    {
        if (values.Length < 8 * MinDistinctLimit)
        {
            return false;
        }

        var seen = new System.Collections.Generic.HashSet<ulong>();
        int taken = 0;
        for (int i = 0; i < values.Length && taken < PrescreenLength; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                taken++;
                seen.Add(RadixSort.Ordered(values[i]));
            }
        }

        return taken == PrescreenLength && seen.Count > PrescreenLength / 16 * 15;
    }

    /// <summary>Ranks through a hash of the distinct keys, or null when there are more than <paramref name="limit"/> of them.</summary>
    /// <remarks>
    /// The table holds the keys themselves (0 marks an empty slot: <see cref="RadixSort.Ordered"/> never gives 0 for a
    /// number, only for one NaN pattern) beside each key's entry id, so a probe is one read and one compare; it is kept at
    /// most half full. Each row keeps its entry id, which a rehash does not change, and takes its rank at the end.
    /// </remarks>
    private static ValueRanks? TryHashed(ReadOnlySpan<double> values, int limit)
    {
        int n = values.Length;
        var entry = new int[n];
        int capacity = 1024;
        var slotKeys = new ulong[capacity];
        var slotIds = new int[capacity];
        var keys = new ulong[capacity / 2];
        int distinct = 0;
        int shift = 64 - 10;
        for (int i = 0; i < n; i++)
        {
            double v = values[i];
            if (double.IsNaN(v))
            {
                entry[i] = -1;
                continue;
            }

            ulong key = RadixSort.Ordered(v);
            int slot = (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> shift);
            while (true)
            {
                ulong there = slotKeys[slot];
                if (there == key)
                {
                    entry[i] = slotIds[slot];
                    break;
                }

                if (there == 0)
                {
                    if (distinct == limit)
                    {
                        return null;
                    }

                    keys[distinct] = key;
                    slotKeys[slot] = key;
                    slotIds[slot] = distinct;
                    entry[i] = distinct++;
                    if (2 * distinct == capacity)
                    {
                        capacity *= 2;
                        shift--;
                        (slotKeys, slotIds) = Rehash(keys, distinct, capacity, shift);
                        Array.Resize(ref keys, capacity / 2);
                    }

                    break;
                }

                slot = (slot + 1) & (capacity - 1);
            }
        }

        // Rank the distinct keys, then each row through its entry.
        var ids = new int[distinct];
        for (int d = 0; d < distinct; d++)
        {
            ids[d] = d;
        }

        var sortedKeys = keys.AsSpan(0, distinct).ToArray();
        Array.Sort(sortedKeys, ids);
        var rankOfEntry = new int[distinct];
        for (int r = 0; r < distinct; r++)
        {
            rankOfEntry[ids[r]] = r;
        }

        for (int i = 0; i < n; i++)
        {
            int id = entry[i];
            entry[i] = id < 0 ? -1 : rankOfEntry[id];
        }

        return new ValueRanks(entry, distinct);
    }

    private static (ulong[] Keys, int[] Ids) Rehash(ulong[] keys, int count, int capacity, int shift)
    {
        var slotKeys = new ulong[capacity];
        var slotIds = new int[capacity];
        for (int id = 0; id < count; id++)
        {
            int slot = (int)((keys[id] * 0x9E37_79B9_7F4A_7C15UL) >> shift);
            while (slotKeys[slot] != 0)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            slotKeys[slot] = keys[id];
            slotIds[slot] = id;
        }

        return (slotKeys, slotIds);
    }

    /// <summary>Ranks from one stable radix sort of the non-NaN rows.</summary>
    private static ValueRanks Radix(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        int present = 0;
        foreach (double v in values)
        {
            present += double.IsNaN(v) ? 0 : 1;
        }

        var rows = new int[present];
        var rank = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
            {
                rank[i] = -1;
            }
            else
            {
                rows[k++] = i;
            }
        }

        int[] order = StableOrder.ByDouble(rows, values);
        int count = 0;
        ulong previous = 0;
        for (int m = 0; m < order.Length; m++)
        {
            ulong key = RadixSort.Ordered(values[order[m]]);
            if (m > 0 && key != previous)
            {
                count++;
            }

            previous = key;
            rank[order[m]] = count;
        }

        return new ValueRanks(rank, order.Length == 0 ? 0 : count + 1);
    }
}
