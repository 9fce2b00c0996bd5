using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class MannWhitneyTests
{
    // W is a sum of half-integers: exact. p goes through erfc: 1e-10 relative.
    private const double PTolerance = 1e-10;

    // Exact p: ratios of counts summed in doubles (R sums the same counts): 1e-12.
    private const double ExactTolerance = 1e-12;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("two_sample_tests");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("two_sample_tests");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MannWhitneyMatchesRWilcoxTestWithContinuityCorrection(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("wilcox");

        TestResult result = MannWhitney.Test(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"));

        Assert.Equal(ReferenceFixture.Number(r, "w"), result.Statistic);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, PTolerance, "p");
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MannWhitneyWithoutContinuityCorrectionMatchesRCorrectFalse(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("wilcox");

        TestResult result = MannWhitney.Test(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"), continuityCorrection: false);

        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p_uncorrected"), result.PValue, PTolerance, "p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExactMatchesRWilcoxTestExactWhenThereAreNoTies(string name)
    {
        JsonElement c = Fixture.Case(name);
        double[] x = ReferenceFixture.Numbers(c, "x");
        double[] y = ReferenceFixture.Numbers(c, "y");

        TestResult result = MannWhitney.Exact(x, y);

        if (c.TryGetProperty("wilcox_exact", out JsonElement r))
        {
            Assert.Equal(ReferenceFixture.Number(r, "w"), result.Statistic);
            ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, ExactTolerance, "exact p");
            Assert.Equal("Wilcoxon rank-sum (Mann-Whitney U), exact", result.Method);
        }
        else
        {
            // With ties R's exact = TRUE falls back to the corrected normal approximation, as we do;
            // so do we for samples too large to enumerate.
            bool ties = x.Concat(y).Distinct().Count() < x.Length + y.Length;
            Assert.Equal(ReferenceFixture.Number(c.GetProperty("wilcox"), "p"), result.PValue, 1e-12);
            Assert.Contains(ties ? "ties" : "too large", result.Warnings.Single(), System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExactPValueOfTwoVersusTwoIsHandComputable()
    {
        // C(4, 2) = 6 equally likely rank sets; W = 0 is the single most extreme: p = 2 * 1/6.
        TestResult result = MannWhitney.Exact([1, 2], [3.5, 4]);

        Assert.Equal(0.0, result.Statistic);
        Assert.Equal(1.0 / 3.0, result.PValue, 1e-15);
    }

    [Fact]
    public void MannWhitneyMatchesRWilcoxTestWithTiesOnToothGrowth()
    {
        // Named case kept explicit: the trial's primary-endpoint shape (many ties, n = 30 + 30).
        JsonElement c = Fixture.Case("toothgrowth_len_oj_vs_vc");

        TestResult result = MannWhitney.Test(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"));

        Assert.Equal(575.5, result.Statistic);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(c.GetProperty("wilcox"), "p"), result.PValue, PTolerance, "p");
    }

    [Fact]
    public void OrderedValueCountsGiveTheSameResultAsRawValues()
    {
        double[] x = [1, 2, 2, 5, 7, 7, 7];
        double[] y = [2, 3, 5, 5, 8];

        // Distinct values 1 2 3 5 7 8.
        TestResult fromCounts = MannWhitney.TestFromOrderedCounts([1, 2, 0, 1, 3, 0], [0, 1, 1, 2, 0, 1]);
        TestResult fromValues = MannWhitney.Test(x, y);

        Assert.Equal(fromValues.Statistic, fromCounts.Statistic);
        Assert.Equal(fromValues.PValue, fromCounts.PValue);
    }

    [Fact]
    public void HandComputedStatisticCountsPairsWithTiesAsOneHalf()
    {
        // Pairs (x > y): 3 > 1, 3 > 2 and 3 = 3 counts 1/2; 4 beats all three: W = 2.5 + 3.
        TestResult result = MannWhitney.Test([3, 4], [1, 2, 3]);

        Assert.Equal(5.5, result.Statistic);
    }

    [Fact]
    public void EmptyGroupGivesNaNWithWarning()
    {
        TestResult result = MannWhitney.Test([], [1, 2, 3]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.True(double.IsNaN(result.Statistic));
        Assert.Contains("group sizes 0 and 3", Assert.Single(result.Warnings), System.StringComparison.Ordinal);
    }

    [Fact]
    public void IdenticalValuesGiveNaNPValueWithWarning()
    {
        TestResult result = MannWhitney.Test([2, 2, 2], [2, 2]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Equal(3.0, result.Statistic);
        Assert.Contains("identical", Assert.Single(result.Warnings), System.StringComparison.Ordinal);
    }

    [Fact]
    public void NaNInputIsIgnoredAndReported()
    {
        TestResult clean = MannWhitney.Test([1, 4, 6], [2, 3]);
        TestResult withNaN = MannWhitney.Test([1, double.NaN, 4, 6], [2, 3]);

        Assert.Equal(clean.PValue, withNaN.PValue);
        Assert.Equal("ignored 1 NaN value(s) in x", withNaN.Warnings.Single());
    }
}
