using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics;

/// <summary>
/// Value counts (an engine's GROUP BY value) give every statistic the sorted sample gives: Table 1's summary, the box plot,
/// the rank-sum test and the Hodges-Lehmann shift and CI, on small unsorted samples with ties.
/// </summary>
public sealed class CountedValuesTests
{
    private static readonly double[] X = [7, 3, 3, 12.5, 7, 7, -2, 40, 3, 9, 11, 7];
    private static readonly double[] Y = [5, 3, 8, 8, 1, 7, 0.5, 2, 8];

    private static CountedValues Counted(double[] sample)
    {
        var groups = sample.GroupBy(v => v).OrderBy(g => g.Key).ToArray();
        return new CountedValues(groups.Select(g => g.Key).ToArray(), groups.Select(g => (long)g.Count()).ToArray());
    }

    [Fact]
    public void TheSummaryFromCountsIsTheSummaryOfTheValues()
    {
        ContinuousSummary expected = Descriptives.Summarize(X);
        ContinuousSummary actual = Counted(X).Summarize(0);

        Assert.Equal(expected.N, actual.N);
        Assert.Equal(expected.Median, actual.Median);
        Assert.Equal(expected.Q1, actual.Q1);
        Assert.Equal(expected.Q3, actual.Q3);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);
        Assert.Equal(expected.Mean, actual.Mean, 1e-12);
        Assert.Equal(expected.StandardDeviation, actual.StandardDeviation, 1e-12);
    }

    [Fact]
    public void TheBoxPlotFromCountsHasTheHingesWhiskersAndOutliersOfTheValues()
    {
        BoxStatistics expected = BoxStatistics.Of(X.Append(double.NaN).ToArray());
        BoxStatistics actual = Counted(X).Box(X.Length + 1);

        Assert.Equal(expected with { Outliers = [] }, actual with { Outliers = [] });
        Assert.Equal(expected.Outliers, actual.Outliers);
        Assert.NotEmpty(actual.Outliers);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, false)]
    public void TheRankTestAndShiftFromCountsAreThoseOfTheValues(bool? exact, bool correct)
    {
        TestResult expectedTest = exact == false ? MannWhitney.Test(X, Y, correct) : MannWhitney.Exact(X, Y, correct);
        TestResult actualTest = MannWhitney.FromCounts(Counted(X), Counted(Y), exact != false, correct);
        HodgesLehmannResult expected = HodgesLehmann.Shift(X, Y, exact, correct);
        HodgesLehmannResult actual = HodgesLehmann.Shift(Counted(X), Counted(Y), exact, correct);

        Assert.Equal(expectedTest.Statistic, actualTest.Statistic);
        Assert.Equal(expectedTest.PValue, actualTest.PValue);
        Assert.Equal(expectedTest.Warnings, actualTest.Warnings);
        Assert.Equal(expected.Estimate, actual.Estimate);
        Assert.Equal(expected.Low, actual.Low);
        Assert.Equal(expected.High, actual.High);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Warnings, actual.Warnings);
    }

    [Fact]
    public void WithoutTiesTheExactShiftComesFromTheDistinctValues()
    {
        double[] x = [4.1, 9.3, 2.2, 7.7, 5.0];
        double[] y = [1.5, 3.3, 6.1, 0.2];
        HodgesLehmannResult expected = HodgesLehmann.Shift(x, y, null, true);
        HodgesLehmannResult actual = HodgesLehmann.Shift(Counted(x), Counted(y), null, true);

        Assert.Contains("exact", actual.Method, StringComparison.Ordinal);
        Assert.Equal((expected.Estimate, expected.Low, expected.High, expected.ConfidenceLevel), (actual.Estimate, actual.Low, actual.High, actual.ConfidenceLevel));
    }
}
