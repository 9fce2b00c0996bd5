using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reports;
using ProtocolLang.Runtime.Tests.Reports.Nxp2Jdm;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>The edge cases through the plan: each gives a defined result and a clear warning.</summary>
public sealed class SurvivalEdgeCaseAnalysisTests
{
    private static readonly string ExampleDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm");

    [Fact]
    public void AGroupWithoutEventsIsWarnedAboutInKaplanMeierLogRankAndCox()
    {
        using var output = new TemporaryDirectory();
        (StudyRun run, Cohort<SubjectsRow> cohort) = ExampleRun(output.Path);
        int mda5 = cohort.GroupIndex("MDA5_JDM");
        int[] codes = cohort.GroupCodes.ToArray();
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", 36, r => r.RelapseMonths,
            r => codes[cohort.IndexOf(r.Id)] != mda5 && r.Relapsed);

        run.KaplanMeier("model kaplan_meier Relapse by group", relapse, Array.Empty<double>());
        run.LogRank("test logrank Relapse by group pairwise adjust holm", relapse, 0, null, pairwise: AdjustMethod.Holm);
        run.Cox("model cox Relapse ~ group reference group = NXP2_ADM", new CoxSpec(relapse, new CoxTerm[] { new(null, "NXP2_ADM") }, TiesMethod.Efron, Array.Empty<Variable>()));

        AnalysisResult km = run.Analyses[0];
        Assert.Contains(km.Warnings, w => w.Code == StatisticsWarnings.SurvivalEdgeCase && w.Message.StartsWith("MDA5_JDM: the group has no events", StringComparison.Ordinal));
        Assert.All(km.KaplanMeier!.Groups[mda5].Table, row => Assert.Equal(1, row.Survival));

        AnalysisResult logrank = run.Analyses[1];
        Assert.Equal(ResultStatus.Ok, logrank.Status);
        Assert.True(double.IsFinite(logrank.LogRank!.PValue));
        Assert.Equal(0, logrank.LogRank.Groups[mda5].Observed);
        WarningResult warning = Assert.Single(logrank.Warnings, w => w.Code == StatisticsWarnings.LogRankGroupWithoutEvents);
        Assert.StartsWith("MDA5_JDM: no events in the group (observed 0, expected ", warning.Message, StringComparison.Ordinal);
        Assert.All(logrank.LogRank.Pairs!, p => Assert.True(double.IsFinite(p.PValue)));

        AnalysisResult cox = run.Analyses[2];
        Assert.Equal(ResultStatus.Ok, cox.Status);
        Assert.Contains(cox.Warnings, w => w.Code == StatisticsWarnings.CoxCoefficientMayBeInfinite);
        Assert.All(cox.Cox!.ProportionalHazards!.Tests, t => Assert.True(double.IsFinite(t.ChiSquare)));
    }

    [Theory]
    [InlineData(TiesMethod.Efron)]
    [InlineData(TiesMethod.Breslow)]
    public void AllEventsAtOneTimeFitTheCoxModelButNotTheProportionalHazardsTest(TiesMethod ties)
    {
        using var output = new TemporaryDirectory();
        (StudyRun run, Cohort<SubjectsRow> cohort) = ExampleRun(output.Path);
        var age = Variables.Continuous(cohort, "age", "Age at diagnosis", "years", Summary.Median, r => r.Age);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", 36, r => r.Relapsed ? 12 : 30, r => r.Relapsed);

        run.Cox("model cox Relapse ~ group + age", new CoxSpec(relapse, new CoxTerm[] { new(null, null), new(age, null) }, ties, Array.Empty<Variable>()));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Ok, analysis.Status);
        Assert.All(analysis.Cox!.Terms, t => Assert.True(double.IsFinite(t.Coefficient) && double.IsFinite(t.StandardError)));
        Assert.True(double.IsFinite(analysis.Cox.ConcordanceStandardError));
        CoxProportionalHazardsResult ph = analysis.Cox.ProportionalHazards!;
        Assert.NotNull(ph.Reason);
        Assert.All(ph.Tests, t => Assert.True(double.IsNaN(t.ChiSquare) && double.IsNaN(t.PValue)));
        Assert.Equal(StatisticsWarnings.CoxProportionalHazardsUndefined, Assert.Single(analysis.Warnings).Code);
    }

    private static (StudyRun Run, Cohort<SubjectsRow> Cohort) ExampleRun(string output)
    {
        var run = new StudyRun(Nxp2JdmStudy.Schema, new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output }, new[] { ReportFormat.Json }, "report");
        return (run, run.Cohort(Nxp2JdmStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, Nxp2JdmStudy.Criteria, Nxp2JdmStudy.Groups));
    }
}
