using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Sorting;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Sorting;

public class RadixSortTests
{
    [Fact]
    public void ValuesSortAsAStableComparisonSortBitForBitWithZerosOfBothSignsInInputOrder()
    {
        var random = new Random(17);
        double[] pool = [0.0, -0.0, 1.5, -1.5, 1e-300, -1e-300, 1e300, -1e300, double.PositiveInfinity, double.NegativeInfinity, 2.25, 7, -7, 0.1];
        for (int trial = 0; trial < 60; trial++)
        {
            // Small inputs take the comparison path, large ones the radix passes.
            int n = trial % 3 == 0 ? random.Next(512, 5000) : random.Next(0, 600);
            double[] values = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? Math.Round(random.NextDouble() * 1e4 - 5e3, 2) : pool[random.Next(pool.Length)]).ToArray();

            long[] expected = values.Order().Select(BitConverter.DoubleToInt64Bits).ToArray();
            long[] actual = RadixSort.Sorted(values).Select(BitConverter.DoubleToInt64Bits).ToArray();

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ANaNIsRefused()
    {
        Assert.Throws<ArgumentException>(() => RadixSort.Sorted(Enumerable.Range(0, 3000).Select(i => i == 1234 ? double.NaN : i).ToArray()));
        Assert.Throws<ArgumentException>(() => RadixSort.Sorted([1, double.NaN]));
    }
}
