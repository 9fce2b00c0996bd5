using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Statistics;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics;

/// <summary>The rank tests and box statistics of presorted groups (shared by a comparison) against the kernels' own sort.</summary>
public class SortedRankTestsTests
{
    private static double[] Sample(Random random, int n, double shift) =>
        Enumerable.Range(0, n).Select(_ => Math.Round(shift + (random.NextDouble() * 6), random.Next(2))).ToArray();

    [Fact]
    public void MannWhitneyOfSortedSamplesIsBitForBitTheTestOfTheRawSamples()
    {
        var random = new Random(23);
        foreach ((int nx, int ny) in new[] { (1, 1), (5, 0), (60, 75), (3000, 2500) })
        {
            double[] x = Sample(random, nx, 0);
            double[] y = Sample(random, ny, 0.4);

            TestResult expected = MannWhitney.Test(x, y);
            TestResult actual = MannWhitney.TestSorted(x.Order().ToArray(), y.Order().ToArray(), true, new List<string>());

            Assert.Equal(expected.Statistic, actual.Statistic);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.PValue), BitConverter.DoubleToInt64Bits(actual.PValue));
        }
    }

    [Fact]
    public void KruskalWallisOfSortedGroupsIsBitForBitTheTestOfTheRawGroups()
    {
        var random = new Random(29);
        foreach (int[] sizes in new[] { new[] { 4, 0, 6 }, new[] { 40, 55, 61, 30 }, new[] { 2500, 3000, 2000 } })
        {
            double[][] groups = sizes.Select((n, g) => Sample(random, n, g * 0.3)).ToArray();

            TestResult expected = KruskalWallis.Test(groups);
            TestResult actual = KruskalWallis.TestSorted(groups.Select(g => g.Order().ToArray()).ToArray(), new List<string>());

            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Statistic), BitConverter.DoubleToInt64Bits(actual.Statistic));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.PValue), BitConverter.DoubleToInt64Bits(actual.PValue));
            Assert.Equal(expected.Warnings, actual.Warnings);
        }
    }

    [Fact]
    public void KruskalWallisFromOrderedValueCountsIsBitForBitTheTestOfTheRawGroups()
    {
        var random = new Random(37);
        foreach (int[] sizes in new[] { new[] { 4, 0, 6 }, new[] { 40, 55, 61, 30 }, new[] { 2500, 3000, 2000 }, new[] { 3, 0 } })
        {
            double[][] groups = sizes.Select((n, g) => Sample(random, n, g * 0.3)).ToArray();
            double[] values = groups.SelectMany(g => g).Distinct().Order().ToArray();
            long[][] counts = groups.Select(g => values.Select(v => (long)g.Count(x => x == v)).ToArray()).ToArray();

            TestResult expected = KruskalWallis.Test(groups);
            TestResult actual = KruskalWallis.TestFromOrderedCounts(counts);

            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Statistic), BitConverter.DoubleToInt64Bits(actual.Statistic));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.PValue), BitConverter.DoubleToInt64Bits(actual.PValue));
            Assert.Equal(expected.DegreesOfFreedom, actual.DegreesOfFreedom);
            Assert.Equal(expected.Warnings, actual.Warnings);
            Assert.True(sizes.Sum() < 100 || values.Length < sizes.Sum() / 2, "rounded values tie");
        }
    }

    [Fact]
    public void BoxStatisticsOfSortedValuesAreThoseOfTheRawValuesWithTheMissingCounted()
    {
        var random = new Random(31);
        foreach (int n in new[] { 0, 1, 9, 4000 })
        {
            // Heavy tails so that there are outliers on both sides.
            double[] values = Enumerable.Range(0, n).Select(i => i % 50 == 7 ? double.NaN : Math.Round(Math.Pow(random.NextDouble() * 2 - 1, 5) * 100, 1)).ToArray();
            double[] sortedFinite = values.Where(double.IsFinite).Order().ToArray();

            BoxStatistics expected = BoxStatistics.Of(values);
            BoxStatistics actual = BoxStatistics.OfSorted(sortedFinite, values.Length);

            Assert.Equal(expected with { Outliers = [] }, actual with { Outliers = [] });
            Assert.Equal(expected.Outliers, actual.Outliers);
            Assert.True(n < 4000 || actual.Outliers.Count > 0);
        }
    }
}
