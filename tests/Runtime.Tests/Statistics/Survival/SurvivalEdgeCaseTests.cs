using System.Linq;
using ProtocolLang.Runtime.Statistics.Survival;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

public sealed class SurvivalEdgeCaseTests
{
    [Fact]
    public void HandComputedCurveWithTiesAndCensoringAtAnEventTime()
    {
        // Unsorted: events at 2, 3, 3 and 5; a censoring at 3 (still at risk at 3) and at 6.
        double[] time = [5, 3, 2, 6, 3, 3];
        int[] status = [1, 1, 1, 0, 0, 1];

        KaplanMeierCurve curve = KaplanMeier.Fit(time, status, new int[6], 1).Curves[0];

        Assert.Equal(new double[] { 2, 3, 5, 6 }, curve.Time);
        Assert.Equal(new[] { 6, 5, 2, 1 }, curve.NRisk);
        Assert.Equal(new[] { 1, 2, 1, 0 }, curve.NEvent);
        Assert.Equal(new[] { 0, 1, 0, 1 }, curve.NCensor);
        // S = 5/6, 5/6 * 3/5 = 1/2, then 1/2 * 1/2 = 1/4.
        Assert.Equal(5.0 / 6, curve.Survival[0], 15);
        Assert.Equal(0.5, curve.Survival[1], 15);
        Assert.Equal(0.25, curve.Survival[2], 15);
        // Greenwood on the cumulative hazard: 1/(6*5) + 2/(5*3) + 1/(2*1).
        Assert.Equal(System.Math.Sqrt((1.0 / 30) + (2.0 / 15) + 0.5), curve.StdErr[2], 14);
        // S is exactly 0.5 from 3 until it drops at 5: the median is the midpoint, as print(survfit).
        Assert.Equal(4, curve.Median, 15);
    }

    [Fact]
    public void CountsFromADatabaseGiveTheSameCurveAsSubjects()
    {
        double[] time = [5, 3, 2, 6, 3, 3, 4];
        int[] status = [1, 1, 1, 0, 0, 1, 1];
        int[] group = [0, 0, 0, 0, 0, 0, 1];

        // Aggregated rows in any order, one (time, group) split across two rows.
        SurvivalCounts counts = SurvivalCounts.FromCounts(2, 1, [0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0],
            [3, 4, 6, 2, 5, 3], [2, 1, 0, 1, 1, 0], [0, 0, 1, 0, 0, 1]);

        KaplanMeierFit fromSubjects = KaplanMeier.Fit(time, status, group, 2);
        KaplanMeierFit fromCounts = KaplanMeier.Fit(counts);

        Assert.Equal(fromSubjects.Curves[0].Survival, fromCounts.Curves[0].Survival);
        Assert.Equal(fromSubjects.Curves[0].NRisk, fromCounts.Curves[0].NRisk);
        Assert.Equal(LogRank.Test(time, status, group, 2).ChiSquare, LogRank.Test(counts).ChiSquare);
    }

    [Fact]
    public void AGroupWithNoEventsStaysAtOneWithNoMedianAndAWarning()
    {
        KaplanMeierCurve curve = KaplanMeier.Fit([1, 2, 3], [0, 0, 0], [0, 0, 0], 1).Curves[0];

        Assert.All(curve.Survival, s => Assert.Equal(1, s));
        Assert.True(double.IsNaN(curve.Median));
        Assert.Contains(curve.Warnings, w => w.Contains("no events", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AnEmptyGroupHasNoCurveAndIsLeftOutOfTheTest()
    {
        KaplanMeierFit fit = KaplanMeier.Fit([1, 2, 3, 4], [1, 1, 1, 0], [0, 0, 2, 2], 3);
        LogRankResult test = LogRank.Test([1, 2, 3, 4], [1, 1, 1, 0], [0, 0, 2, 2], 3);

        Assert.Equal(0, fit.Curves[1].N);
        Assert.Empty(fit.Curves[1].Time);
        Assert.True(double.IsNaN(fit.Curves[1].Median));
        Assert.True(double.IsNaN(fit.Curves[1].RestrictedMean(3).Mean));
        Assert.All(fit.Curves[1].At([1]), r => Assert.False(r.Estimable));
        Assert.Contains(fit.Curves[1].Warnings, w => w.Contains("no subjects", System.StringComparison.Ordinal));
        Assert.Equal(1, test.DegreesOfFreedom);
        Assert.Contains(test.Warnings, w => w.Contains("group 2 has no subjects", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AllEventsAtOneTimeGiveOneStepAndAWarning()
    {
        KaplanMeierCurve curve = KaplanMeier.Fit([4, 4, 4, 7], [1, 1, 1, 0], [0, 0, 0, 0], 1).Curves[0];

        Assert.Equal(0.25, curve.Survival[0], 15);
        Assert.Equal(4, curve.Median);
        Assert.Contains(curve.Warnings, w => w.Contains("one time", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AGroupOfOneDropsToZeroWithUndefinedLogLimits()
    {
        KaplanMeierCurve curve = KaplanMeier.Fit([5], [1], [0], 1).Curves[0];

        Assert.Equal(0, curve.Survival[0]);
        Assert.True(double.IsPositiveInfinity(curve.StdErr[0]));
        Assert.True(double.IsNaN(curve.Lower[0]) && double.IsNaN(curve.Upper[0]));
        Assert.Equal(5, curve.Median);
        Assert.True(double.IsNaN(curve.MedianLower));
        Assert.Contains(curve.Warnings, w => w.Contains("one subject", System.StringComparison.Ordinal));
    }

    [Fact]
    public void TimesAfterTheLastObservationHaveNoEstimate()
    {
        KaplanMeierCurve curve = KaplanMeier.Fit([1, 2, 3], [1, 0, 0], [0, 0, 0], 1).Curves[0];

        SurvivalAtTime[] rows = curve.At([0.5, 3, 3.5]).ToArray();

        Assert.Equal((1.0, 3), (rows[0].Survival, rows[0].NRisk));
        Assert.True(rows[1].Estimable);
        Assert.Equal(1, rows[1].NRisk);
        Assert.False(rows[2].Estimable);
        Assert.True(double.IsNaN(rows[2].Survival));
    }

    [Fact]
    public void MissingTimesAndEventsAreLeftOutAndCounted()
    {
        KaplanMeierFit fit = KaplanMeier.Fit([1, double.NaN, 3, 4], [1, 1, -1, 0], [0, 0, 0, 0], 1);

        Assert.Equal(2, fit.LeftOut);
        Assert.Equal(2, fit.Curves[0].N);
    }

    [Fact]
    public void OneGroupWithEventsGivesNoTestAsR()
    {
        LogRankResult test = LogRank.Test([1, 2], [1, 1], [0, 0], 2);

        Assert.Equal(0, test.DegreesOfFreedom);
        Assert.Equal(0, test.ChiSquare);
        Assert.True(double.IsNaN(test.PValue));
        Assert.NotEmpty(test.Warnings);
    }
}
