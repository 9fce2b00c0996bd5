using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Survival;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Statistics.Survival.SurvivalFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

public sealed class LogRankTests
{
    // O and E are sums in the same order as survdiff2.c: 1e-12. Chi-square through a k-1 linear
    // solve: 1e-10. p through MathNet's incomplete gamma: 1e-9 (log scale below 1e-10).
    private const double SumTolerance = 1e-12;
    private const double ChiSquareTolerance = 1e-10;
    private const double PTolerance = 1e-9;

    public static TheoryData<string> Cases => SurvivalFixture.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogRankAndPetoPetoMatchRSurvdiff(string name)
    {
        JsonElement c = Fixture.Case(name);
        var (time, status, group, k) = Inputs(c);

        foreach (string key in new[] { "rho0", "rho1" })
        {
            JsonElement r = c.GetProperty("logrank").GetProperty(key);
            LogRankResult result = LogRank.Test(time, status, group, k, ReferenceFixture.Number(r, "rho"));
            AssertMatches(r, result, $"{name} {key}");
        }
    }

    [Fact]
    public void StratifiedTestsMatchRSurvdiffWithStrata()
    {
        JsonElement c = Fixture.Case("lung_by_sex");
        var (time, status, group, k) = Inputs(c);
        int[] strata = Strata(c);
        int strataCount = strata.Max() + 1;

        foreach (string key in new[] { "rho0", "rho1" })
        {
            JsonElement r = c.GetProperty("stratified").GetProperty(key);
            LogRankResult result = LogRank.Test(time, status, group, k, ReferenceFixture.Number(r, "rho"), strata, strataCount);
            AssertMatches(r, result, "lung strata(ph.ecog) " + key);
            Assert.Equal(1, result.LeftOut);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PairwiseTestsMatchRSurvdiffOnEachPairWithHolm(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("pairwise").GetProperty("rho0");
        var (time, status, group, k) = Inputs(c);

        var pairs = LogRankPairwise.Test(SurvivalCounts.FromSubjects(time, status, group, k), 0, AdjustMethod.Holm);

        double[] p = ReferenceFixture.Numbers(r, "p");
        double[] holm = ReferenceFixture.Numbers(r, "holm");
        Assert.Equal(p.Length, pairs.Count);
        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal((int)ReferenceFixture.Numbers(r, "a")[i], pairs[i].GroupA);
            Assert.Equal((int)ReferenceFixture.Numbers(r, "b")[i], pairs[i].GroupB);
            ReferenceFixture.AssertPValue(p[i], pairs[i].Test.PValue, PTolerance, $"{name} pair {i} p");
            ReferenceFixture.AssertPValue(holm[i], pairs[i].AdjustedPValue, PTolerance, $"{name} pair {i} holm");
        }
    }

    private static void AssertMatches(JsonElement r, LogRankResult result, string what)
    {
        double[] n = ReferenceFixture.Numbers(r, "n");
        double[] observed = ReferenceFixture.Numbers(r, "observed");
        double[] expected = ReferenceFixture.Numbers(r, "expected");
        for (int g = 0; g < n.Length; g++)
        {
            Assert.Equal((int)n[g], result.N[g]);
            ReferenceFixture.AssertClose(observed[g], result.Observed[g], SumTolerance, $"{what} observed[{g}]");
            ReferenceFixture.AssertClose(expected[g], result.Expected[g], SumTolerance, $"{what} expected[{g}]");
        }

        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "chisq"), result.ChiSquare, ChiSquareTolerance, what + " chisq");
        Assert.Equal((int)ReferenceFixture.Number(r, "df"), result.DegreesOfFreedom);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(r, "p"), result.PValue, PTolerance, what + " p");
    }
}
