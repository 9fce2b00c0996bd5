using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Statistics;

/// <summary>
/// The merge that the Hodges-Lehmann root search uses at each probe (x - d ranked among y, both
/// sorted once) against a rank sum counted pair by pair and against the sort of the pooled sample
/// that the search used before. W and the tie term are sums of half-integers and integers, exact
/// in doubles at these sizes, so all three must agree exactly.
/// </summary>
public sealed class RankSumShiftedTests
{
    public static TheoryData<int, int, int> Samples => new()
    {
        { 1, 1, 1 },
        { 1, 7, 2 },
        { 12, 5, 3 },
        { 40, 60, 4 },
        { 200, 150, 5 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void MergedRankSumOfShiftedSamplesEqualsNaiveRankSumWithManyTies(int n1, int n2, int seed)
    {
        var random = new Random(seed);

        // Values on a grid of 0.25 over a few units: tie groups within and across the samples.
        double[] x = Grid(random, n1);
        double[] y = Grid(random, n2);
        double[] xSorted = x.Order().ToArray();
        double[] ySorted = y.Order().ToArray();

        foreach (double d in Shifts(random))
        {
            double[] shifted = x.Select(v => v - d).ToArray();
            (double w, double tieTerm) = Naive(shifted, y);

            RankSum merged = RankSum.FromSortedShifted(xSorted, d, ySorted);
            RankSum sorted = RankSum.FromSamples(shifted, y);

            Assert.Equal(n1, merged.NX);
            Assert.Equal(n2, merged.NY);
            Assert.Equal(w, merged.W);
            Assert.Equal(tieTerm, merged.TieTerm);
            Assert.Equal(tieTerm > 0, merged.HasTies);
            Assert.Equal(sorted, merged);
        }
    }

    [Fact]
    public void MergedRankSumOfEmptyShiftedSampleCountsOnlyTheOther()
    {
        RankSum merged = RankSum.FromSortedShifted([], 1.5, [1.0, 2.0, 2.0]);

        Assert.Equal(RankSum.FromSamples([], [1.0, 2.0, 2.0]), merged);
    }

    private static double[] Grid(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => random.Next(-8, 9) * 0.25).ToArray();

    // Shifts on the grid (x - d lands on y's values: ties across samples), between grid points,
    // beyond either end, and ones whose subtraction rounds (0.1 is not a binary fraction).
    private static IEnumerable<double> Shifts(Random random)
    {
        yield return 0;
        yield return -0.0;
        yield return 0.1;
        yield return -5;
        yield return 5;
        for (int k = 0; k < 40; k++)
        {
            yield return random.Next(-16, 17) * 0.25;
            yield return (random.NextDouble() * 8) - 4;
        }
    }

    /// <summary>W as the number of pairs with x &gt; y, ties counting one half (Hollander &amp; Wolfe 1999,
    /// section 4.1); the tie term sum(t^3 - t) over the distinct pooled values.</summary>
    private static (double W, double TieTerm) Naive(double[] x, double[] y)
    {
        double w = 0;
        foreach (double xi in x)
        {
            foreach (double yj in y)
            {
                w += xi > yj ? 1 : xi == yj ? 0.5 : 0;
            }
        }

        double tieTerm = x.Concat(y)
            .GroupBy(v => v)
            .Select(g => (double)g.Count())
            .Sum(t => (t * t * t) - t);
        return (w, tieTerm);
    }
}
