using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Reference;
using ProtocolLang.Runtime.Tests.Reports;
using ProtocolLang.Runtime.Tests.Reports.Nxp2Jdm;
using ProtocolLang.Runtime.Tests.Statistics.Survival;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class CoxAnalysisTests
{
    private const double Tolerance = 1e-6;

    private static readonly string ExampleDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm");

    [Fact]
    public void TheExampleCoxModelFromTheStudyPlanMatchesRCoxph()
    {
        using var output = new TemporaryDirectory();
        StudyResults results = Nxp2JdmStudy.Run(new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output.Path, Formats = new[] { ReportFormat.Json } });
        JsonElement r = CoxReference.Fixture.Case("nxp2_example_cohort");

        AnalysisResult analysis = results.Analyses.Single(a => a.Kind == "cox");

        Assert.Equal(ResultStatus.Ok, analysis.Status);
        CoxResult cox = analysis.Cox!;
        Assert.Equal((62, 31, 0), (cox.N, cox.Events, cox.Excluded));
        Assert.Equal(r.GetProperty("terms").EnumerateArray().Select(t => t.GetString()), cox.Terms.Select(t => t.Term));
        Assert.Equal("NXP2+ JDM vs NXP2+ adult DM", cox.Terms[0].Label);
        for (int j = 0; j < cox.Terms.Count; j++)
        {
            ReferenceFixture.AssertClose(ReferenceFixture.Numbers(r, "coef")[j], cox.Terms[j].Coefficient, Tolerance, "coef " + cox.Terms[j].Term);
            ReferenceFixture.AssertClose(ReferenceFixture.Numbers(r, "se")[j], cox.Terms[j].StandardError, Tolerance, "se " + cox.Terms[j].Term);
            ReferenceFixture.AssertPValue(ReferenceFixture.Numbers(r, "p")[j], cox.Terms[j].PValue, Tolerance, "p " + cox.Terms[j].Term);
        }

        ReferenceFixture.AssertClose(ReferenceFixture.Number(r.GetProperty("lr"), "statistic"), cox.LikelihoodRatio.Statistic, Tolerance, "LR");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "concordance"), cox.Concordance, 1e-12, "concordance");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "summary_concordance_se"), cox.ConcordanceStandardError, Tolerance, "concordance SE");
        Assert.Empty(analysis.Warnings);
    }

    [Fact]
    public void TheExampleCoxModelCarriesRCoxZphPerTermAndGlobal()
    {
        using var output = new TemporaryDirectory();
        StudyResults results = Nxp2JdmStudy.Run(new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output.Path, Formats = new[] { ReportFormat.Json } });
        JsonElement zph = CoxReference.Fixture.Case("nxp2_example_cohort").GetProperty("zph");

        AnalysisResult analysis = results.Analyses.Single(a => a.Kind == "cox");

        CoxProportionalHazardsResult ph = analysis.Cox!.ProportionalHazards!;
        Assert.Contains("cox.zph(fit, transform = \"km\", terms = TRUE)", analysis.Method, StringComparison.Ordinal);
        Assert.Null(ph.Reason);
        Assert.Equal(new[] { "group", "age", "sex", "GLOBAL" }, ph.Tests.Select(t => t.Term));
        Assert.Equal(ReferenceFixture.Integers(zph, "df"), ph.Tests.Select(t => t.DegreesOfFreedom));
        for (int i = 0; i < ph.Tests.Count; i++)
        {
            ReferenceFixture.AssertClose(ReferenceFixture.Numbers(zph, "chisq")[i], ph.Tests[i].ChiSquare, Tolerance, "zph chisq " + ph.Tests[i].Term);
            ReferenceFixture.AssertPValue(ReferenceFixture.Numbers(zph, "p")[i], ph.Tests[i].PValue, Tolerance, "zph p " + ph.Tests[i].Term);
        }
    }

    [Fact]
    public void TheSmallStudyCoxModelHasAnEmptyLevelAndAMonotoneOneAndSaysSo()
    {
        using var folder = new StudyFolder();
        StudyResults results = SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json });
        AnalysisResult analysis = results.Analyses.Single(a => a.Kind == "cox");

        Assert.Equal(ResultStatus.Ok, analysis.Status);
        Assert.StartsWith("Surv(Relapse); horizon 24 (months) ~ group + age + sex; reference group = Beta, sex = F; ties = efron", analysis.Specification, StringComparison.Ordinal);
        Assert.Contains("Efron ties, R survival::coxph", analysis.Method, StringComparison.Ordinal);
        CoxResult cox = analysis.Cox!;
        Assert.Equal(results.Flow.Cohort!.Analysed, cox.N + cox.Excluded);
        Assert.Equal(new[] { "possibly_infinite", "aliased", "ok", "ok" }, cox.Terms.Select(t => t.Status));
        Assert.Equal(3, cox.LikelihoodRatio.DegreesOfFreedom);
        Assert.Equal(
            new[] { StatisticsWarnings.CoxSubjectsLeftOut, StatisticsWarnings.CoxCoefficientMayBeInfinite, StatisticsWarnings.CoxNotEstimable },
            analysis.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void AnUnknownReferenceGroupFailsTheCoxModelWithoutThrowing()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Followup, r => r.Relapsed);

        run.Cox("model cox Relapse ~ group reference group = Delta", new CoxSpec(relapse, new CoxTerm[] { new(null, "Delta") }, TiesMethod.Efron, Array.Empty<Variable>()));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Equal(StatisticsWarnings.UnknownGroup, Assert.Single(analysis.Warnings).Code);
        Assert.Null(analysis.Cox);
    }

    [Fact]
    public void AGroupWithoutEventsIsReportedAsPossiblyInfiniteWithoutSeOrP()
    {
        using var output = new TemporaryDirectory();
        var run = new StudyRun(Nxp2JdmStudy.Schema, new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output.Path }, new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(Nxp2JdmStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, Nxp2JdmStudy.Criteria, Nxp2JdmStudy.Groups);
        int mda5 = cohort.GroupIndex("MDA5_JDM");
        int[] codes = cohort.GroupCodes.ToArray();

        // Nobody in MDA5+ JDM relapses: its hazard ratio against the reference is 0.
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", 36, r => r.RelapseMonths,
            r => codes[cohort.IndexOf(r.Id)] != mda5 && r.Relapsed);
        run.Cox("model cox Relapse ~ group reference group = NXP2_ADM", new CoxSpec(relapse, new CoxTerm[] { new(null, "NXP2_ADM") }, TiesMethod.Efron, Array.Empty<Variable>()));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Ok, analysis.Status);
        Assert.Equal(new[] { "ok", "possibly_infinite", "ok" }, analysis.Cox!.Terms.Select(t => t.Status));
        CoxTermResult term = analysis.Cox.Terms[1];
        Assert.True(term.Coefficient < -10);
        Assert.True(double.IsNaN(term.StandardError) && double.IsNaN(term.PValue) && double.IsNaN(term.HazardRatioLow));
        Assert.Equal(StatisticsWarnings.CoxCoefficientMayBeInfinite, Assert.Single(analysis.Warnings).Code);
    }

    [Theory]
    [InlineData(ZphTransform.Rank, "rank")]
    [InlineData(ZphTransform.Log, "log")]
    public void ACoxModelTestsProportionalHazardsOnTheTimeScaleItNames(ZphTransform zph, string transform)
    {
        (AnalysisResult analysis, _) = RunExampleModel(zph);

        Assert.Equal(transform, analysis.Cox!.ProportionalHazards!.Transform);
        Assert.Contains($"cox.zph(fit, transform = \"{transform}\", terms = TRUE)", analysis.Method, StringComparison.Ordinal);
        Assert.EndsWith("; zph = " + transform, analysis.Specification, StringComparison.Ordinal);
    }

    [Fact]
    public void ZphNoneLeavesTheProportionalHazardsTestOut()
    {
        (AnalysisResult analysis, string json) = RunExampleModel(ZphTransform.None);

        Assert.Null(analysis.Cox!.ProportionalHazards);
        Assert.DoesNotContain("cox.zph", analysis.Method, StringComparison.Ordinal);
        Assert.EndsWith("; zph = none", analysis.Specification, StringComparison.Ordinal);
        Assert.Contains("\"concordance\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("proportionalHazards", json, StringComparison.Ordinal);
    }

    private static (AnalysisResult Analysis, string Json) RunExampleModel(ZphTransform zph)
    {
        using var output = new TemporaryDirectory();
        var run = new StudyRun(Nxp2JdmStudy.Schema, new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output.Path }, new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(Nxp2JdmStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, Nxp2JdmStudy.Criteria, Nxp2JdmStudy.Groups);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", 36, r => r.RelapseMonths, r => r.Relapsed);
        run.Cox("model cox Relapse ~ group", new CoxSpec(relapse, new CoxTerm[] { new(null, "NXP2_ADM") }, TiesMethod.Efron, Array.Empty<Variable>(), zph));
        return (run.Analyses.Single(), ResultsJson.Serialize(run.BuildResults(new[] { ReportFormat.Json })));
    }
}
