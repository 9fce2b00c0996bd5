using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class DescriptivesTests
{
    // Sums of up to ~100 doubles: R accumulates in long double, we in double.
    private const double Tolerance = 1e-12;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("descriptives");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("descriptives");

    [Theory]
    [MemberData(nameof(Cases))]
    public void SummarizeMatchesRMeanSdMedianAndType7Quartiles(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement e = c.GetProperty("expected");

        ContinuousSummary s = Descriptives.Summarize(ReferenceFixture.Numbers(c, "values"));

        Assert.Equal((int)ReferenceFixture.Number(e, "n"), s.N);
        Assert.Equal((int)ReferenceFixture.Number(e, "missing"), s.Missing);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "mean"), s.Mean, Tolerance, "mean");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "sd"), s.StandardDeviation, Tolerance, "sd");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "median"), s.Median, Tolerance, "median");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "q1"), s.Q1, Tolerance, "q1");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "q3"), s.Q3, Tolerance, "q3");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "min"), s.Min, 0, "min");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "max"), s.Max, 0, "max");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Type7QuantilesMatchRQuantileAtEveryProbability(string name)
    {
        JsonElement c = Fixture.Case(name);
        double[] sorted = ReferenceFixture.Numbers(c, "values").Where(v => !double.IsNaN(v)).Order().ToArray();
        double[] probs = ReferenceFixture.Numbers(c, "probs");
        double[] expected = ReferenceFixture.Numbers(c, "quantiles_type7");

        for (int i = 0; i < probs.Length; i++)
        {
            ReferenceFixture.AssertClose(expected[i], Quantiles.Type7(sorted, probs[i]), 1e-14, $"quantile at p = {probs[i]}");
        }
    }

    [Fact]
    public void SummarizeOfUnsortedValuesWithMissingIsHandComputable()
    {
        // 3, NA, 1, 2, 10, 2 -> sorted 1 2 2 3 10; mean 18/5; quartiles at positions 2 and 4.
        ContinuousSummary s = Descriptives.Summarize([3, double.NaN, 1, 2, 10, 2]);

        // Squared deviations from 3.6 sum to 6.76 + 2.56 + 2.56 + 0.36 + 40.96 = 53.2.
        Assert.Equal((5, 1), (s.N, s.Missing));
        Assert.Equal(3.6, s.Mean, 1e-14);
        Assert.Equal(Math.Sqrt(53.2 / 4), s.StandardDeviation, 1e-14);
        Assert.Equal((2.0, 2.0, 3.0, 1.0, 10.0), (s.Median, s.Q1, s.Q3, s.Min, s.Max));
    }

    [Fact]
    public void SummarizeOfNothingGivesNaNStatisticsAndCountsMissing()
    {
        ContinuousSummary s = Descriptives.Summarize([double.NaN, double.NaN]);

        Assert.Equal(0, s.N);
        Assert.Equal(2, s.Missing);
        Assert.True(double.IsNaN(s.Mean) && double.IsNaN(s.StandardDeviation) && double.IsNaN(s.Median));
        Assert.True(double.IsNaN(s.Q1) && double.IsNaN(s.Q3) && double.IsNaN(s.Min) && double.IsNaN(s.Max));
    }

    [Fact]
    public void SummarizeOfOneValueHasNaNStandardDeviation()
    {
        ContinuousSummary s = Descriptives.Summarize([4.5]);

        Assert.Equal(1, s.N);
        Assert.Equal(4.5, s.Mean);
        Assert.Equal(4.5, s.Median);
        Assert.True(double.IsNaN(s.StandardDeviation));
    }

    [Fact]
    public void Type7OutsideZeroToOneOrOnEmptyDataIsNaN()
    {
        Assert.True(double.IsNaN(Quantiles.Type7([1, 2], 1.5)));
        Assert.True(double.IsNaN(Quantiles.Type7([], 0.5)));
        Assert.Equal(1.5, Quantiles.Type7([1, 2], 0.5));
    }
}
