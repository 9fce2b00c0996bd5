using System;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class FisherExactTests
{
    // p: sums of hypergeometric probabilities (MathNet log-factorials vs R's dhyper): 1e-9.
    private const double PTolerance = 1e-9;

    // Odds ratio and CI against fisher.test with uniroot tightened to 1e-13.
    private const double TightTolerance = 1e-8;

    // fisher.test as shipped solves for t = psi (psi < 1) or t = 1/psi (psi > 1) in (0, 1] with
    // uniroot's default tol = .Machine$double.eps^0.25 = 1.22e-4, absolute in t. Its odds ratios
    // are therefore off by up to ~1% when psi is large (1e-4 / t relative); we agree on t.
    private const double ShippedAbsoluteToleranceOnT = 1.3e-4;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("fisher_2x2");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("fisher_2x2");

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwoByTwoPValueMatchesRFisherTest(string name)
    {
        JsonElement c = Fixture.Case(name);

        TestResult result = Run(c);

        ReferenceFixture.AssertPValue(ReferenceFixture.Number(c.GetProperty("default"), "p"), result.PValue, PTolerance, "p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OddsRatioAndConfidenceIntervalMatchRFisherTestSolvedTightly(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("tight");

        TestResult result = Run(c);

        if (HasZeroMargin(c))
        {
            // R reports 0 (or Inf) with CI (0, Inf): nothing is estimable. We say so instead.
            Assert.Equal((0.0, double.PositiveInfinity), (ReferenceFixture.Number(r, "conf_low"), ReferenceFixture.Number(r, "conf_high")));
            Assert.True(double.IsNaN(result.Estimate!.Value));
            Assert.Contains("odds ratio is undefined", Assert.Single(result.Warnings), StringComparison.Ordinal);
            return;
        }

        Assert.Equal("odds ratio", result.EstimateName);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "estimate"), result.Estimate!.Value, TightTolerance, "odds ratio");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "conf_low"), result.ConfidenceLow!.Value, TightTolerance, "conf_low");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "conf_high"), result.ConfidenceHigh!.Value, TightTolerance, "conf_high");
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OddsRatioAndConfidenceIntervalAgreeWithShippedFisherTestOnItsSearchScale(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("default");
        if (HasZeroMargin(c))
        {
            return;
        }

        TestResult result = Run(c);

        AssertSameOnSearchScale(ReferenceFixture.Number(r, "estimate"), result.Estimate!.Value, "odds ratio");
        AssertSameOnSearchScale(ReferenceFixture.Number(r, "conf_low"), result.ConfidenceLow!.Value, "conf_low");
        AssertSameOnSearchScale(ReferenceFixture.Number(r, "conf_high"), result.ConfidenceHigh!.Value, "conf_high");
    }

    [Fact]
    public void TeaTastingPValueIsHandComputable()
    {
        // Margins 4/4, a = 3: P(3) = P(1) = 16/70, P(4) = P(0) = 1/70, P(2) = 36/70; p = 34/70.
        TestResult result = FisherExact.TwoByTwo(3, 1, 1, 3);

        Assert.Equal(34.0 / 70.0, result.PValue, 1e-14);
        Assert.Equal(3.0, result.Statistic);
    }

    [Fact]
    public void EmptyTableGivesNaNWithWarning()
    {
        TestResult result = FisherExact.TwoByTwo(0, 0, 0, 0);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Equal("Fisher's exact test is undefined for an empty table", Assert.Single(result.Warnings));
    }

    [Fact]
    public void ZeroRowTotalGivesPValueOneAndUndefinedOddsRatio()
    {
        TestResult result = FisherExact.TwoByTwo(0, 0, 3, 4);

        Assert.Equal(1.0, result.PValue);
        Assert.True(double.IsNaN(result.Estimate!.Value));
        Assert.Contains("odds ratio is undefined", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeCountGivesNaNWithWarning()
    {
        TestResult result = FisherExact.TwoByTwo(1, -1, 2, 3);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Single(result.Warnings);
    }

    private static TestResult Run(JsonElement c) => FisherExact.TwoByTwo(
        (int)ReferenceFixture.Number(c, "a"),
        (int)ReferenceFixture.Number(c, "b"),
        (int)ReferenceFixture.Number(c, "c"),
        (int)ReferenceFixture.Number(c, "d"));

    private static bool HasZeroMargin(JsonElement c)
    {
        double a = ReferenceFixture.Number(c, "a"), b = ReferenceFixture.Number(c, "b");
        double cc = ReferenceFixture.Number(c, "c"), d = ReferenceFixture.Number(c, "d");
        return a + b == 0 || cc + d == 0 || a + cc == 0 || b + d == 0;
    }

    /// <summary>Compares psi where R searched psi (psi &lt;= 1) and 1/psi where it searched 1/psi.</summary>
    private static void AssertSameOnSearchScale(double expected, double actual, string quantity)
    {
        if (expected == 0 || double.IsPositiveInfinity(expected))
        {
            Assert.Equal(expected, actual);
            return;
        }

        bool inverted = expected > 1;
        double e = inverted ? 1 / expected : expected;
        double a = inverted ? 1 / actual : actual;
        Assert.True(
            Math.Abs(a - e) <= ShippedAbsoluteToleranceOnT,
            $"{quantity}: R {expected}, ours {actual}; on R's search scale {e} vs {a}");
    }
}
