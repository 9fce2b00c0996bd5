using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The rank sum of x - d against y from samples sorted once, for a root search over d.</summary>
internal readonly partial record struct RankSum
{
    /// <summary>
    /// The statistics of <c>x - shift</c> against <paramref name="ySorted"/> by one merge of the two
    /// ascending samples: O(n1 + n2), no allocation.
    /// </summary>
    /// <remarks>
    /// Preconditions: both spans ascending, finite (NaN would break the merge's order), and
    /// <paramref name="shift"/> finite. Subtracting a constant keeps x ascending, because rounding
    /// is monotone: a &lt;= b implies fl(a - d) &lt;= fl(b - d). Each shifted value is computed as
    /// <c>x[i] - shift</c>, the very double that <see cref="FromSamples"/> would sort, so the merge
    /// visits the same tie groups with the same counts in the same ascending order and the
    /// accumulator performs the same additions: W and the tie term are bit-identical to
    /// <c>FromSamples(x - shift, y)</c>. (Comparing x[i] with y[j] + shift instead would round
    /// differently and could split or join tie groups.) This is what lets the Hodges-Lehmann
    /// root search, which re-evaluates the statistic of x - d at each probe as R's
    /// <c>wilcox.test</c> does, sort once instead of once per probe.
    /// </remarks>
    public static RankSum FromSortedShifted(ReadOnlySpan<double> xSorted, double shift, ReadOnlySpan<double> ySorted)
    {
        var accumulator = default(Accumulator);
        int i = 0, j = 0;
        while (i < xSorted.Length || j < ySorted.Length)
        {
            // The smallest value not yet ranked, then every x and y equal to it: one tie group.
            // The side the value comes from always advances by one, so a NaN (excluded by the
            // preconditions, and never equal to itself) would end as a group of one rather than loop, as in FromSamples.
            bool fromX = i < xSorted.Length && (j == ySorted.Length || !(ySorted[j] < xSorted[i] - shift));
            double value = fromX ? xSorted[i++] - shift : ySorted[j++];
            int countX = fromX ? 1 : 0, countY = fromX ? 0 : 1;
            while (i < xSorted.Length && xSorted[i] - shift == value)
            {
                countX++;
                i++;
            }

            while (j < ySorted.Length && ySorted[j] == value)
            {
                countY++;
                j++;
            }

            accumulator.Add(countX, countY);
        }

        return accumulator.Result();
    }
}
