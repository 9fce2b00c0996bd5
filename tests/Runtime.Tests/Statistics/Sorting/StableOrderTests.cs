using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Sorting;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Sorting;

public class StableOrderTests
{
    [Fact]
    public void DoublesSortLikeAComparisonSortWithThePositionAsTieBreak()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 120; trial++)
        {
            // Small inputs take the comparison path, large ones the radix passes.
            int n = trial % 4 == 0 ? random.Next(2048, 6000) : random.Next(0, 300);
            // Few distinct values (ties), both signs, zeros of both signs, tiny and huge magnitudes, infinities.
            double[] pool = [0.0, -0.0, 1.5, -1.5, 1e-300, -1e-300, 1e300, -1e300, double.PositiveInfinity, double.NegativeInfinity, 2.25, 7, -7, 0.1];
            double[] keys = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? random.NextDouble() * 1e6 - 5e5 : pool[random.Next(pool.Length)]).ToArray();

            int[] expected = Enumerable.Range(0, n).OrderBy(i => keys[i]).ThenBy(i => i).ToArray();
            int[] actual = StableOrder.ByDouble(StableOrder.Identity(n), keys);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ChainedPassesOrderByStratumThenTimeThenGroupThenPosition()
    {
        var random = new Random(5);
        int n = 5000;
        int[] stratum = Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray();
        int[] group = Enumerable.Range(0, n).Select(_ => random.Next(4)).ToArray();
        double[] time = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 50, 1)).ToArray();

        int[] expected = Enumerable.Range(0, n).OrderBy(i => stratum[i]).ThenBy(i => time[i]).ThenBy(i => group[i]).ThenBy(i => i).ToArray();
        int[] actual = StableOrder.ByCode(StableOrder.ByDouble(StableOrder.ByCode(StableOrder.Identity(n), group, 4), time), stratum, 3);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SortedFiniteValuesDropNaNAndInfinitiesAndMatchAComparisonSort()
    {
        var random = new Random(3);
        foreach (int n in new[] { 0, 7, 3000 })
        {
            double[] values = Enumerable.Range(0, n).Select(i => i % 97 == 0 ? double.NaN : i % 101 == 0 ? double.NegativeInfinity : Math.Round(random.NextDouble() * 20 - 10, 1)).ToArray();

            Assert.Equal(values.Where(double.IsFinite).Order().ToArray(), StableOrder.SortedFinite(values));
        }
    }

    [Fact]
    public void IntegerKeysOfAnyRangeSortStably()
    {
        int[] keys = [5, -3, int.MaxValue, 5, int.MinValue, 0, -3, 12];
        int[] expected = Enumerable.Range(0, keys.Length).OrderBy(i => keys[i]).ThenBy(i => i).ToArray();

        Assert.Equal(expected, StableOrder.ByInt(StableOrder.Identity(keys.Length), keys));
        Assert.Equal(new[] { 1, 6, 5 }, StableOrder.ByInt(StableOrder.Identity(keys.Length), [2, 0, 3, 2, 4, 1, 0, 3]).Take(3));
    }

    [Fact]
    public void ANaNKeyOrACodeOutOfRangeIsRefused()
    {
        Assert.Throws<ArgumentException>(() => StableOrder.ByDouble(StableOrder.Identity(2), [1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => StableOrder.ByCode(StableOrder.Identity(2), [0, 2], 2));
    }
}
