using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Survival;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class SurvivalAnalysisTests
{
    // Analysed subjects by group (see SmallStudy): Alpha s01 s02 s10 s22, Beta s04 s08 s12 s14 s20, Gamma s13 (censored at 5).
    private static StudyResults Results(StudyFolder folder) =>
        SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json });

    [Fact]
    public void KaplanMeierIsRecordedPerGroupWithItsSpecificationAndRCall()
    {
        using var folder = new StudyFolder();
        AnalysisResult analysis = Results(folder).Analyses[6];

        Assert.Equal(("kaplan_meier", ResultStatus.Ok), (analysis.Kind, analysis.Status));
        Assert.Equal("Surv(Relapse); horizon 24 (months) by group; survival at 12, 24; conf_type log_log", analysis.Specification);
        Assert.Contains("survival::survfit", analysis.Method, StringComparison.Ordinal);
        KaplanMeierResult km = analysis.KaplanMeier!;
        Assert.Equal(new[] { "Alpha", "Beta", "Gamma" }, km.Groups.Select(g => g.Group));
        Assert.Equal(new[] { 3, 5, 1 }, km.Groups.Select(g => g.N)); // s22 (Alpha) has no follow-up time
        Assert.Equal(1, km.LeftOut);
        Assert.Equal(24, km.Horizon);
        Assert.All(km.Groups, g => Assert.Equal(2, g.AtTimes.Count));
    }

    [Fact]
    public void KaplanMeierNumbersAreTheKernelsOnTheCohortColumns()
    {
        using var folder = new StudyFolder();
        var (run, _, relapse) = Fresh(folder);
        run.KaplanMeier("model kaplan_meier Relapse by group at 12, 24", relapse, new double[] { 12, 24 });
        KaplanMeierResult km = run.Analyses[0].KaplanMeier!;

        KaplanMeierFit fit = KaplanMeier.Fit(relapse.Times, relapse.Events, relapse.Cohort.GroupCodes, 3);

        for (int g = 0; g < 3; g++)
        {
            Assert.Equal(fit.Curves[g].Survival, km.Groups[g].Table.Select(r => r.Survival));
            Assert.Equal(fit.Curves[g].Median, km.Groups[g].Median);
            Assert.Equal(fit.Curves[g].RestrictedMean(24).Mean, km.Groups[g].RestrictedMean);
        }
    }

    [Fact]
    public void AGroupWithoutEventsAndTimesAfterFollowUpAreWarnedAbout()
    {
        using var folder = new StudyFolder();
        AnalysisResult analysis = Results(folder).Analyses[6];

        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.SurvivalEdgeCase && w.Message.StartsWith("Gamma: the group has no events", StringComparison.Ordinal));
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.SurvivalBeyondFollowUp && w.Message.StartsWith("Gamma:", StringComparison.Ordinal));
        KaplanMeierGroup gamma = analysis.KaplanMeier!.Groups[2];
        Assert.True(double.IsNaN(gamma.Median));
        Assert.All(gamma.AtTimes, e => Assert.False(e.Estimable));
    }

    [Fact]
    public void LogRankIsRecordedWithObservedExpectedAndP()
    {
        using var folder = new StudyFolder();
        var (run, _, relapse) = Fresh(folder);
        run.LogRank("test logrank Relapse by group", relapse, 0, null);
        AnalysisResult analysis = run.Analyses[0];

        LogRankResult expected = LogRank.Test(relapse.Times, relapse.Events, relapse.Cohort.GroupCodes, 3);

        Assert.Equal(("logrank", ResultStatus.Ok), (analysis.Kind, analysis.Status));
        Assert.Contains("survival::survdiff", analysis.Method, StringComparison.Ordinal);
        LogRankOutcome test = analysis.LogRank!;
        Assert.Equal(expected.ChiSquare, test.ChiSquare);
        Assert.Equal(expected.PValue, test.PValue);
        Assert.Equal(expected.Observed, test.Groups.Select(g => g.Observed));
        Assert.Equal(new[] { "Alpha", "Beta", "Gamma" }, test.Groups.Select(g => g.Group));
    }

    [Fact]
    public void SubjectsWithAMissingTimeAreLeftOutAndCounted()
    {
        using var folder = new StudyFolder();
        var (run, cohort, _) = Fresh(folder);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Id == "s01" ? null : r.Followup, r => r.Relapsed);

        run.KaplanMeier("model kaplan_meier Relapse by group", relapse, Array.Empty<double>());
        run.LogRank("test logrank Relapse by group strata sex", relapse, 1, Variables.Categorical(cohort, "sex", "Sex", new[] { "F", "M" }, r => (int)r.Sex));

        // s22 has no follow-up time in the data; s01's is blanked here.
        Assert.Equal(2, run.Analyses[0].KaplanMeier!.LeftOut);
        Assert.Null(run.Analyses[0].KaplanMeier!.Horizon);
        Assert.Contains(run.Analyses[0].Warnings, w => w.Code == StatisticsWarnings.MissingValuesLeftOut);
        Assert.Equal(("sex", 2), (run.Analyses[1].LogRank!.Strata, run.Analyses[1].LogRank!.LeftOut));
        Assert.Contains("strata(sex)", run.Analyses[1].Method, StringComparison.Ordinal);
    }

    [Fact]
    public void AContinuousStratumFailsTheTestWithoutThrowing()
    {
        using var folder = new StudyFolder();
        var (run, cohort, relapse) = Fresh(folder);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);

        run.LogRank("test logrank Relapse by group strata age", relapse, 0, age);

        Assert.Equal(ResultStatus.Failed, run.Analyses.Single().Status);
        Assert.Contains(run.Analyses.Single().Warnings, w => w.Code == StatisticsWarnings.TestDoesNotFit);
    }

    /// <summary>The small study's cohort and its Relapse outcome, in a fresh run.</summary>
    private static (StudyRun Run, Cohort<SubjectRow> Cohort, TimeToEventVariable Relapse) Fresh(StudyFolder folder)
    {
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        return (run, cohort, Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", 24, r => r.Followup, r => r.Relapsed));
    }
}
