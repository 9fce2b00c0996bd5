using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Effects;

/// <summary>
/// The exact conditional common odds ratio over strata against <c>mantelhaen.test(exact = TRUE)</c> (its uniroot
/// tightened, as fisher.test's in fisher.R), and the Mantel-Haenszel rate ratio and difference against the
/// Greenland-Robins formulas computed in R (tests/Reference/r/effect_measures.R).
/// </summary>
public sealed class StratifiedExactAndRateTests
{
    private const double Tolerance = 1e-6;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("effect_measures");

    public static TheoryData<string> StratifiedCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in Fixture.CaseNames.Where(n => Fixture.Case(n).TryGetProperty("exact_or", out _)))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(StratifiedCases))]
    public void ExactStratifiedOddsRatioMatchesMantelhaenTestExact(string name)
    {
        JsonElement c = Fixture.Case(name);
        int[] a = ReferenceFixture.Integers(c, "a"), b = ReferenceFixture.Integers(c, "b");
        int[] cc = ReferenceFixture.Integers(c, "c"), d = ReferenceFixture.Integers(c, "d");
        TwoGroupCounts[] strata = a.Select((_, k) => new TwoGroupCounts(a[k], a[k] + b[k], cc[k], cc[k] + d[k])).ToArray();

        TestResult r = FisherExact.Stratified(strata);

        Close(c, "exact_s", r.Statistic);
        Close(c, "exact_or", r.Estimate);
        Close(c, "exact_or_low", r.ConfidenceLow);
        Close(c, "exact_or_high", r.ConfidenceHigh);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(c, "exact_p"), r.PValue, Tolerance, "exact p");
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void OneStratumIsFishersExactTest()
    {
        var table = new TwoGroupCounts(12, 30, 5, 28);

        TestResult stratified = FisherExact.Stratified([table]);
        TestResult fisher = FisherExact.TwoByTwo(table.A, table.B, table.C, table.D);

        ReferenceFixture.AssertClose(fisher.Estimate!.Value, stratified.Estimate!.Value, 1e-12, "estimate");
        ReferenceFixture.AssertClose(fisher.ConfidenceLow!.Value, stratified.ConfidenceLow!.Value, 1e-12, "low");
        ReferenceFixture.AssertClose(fisher.ConfidenceHigh!.Value, stratified.ConfidenceHigh!.Value, 1e-12, "high");
        ReferenceFixture.AssertClose(fisher.PValue, stratified.PValue, 1e-12, "p");
    }

    [Fact]
    public void StrataWithOnlyOneTablePossibleLeaveTheOddsRatioUndefined()
    {
        // No events anywhere: S can only be 0, the likelihood is flat.
        TestResult r = FisherExact.Stratified([new TwoGroupCounts(0, 10, 0, 12), new TwoGroupCounts(0, 8, 0, 9)]);

        Assert.True(double.IsNaN(r.Estimate!.Value));
        Assert.Equal(1, r.PValue);
        Assert.Contains(r.Warnings, w => w.Contains("only one table is possible", StringComparison.Ordinal));
    }

    [Fact]
    public void MantelHaenszelRatesMatchGreenlandRobinsInR()
    {
        JsonElement c = Fixture.Case("e2e_trial_events_by_centre");
        int[] x1 = ReferenceFixture.Integers(c, "x1"), x0 = ReferenceFixture.Integers(c, "x0");
        double[] t1 = ReferenceFixture.Numbers(c, "t1"), t0 = ReferenceFixture.Numbers(c, "t0");
        StratumRates[] strata = x1.Select((_, k) => new StratumRates(x1[k], t1[k], x0[k], t0[k])).ToArray();

        MantelHaenszelResult ratio = MantelHaenszelRates.RateRatio(strata);
        MantelHaenszelResult difference = MantelHaenszelRates.RateDifference(strata);

        Close(c, "mh_irr", ratio.Result.Estimate);
        Close(c, "mh_irr_low", ratio.Result.ConfidenceLow);
        Close(c, "mh_irr_high", ratio.Result.ConfidenceHigh);
        Close(c, "mh_ird", difference.Result.Estimate);
        Close(c, "mh_ird_low", difference.Result.ConfidenceLow);
        Close(c, "mh_ird_high", difference.Result.ConfidenceHigh);
        Close(c, "mh_rate_chisq", ratio.Result.Statistic);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(c, "mh_rate_p"), difference.Result.PValue, Tolerance, "p");
        Assert.Equal(4, ratio.StrataUsed);
    }

    [Fact]
    public void AStratumWithPersonTimeInOneGroupOnlyIsLeftOutAndCounted()
    {
        StratumRates[] strata = [new(10, 100, 20, 150), new(3, 40, 0, 0)];

        MantelHaenszelResult with = MantelHaenszelRates.RateRatio(strata);
        MantelHaenszelResult without = MantelHaenszelRates.RateRatio([strata[0]]);

        Assert.Equal(1, with.StrataUsed);
        Assert.Equal(1, with.StrataLeftOut);
        Assert.Equal(without.Result.Estimate, with.Result.Estimate);
        Assert.Equal(without.Result.Statistic, with.Result.Statistic);
    }

    private static void Close(JsonElement c, string property, double? actual) =>
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, property), actual ?? double.NaN, Tolerance, property);
}
