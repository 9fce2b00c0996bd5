using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;
using ProtocolLang.Runtime.Tests.Reports;
using ProtocolLang.Runtime.Tests.Reports.Nxp2Jdm;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>conf_type and pairwise log-rank through the plan, on the example cohort, against survival_km_logrank.R's nxp2_relapse case.</summary>
public sealed class SurvivalOptionsAnalysisTests
{
    // The kernels match R at 1e-12 (KaplanMeierTests, LogRankTests); the plan adds no arithmetic.
    private const double Tolerance = 1e-9;

    private static readonly string ExampleDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm");

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("survival_km_logrank");

    [Theory]
    [InlineData(SurvivalConfType.Log, "log", "log")]
    [InlineData(SurvivalConfType.LogLog, "log_log", "log-log")]
    [InlineData(SurvivalConfType.Plain, "plain", "plain")]
    public void KaplanMeierLimitsFollowTheStudysConfTypeAsRSurvfit(SurvivalConfType confType, string fixtureKey, string rName)
    {
        using var folder = new TemporaryDirectory();
        (StudyRun run, TimeToEventVariable relapse) = ExampleRun(folder.Path);

        run.KaplanMeier("model kaplan_meier Relapse by group at 12, 24, 36", relapse, new double[] { 12, 24, 36 }, confType);

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Contains($"{rName} CI, R survival::survfit(conf.type = \"{rName}\")", analysis.Method, StringComparison.Ordinal);
        KaplanMeierResult km = analysis.KaplanMeier!;
        Assert.Equal(rName, km.ConfidenceType);
        JsonElement[] curves = Fixture.Case("nxp2_relapse").GetProperty("km").GetProperty(fixtureKey).EnumerateArray().ToArray();
        Assert.Equal(curves.Length, km.Groups.Count);
        for (int g = 0; g < curves.Length; g++)
        {
            double[] lower = ReferenceFixture.Numbers(curves[g], "lower");
            double[] upper = ReferenceFixture.Numbers(curves[g], "upper");
            Assert.Equal(lower.Length, km.Groups[g].Table.Count);
            for (int i = 0; i < lower.Length; i++)
            {
                AssertCloseOrBothNaN(lower[i], km.Groups[g].Table[i].Lower, $"{km.Groups[g].Group} lower {i}");
                AssertCloseOrBothNaN(upper[i], km.Groups[g].Table[i].Upper, $"{km.Groups[g].Group} upper {i}");
            }

            AssertCloseOrBothNaN(ReferenceFixture.Number(curves[g], "median_lower"), km.Groups[g].MedianLower, "median lower");
            AssertCloseOrBothNaN(ReferenceFixture.Number(curves[g], "median_upper"), km.Groups[g].MedianUpper, "median upper");
        }
    }

    [Fact]
    public void PairwiseLogRankGivesEveryPairWithRSurvdiffAndHolm()
    {
        using var folder = new TemporaryDirectory();
        (StudyRun run, TimeToEventVariable relapse) = ExampleRun(folder.Path);

        run.LogRank("test logrank Relapse by group pairwise adjust holm", relapse, 0, null, pairwise: AdjustMethod.Holm);

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Contains("p.adjust(method = \"holm\")", analysis.Method, StringComparison.Ordinal);
        Assert.EndsWith("; pairwise, adjust = holm", analysis.Specification, StringComparison.Ordinal);
        LogRankOutcome test = analysis.LogRank!;
        Assert.Equal("holm", test.PairwiseAdjust);
        JsonElement r = Fixture.Case("nxp2_relapse").GetProperty("pairwise").GetProperty("rho0");
        string[] levels = Fixture.Case("nxp2_relapse").GetProperty("levels").EnumerateArray().Select(l => l.GetString()!).ToArray();
        double[] p = ReferenceFixture.Numbers(r, "p");
        double[] holm = ReferenceFixture.Numbers(r, "holm");
        Assert.Equal(p.Length, test.Pairs!.Count);
        for (int i = 0; i < p.Length; i++)
        {
            LogRankPair pair = test.Pairs[i];
            Assert.Equal(levels[(int)ReferenceFixture.Numbers(r, "a")[i]], pair.GroupA);
            Assert.Equal(levels[(int)ReferenceFixture.Numbers(r, "b")[i]], pair.GroupB);
            Assert.Equal(1, pair.DegreesOfFreedom);
            ReferenceFixture.AssertPValue(p[i], pair.PValue, Tolerance, $"{pair.GroupA} vs {pair.GroupB} p");
            ReferenceFixture.AssertPValue(holm[i], pair.AdjustedPValue, Tolerance, $"{pair.GroupA} vs {pair.GroupB} holm");
        }
    }

    [Fact]
    public void APairWithAGroupNeverAtRiskHasNoTestAWarningAndStaysOutOfTheAdjustment()
    {
        using var folder = new StudyFolder();
        AnalysisResult analysis = SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json }).Analyses.Single(a => a.Kind == "logrank");

        LogRankPair[] pairs = analysis.LogRank!.Pairs!.ToArray();

        // Gamma's only subject is censored before any event: Alpha-Gamma and Beta-Gamma have no test,
        // so Bonferroni multiplies Alpha-Beta's p by 1, not 3 (p.adjust ignores NA).
        Assert.Equal(new[] { "Alpha-Beta", "Alpha-Gamma", "Beta-Gamma" }, pairs.Select(p => p.GroupA + "-" + p.GroupB));
        Assert.Equal(pairs[0].PValue, pairs[0].AdjustedPValue);
        Assert.Equal(analysis.LogRank.PValue, pairs[0].PValue, 12);
        Assert.All(pairs.Skip(1), p => Assert.True(double.IsNaN(p.ChiSquare) && double.IsNaN(p.PValue) && double.IsNaN(p.AdjustedPValue)));
        Assert.Equal(2, analysis.Warnings.Count(w => w.Code == StatisticsWarnings.PairwiseLogRankUndefined));
    }

    [Fact]
    public void WithoutPairwiseThereAreNoPairs()
    {
        using var folder = new TemporaryDirectory();
        (StudyRun run, TimeToEventVariable relapse) = ExampleRun(folder.Path);

        run.LogRank("test logrank Relapse by group", relapse, 0, null);

        Assert.Null(run.Analyses.Single().LogRank!.Pairs);
        Assert.Null(run.Analyses.Single().LogRank!.PairwiseAdjust);
    }

    private static (StudyRun Run, TimeToEventVariable Relapse) ExampleRun(string output)
    {
        var run = new StudyRun(Nxp2JdmStudy.Schema, new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output }, new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(Nxp2JdmStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, Nxp2JdmStudy.Criteria, Nxp2JdmStudy.Groups);
        return (run, Variables.TimeToEvent(subjects, "Relapse", "Relapse", "months", 36, r => r.RelapseMonths, r => r.Relapsed));
    }

    private static void AssertCloseOrBothNaN(double expected, double actual, string quantity)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{quantity}: R has NA, we have {actual}");
            return;
        }

        ReferenceFixture.AssertClose(expected, actual, Tolerance, quantity);
    }
}
