using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Statistics.Sorting;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Sorting;

public class ValueRanksTests
{
    private static readonly double[] Pool = [0.0, -0.0, 1.5, -1.5, 1e-300, -1e300, double.PositiveInfinity, double.NegativeInfinity, 7, 0.1, double.NaN];

    [Theory]
    [InlineData(0, 10)]        // few distinct values: the hashed ranks
    [InlineData(5000, 10)]
    [InlineData(40000, 40000)] // mostly distinct: past the hash's limit, the radix sort
    public void OrderingRowsByRankIsTheRadixOrderOfTheValues(int n, int spread)
    {
        var random = new Random(n + spread);
        double[] values = Enumerable.Range(0, n)
            .Select(_ => random.Next(4) == 0 ? Pool[random.Next(Pool.Length)] : random.Next(spread) / 4.0 - 100).ToArray();

        ValueRanks ranks = ValueRanks.Of(values);

        int[] present = Enumerable.Range(0, n).Where(i => !double.IsNaN(values[i])).ToArray();
        int[] byValue = StableOrder.ByDouble(present, values);
        int[] byRank = StableOrder.ByCode(present, ranks.Rank, ranks.Count);
        Assert.Equal(byValue, byRank);
        for (int k = 1; k < byRank.Length; k++)
        {
            // Adjacent rows share a rank exactly when their values are equal (-0 == +0); ranks are dense.
            int step = ranks.Rank[byRank[k]] - ranks.Rank[byRank[k - 1]];
            Assert.Equal(values[byRank[k]] == values[byRank[k - 1]] ? 0 : 1, step);
        }

        Assert.All(Enumerable.Range(0, n).Where(i => double.IsNaN(values[i])), i => Assert.Equal(-1, ranks.Rank[i]));
        Assert.Equal(values.Where(v => !double.IsNaN(v)).Select(v => v + 0.0).Distinct().Count(), ranks.Count);
    }

    [Fact]
    public void MostlyDistinctValuesAreNotRankedByTheTiedOnlyPath()
    {
        double[] distinct = Enumerable.Range(0, 50_000).Select(i => i * 0.37).ToArray();
        double[] tied = Enumerable.Range(0, 50_000).Select(i => (i % 300) * 0.5).ToArray();

        Assert.Null(ValueRanks.TryTied(distinct));
        Assert.Equal(300, ValueRanks.TryTied(tied)!.Count);
    }

    [Fact]
    public void ALargeColumnWhoseFirstValuesAreDistinctIsTakenAsContinuousWithoutHashingItWhole()
    {
        // 2,048 distinct values, then one value repeated: 2,049 distinct in all, under the limit of 100,000 / 8.
        double[] distinctPrefix = Enumerable.Range(0, 100_000).Select(i => i < ValueRanks.PrescreenLength ? i * 0.37 : -1.0).ToArray();
        // The same values with the repeats first: the prefix is tied, so the whole column is ranked.
        double[] tiedPrefix = distinctPrefix.Reverse().ToArray();

        Assert.Null(ValueRanks.TryTied(distinctPrefix));
        Assert.Equal(ValueRanks.PrescreenLength + 1, ValueRanks.TryTied(tiedPrefix)!.Count);
    }

    [Fact]
    public void GroupsSortedByTheirRanksAreTheGroupsRadixSorted()
    {
        var random = new Random(4);
        int n = 3000;
        double[] values = Enumerable.Range(0, n).Select(_ => Pool[random.Next(Pool.Length)] + random.Next(3)).ToArray();
        int[] codes = Enumerable.Range(0, n).Select(_ => random.Next(-1, 3)).ToArray();

        GroupedNumbers plain = GroupedNumbers.Of(values, codes, 3);
        GroupedNumbers ranked = GroupedNumbers.Of(values, codes, 3, ValueRanks.Of(values));

        for (int g = 0; g < 3; g++)
        {
            // Bit for bit, so -0 and +0 must come out in the same places.
            Assert.Equal(plain.Sorted(g).Select(BitConverter.DoubleToInt64Bits), ranked.Sorted(g).Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(plain.Missing(g), ranked.Missing(g));
        }
    }
}
