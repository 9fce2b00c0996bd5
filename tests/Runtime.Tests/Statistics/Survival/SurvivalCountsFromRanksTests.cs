using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Sorting;
using ProtocolLang.Runtime.Statistics.Survival;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

public class SurvivalCountsFromRanksTests
{
    [Theory]
    [InlineData(500, 40, 3, 1)]      // few times: each subject added into its (stratum, time, group) cell
    [InlineData(2000, 25, 4, 3)]
    [InlineData(20000, 0, 5, 2)]     // every time distinct: more cells than 4 per subject, so counting sorts instead
    public void CountsFromTheTimesRanksAreTheCountsFromSortingTheTimes(int n, int distinctTimes, int groups, int strata)
    {
        var random = new Random(n + groups);
        double[] time = Enumerable.Range(0, n).Select(i => random.Next(25) switch
        {
            0 => double.NaN,
            1 => double.PositiveInfinity,
            2 => -0.0,
            3 => 0.0,
            _ => distinctTimes == 0 ? i * 0.01 : random.Next(distinctTimes) * 0.5,
        }).ToArray();
        int[] status = Enumerable.Range(0, n).Select(_ => random.Next(20) == 0 ? -1 : random.Next(2)).ToArray();
        int[] group = Enumerable.Range(0, n).Select(_ => random.Next(-1, groups)).ToArray();
        int[] stratum = strata == 1 ? [] : Enumerable.Range(0, n).Select(_ => random.Next(-1, strata)).ToArray();

        SurvivalCounts expected = SurvivalCounts.FromSubjects(time, status, group, groups, stratum, strata);
        SurvivalCounts actual = SurvivalCounts.FromRanks(time, ValueRanks.Of(time), status, group, groups, stratum, strata);

        Assert.Equal(expected.LeftOut, actual.LeftOut);
        Assert.Equal(expected.Stratum.ToArray(), actual.Stratum.ToArray());
        Assert.Equal(expected.Group.ToArray(), actual.Group.ToArray());
        Assert.Equal(expected.Time.ToArray().Select(BitConverter.DoubleToInt64Bits), actual.Time.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Events.ToArray(), actual.Events.ToArray());
        Assert.Equal(expected.Censored.ToArray(), actual.Censored.ToArray());
    }

    [Fact]
    public void RanksOfAnotherColumnAreRefused()
    {
        double[] time = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => SurvivalCounts.FromRanks(time, ValueRanks.Of([1.0, 2.0]), [1, 0, 1], [0, 0, 0], 1));
    }
}
