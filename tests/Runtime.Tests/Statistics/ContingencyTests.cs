using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class ContingencyTests
{
    // Fisher r x c: sums of products of factorials (MathNet log-factorials vs R's FEXACT): 1e-9.
    private const double FisherTolerance = 1e-9;

    // Chi-squared: the statistic is arithmetic (1e-12); p through the incomplete gamma (1e-9).
    private const double StatisticTolerance = 1e-12;
    private const double PTolerance = 1e-9;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("contingency");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("contingency");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FisherRxCMatchesRFisherTest(string name)
    {
        JsonElement c = Fixture.Case(name);

        TestResult result = FisherExact.RxC(Table(c));

        ReferenceFixture.AssertPValue(ReferenceFixture.Number(c, "fisher_p"), result.PValue, FisherTolerance, "p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChiSquareWithYatesMatchesRChisqTest(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("chisq");

        TestResult result = ChiSquare.Test(Table(c), yates: true);

        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "statistic"), result.Statistic, StatisticTolerance, "X-squared");
        Assert.Equal(ReferenceFixture.Number(r, "df"), result.DegreesOfFreedom);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, PTolerance, "p");
        Assert.Equal(r.GetProperty("small_expected").GetBoolean(), result.Warnings.Any(w => w.StartsWith("Chi-squared approximation", StringComparison.Ordinal)));
        double[][] expected = r.GetProperty("expected").EnumerateArray().Select(ReferenceFixture.Numbers).ToArray();
        Assert.NotNull(result.Expected);
        Assert.Equal(expected.Length, result.Expected.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, result.Expected[i].Count);
            for (int j = 0; j < expected[i].Length; j++)
            {
                ReferenceFixture.AssertClose(expected[i][j], result.Expected[i][j], StatisticTolerance, $"{name} expected[{i},{j}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChiSquareWithoutYatesMatchesRChisqTestCorrectFalse(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("chisq_uncorrected");

        TestResult result = ChiSquare.Test(Table(c), yates: false);

        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "statistic"), result.Statistic, StatisticTolerance, "X-squared");
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, PTolerance, "p");
    }

    [Fact]
    public void FisherRxCOnATwoByTwoTableEqualsTheTwoByTwoTest()
    {
        TestResult general = FisherExact.RxC(new[,] { { 3, 1 }, { 1, 3 } });

        Assert.Equal(34.0 / 70.0, general.PValue, 1e-14);
    }

    [Fact]
    public void FisherRxCDropsAZeroColumnAndSaysSo()
    {
        TestResult withZero = FisherExact.RxC(new[,] { { 3, 0, 1 }, { 1, 0, 3 } });

        Assert.Equal(34.0 / 70.0, withZero.PValue, 1e-14);
        Assert.Equal("rows or columns with a zero total were dropped", Assert.Single(withZero.Warnings));
    }

    [Fact]
    public void FisherRxCGivesUpOnAHugeTableWithNaNAndAWarning()
    {
        // 5 x 6 with n = 600: far more partial tables than the enumeration allows.
        var table = new int[5, 6];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                table[i, j] = 15 + ((i * 7 + j * 3) % 11);
            }
        }

        TestResult result = FisherExact.RxC(table);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Contains("too large for exact enumeration", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyTableGivesNaNForBothTableTests()
    {
        var empty = new int[2, 3];

        Assert.True(double.IsNaN(FisherExact.RxC(empty).PValue));
        Assert.True(double.IsNaN(ChiSquare.Test(empty, yates: true).PValue));
        Assert.Contains("empty table", ChiSquare.Test(empty, yates: true).Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void ChiSquareWithAZeroRowGivesNaNAndSaysWhy()
    {
        TestResult result = ChiSquare.Test(new[,] { { 0, 0 }, { 3, 4 } }, yates: true);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Contains("row or column total is zero", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ChiSquareOfATwoByTwoTableIsHandComputable()
    {
        // [[10, 20], [20, 10]]: every expected count is 15, |O - E| = 5; Yates: 4 * 4.5^2 / 15 = 5.4.
        TestResult result = ChiSquare.Test(new[,] { { 10, 20 }, { 20, 10 } }, yates: true);

        Assert.Equal(5.4, result.Statistic, 1e-13);
        Assert.Equal(1.0, result.DegreesOfFreedom);
        Assert.Empty(result.Warnings);
    }

    private static int[,] Table(JsonElement c)
    {
        double[][] rows = c.GetProperty("table").EnumerateArray().Select(ReferenceFixture.Numbers).ToArray();
        var table = new int[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[i].Length; j++)
            {
                table[i, j] = checked((int)rows[i][j]);
            }
        }

        return table;
    }
}
