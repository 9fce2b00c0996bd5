using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class KSampleTests
{
    // Statistics are sums and ratios: 1e-12. p through MathNet's incomplete gamma/beta: 1e-9.
    private const double StatisticTolerance = 1e-12;
    private const double PTolerance = 1e-9;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("k_sample_tests");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("k_sample_tests");

    [Theory]
    [MemberData(nameof(Cases))]
    public void KruskalWallisMatchesRKruskalTest(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("kruskal");

        TestResult result = KruskalWallis.Test(Groups(c));

        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "h"), result.Statistic, StatisticTolerance, "H");
        Assert.Equal(ReferenceFixture.Number(r, "df"), result.DegreesOfFreedom);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, PTolerance, "p");
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneWayAnovaMatchesROnewayTestWithEqualVariances(string name)
    {
        JsonElement c = Fixture.Case(name);

        TestResult result = OneWayAnova.Test(Groups(c));

        AssertF(c.GetProperty("anova"), result);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneWayAnovaSumsOfSquaresMatchRAnovaLm(string name)
    {
        JsonElement r = Fixture.Case(name).GetProperty("anova_table");

        TestResult result = OneWayAnova.Test(Groups(Fixture.Case(name)));

        Assert.NotNull(result.SumsOfSquares);
        Assert.Equal(["between", "within"], result.SumsOfSquares.Select(s => s.Source));
        double[] df = ReferenceFixture.Numbers(r, "df"), ss = ReferenceFixture.Numbers(r, "sum_sq"), ms = ReferenceFixture.Numbers(r, "mean_sq");
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(df[i], result.SumsOfSquares[i].DegreesOfFreedom);
            ReferenceFixture.AssertClose(ss[i], result.SumsOfSquares[i].SumOfSquares, StatisticTolerance, $"{name} Sum Sq[{i}]");
            ReferenceFixture.AssertClose(ms[i], result.SumsOfSquares[i].MeanSquare, StatisticTolerance, $"{name} Mean Sq[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WelchAnovaMatchesROnewayTest(string name)
    {
        JsonElement c = Fixture.Case(name);

        TestResult result = OneWayAnova.Welch(Groups(c));

        AssertF(c.GetProperty("welch"), result);
    }

    [Fact]
    public void KruskalWallisOfTwoGroupsWithoutTiesIsHandComputable()
    {
        // Ranks: group 1 gets 1, 2; group 2 gets 3, 4. sum R^2/n = 9/2 + 49/2 = 29;
        // H = 12 * 29 / (4 * 5) - 3 * 5 = 2.4; on 1 df, P(Z^2 > 2.4) = erfc(sqrt(2.4 / 2)).
        TestResult result = KruskalWallis.Test([[1.0, 2.0], [3.0, 4.0]]);

        Assert.Equal(2.4, result.Statistic, 1e-14);
        Assert.Equal(MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(1.2)), result.PValue, 1e-14);
    }

    [Fact]
    public void KruskalWallisWithOneNonEmptyGroupGivesNaNAndSaysWhy()
    {
        TestResult result = KruskalWallis.Test([[1.0, 2.0], []]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Contains("at least 2 non-empty groups", result.Warnings.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void KruskalWallisOfIdenticalValuesGivesNaNAndSaysWhy()
    {
        TestResult result = KruskalWallis.Test([[3.0, 3.0], [3.0]]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Contains("identical", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void AnovaWithASingletonGroupGivesNaNAndListsGroupSizes()
    {
        TestResult result = OneWayAnova.Test([[1.0, 2.0, 3.0], [4.0]]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.EndsWith("group sizes 3, 1", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void WelchAnovaWithAConstantGroupGivesNaNAndSaysWhy()
    {
        TestResult result = OneWayAnova.Welch([[1.0, 2.0, 3.0], [4.0, 4.0]]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Contains("zero variance", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    private static double[][] Groups(JsonElement c) =>
        c.GetProperty("groups").EnumerateArray().Select(ReferenceFixture.Numbers).ToArray();

    private static void AssertF(JsonElement r, TestResult result)
    {
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "f"), result.Statistic, StatisticTolerance, "F");
        Assert.Equal(ReferenceFixture.Number(r, "df1"), result.DegreesOfFreedom);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "df2"), result.DenominatorDegreesOfFreedom!.Value, StatisticTolerance, "df2");
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, PTolerance, "p");
        Assert.Empty(result.Warnings);
    }
}
