using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

/// <summary>The figures' statistics against R (tests/Reference/r/figures.R): fivenum, boxplot.stats and t.test's CI.</summary>
public sealed class FigureStatisticsTests
{
    // Hinges and whiskers are data values or the mean of two: exact up to one rounding; 1e-14 relative.
    private const double BoxTolerance = 1e-14;

    // Mean ± qt(0.975, n - 1) · sd / √n with MathNet's qt: 1e-10 relative.
    private const double IntervalTolerance = 1e-10;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("figures");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("figures");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FiveNumbersMatchRFivenum(string name)
    {
        JsonElement c = Fixture.Case(name);
        double[] sorted = ReferenceFixture.Numbers(c, "values").Where(v => !double.IsNaN(v)).Order().ToArray();
        double[] expected = ReferenceFixture.Numbers(c, "fivenum");

        double[] actual = BoxStatistics.FiveNumbers(sorted);

        for (int i = 0; i < 5; i++)
        {
            ReferenceFixture.AssertClose(expected[i], actual[i], BoxTolerance, $"fivenum[{i + 1}]");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BoxStatisticsMatchRBoxplotStats(string name)
    {
        JsonElement c = Fixture.Case(name);
        double[] values = ReferenceFixture.Numbers(c, "values");
        double[] stats = ReferenceFixture.Numbers(c, "stats");

        BoxStatistics box = BoxStatistics.Of(values);

        Assert.Equal((int)ReferenceFixture.Number(c, "n"), box.N);
        Assert.Equal(values.Count(double.IsNaN), box.Missing);
        double[] actual = [box.LowerWhisker, box.LowerHinge, box.Median, box.UpperHinge, box.UpperWhisker];
        for (int i = 0; i < 5; i++)
        {
            ReferenceFixture.AssertClose(stats[i], actual[i], BoxTolerance, $"stats[{i + 1}]");
        }

        Assert.Equal(ReferenceFixture.Numbers(c, "outliers"), box.Outliers.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeanIntervalMatchesRTTest(string name)
    {
        JsonElement c = Fixture.Case(name);
        double[] values = ReferenceFixture.Numbers(c, "values");

        MeanInterval m = MeanInterval.Of(values);

        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "mean"), m.Mean, IntervalTolerance, "mean");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "sd"), m.Sd, IntervalTolerance, "sd");
        double lower = ReferenceFixture.Number(c, "t_lower");
        if (m.N >= 2 && m.Sd == 0)
        {
            // R's t.test stops on constant data; the figure draws a zero-width interval at the mean.
            Assert.True(double.IsNaN(lower));
            Assert.Equal((m.Mean, m.Mean), (m.Lower, m.Upper));
            return;
        }

        ReferenceFixture.AssertClose(lower, m.Lower, IntervalTolerance, "t lower limit");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "t_upper"), m.Upper, IntervalTolerance, "t upper limit");
    }
}
