using System;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class TTestTests
{
    // t, df and the estimate are a few arithmetic operations: 1e-12. p goes through the
    // incomplete beta function and the CI through MathNet's t quantile (Brent to 1e-12): 1e-9.
    private const double ArithmeticTolerance = 1e-12;
    private const double DistributionTolerance = 1e-9;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("two_sample_tests");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("two_sample_tests");

    [Theory]
    [MemberData(nameof(Cases))]
    public void StudentMatchesRTTestWithEqualVariances(string name)
    {
        JsonElement c = Fixture.Case(name);

        TestResult result = TTest.Student(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"));

        AssertMatches(c.GetProperty("student"), result);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WelchMatchesRTTestWithUnequalVariances(string name)
    {
        JsonElement c = Fixture.Case(name);
        double[] x = ReferenceFixture.Numbers(c, "x");
        double[] y = ReferenceFixture.Numbers(c, "y");

        TestResult result = TTest.Welch(x, y);

        if (c.TryGetProperty("welch", out JsonElement r))
        {
            AssertMatches(r, result);
        }
        else
        {
            // R stops ("not enough 'x' observations"); we return NaN and say why.
            Assert.True(double.IsNaN(result.PValue));
            Assert.Single(result.Warnings);
        }
    }

    [Fact]
    public void HandComputedStudentTestOnTwoPairs()
    {
        // x = 1, 3; y = 5, 7: means 2 and 6, both variances 2, pooled 2, SE = sqrt(2 * (1/2 + 1/2)).
        TestResult result = TTest.Student([1, 3], [5, 7]);

        Assert.Equal(-4 / Math.Sqrt(2), result.Statistic, 1e-14);
        Assert.Equal(2.0, result.DegreesOfFreedom);
        Assert.Equal(-4.0, result.Estimate);
    }

    [Fact]
    public void WelchWithOneObservationGivesNaNAndSaysWhy()
    {
        TestResult result = TTest.Welch([1], [1, 2, 3, 4, 5]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.True(double.IsNaN(result.Statistic));
        Assert.Equal("Welch t-test needs at least 2 observations per group; group sizes 1 and 5", Assert.Single(result.Warnings));
    }

    [Fact]
    public void StudentWithTwoObservationsInAllGivesNaNAndSaysWhy()
    {
        TestResult result = TTest.Student([1], [2]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Contains("group sizes 1 and 1", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantDataGiveNaNPValueAndKeepTheEstimate()
    {
        TestResult student = TTest.Student([5, 5, 5], [5, 5]);
        TestResult welch = TTest.Welch([3, 3, 3], [5, 5]);

        Assert.True(double.IsNaN(student.PValue));
        Assert.True(double.IsNaN(welch.PValue));
        Assert.Equal(-2.0, welch.Estimate);
        Assert.Contains("constant", Assert.Single(welch.Warnings), StringComparison.Ordinal);
    }

    private static void AssertMatches(JsonElement r, TestResult result)
    {
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "t"), result.Statistic, ArithmeticTolerance, "t");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "df"), result.DegreesOfFreedom!.Value, ArithmeticTolerance, "df");
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, DistributionTolerance, "p");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "estimate"), result.Estimate!.Value, ArithmeticTolerance, "estimate");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "conf_low"), result.ConfidenceLow!.Value, DistributionTolerance, "conf_low");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "conf_high"), result.ConfidenceHigh!.Value, DistributionTolerance, "conf_high");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "stderr"), result.StandardError!.Value, ArithmeticTolerance, "stderr");
        Assert.Empty(result.Warnings);
    }
}
