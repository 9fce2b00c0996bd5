using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The rank sum of two samples held as value counts (<see cref="CountedValues"/>), as an engine returns them.</summary>
internal readonly partial record struct RankSum
{
    /// <summary>
    /// The statistics of <paramref name="x"/> against <paramref name="y"/> by one merge of their distinct values:
    /// O(dx + dy). Each tie group is one distinct value of the pooled sample with its counts from both sides, the groups
    /// <see cref="FromSorted"/> finds in the expanded samples, so W and the tie term are bit-identical to it.
    /// </summary>
    public static RankSum FromCounted(CountedValues x, CountedValues y) => FromCountedShifted(x, 0, y);

    /// <summary>
    /// The statistics of <c>x − shift</c> against <paramref name="y"/>, as <see cref="FromSortedShifted"/> of the expanded
    /// samples: the shifted value is computed as <c>x[i] − shift</c>, the very double that merge compares, so distinct x
    /// values that round to one shifted value join one tie group as they do there, and each group adds the same counts.
    /// </summary>
    public static RankSum FromCountedShifted(CountedValues x, double shift, CountedValues y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ReadOnlySpan<double> xv = x.Values, yv = y.Values;
        ReadOnlySpan<long> xc = x.Counts, yc = y.Counts;
        var accumulator = default(Accumulator);
        int i = 0, j = 0;
        while (i < xv.Length || j < yv.Length)
        {
            bool fromX = i < xv.Length && (j == yv.Length || !(yv[j] < xv[i] - shift));
            double value = fromX ? xv[i] - shift : yv[j];
            long countX = fromX ? xc[i++] : 0, countY = fromX ? 0 : yc[j++];
            while (i < xv.Length && xv[i] - shift == value)
            {
                countX += xc[i++];
            }

            while (j < yv.Length && yv[j] == value)
            {
                countY += yc[j++];
            }

            accumulator.Add(checked((int)countX), checked((int)countY));
        }

        return accumulator.Result();
    }
}
