using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Statistics.Mixed;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class MixedModelAnalysisTests
{
    private static readonly string ExampleDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm");

    [Fact]
    public void TheSeedStudysLogCkModelEqualsLmerOnTheSameCohort()
    {
        using var folder = new StudyFolder();
        StudyResults results = Reports.Nxp2Jdm.Nxp2JdmStudy.Run(new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = folder.Directory, Formats = new[] { ReportFormat.Json } });
        JsonElement r = MixedFixture.Fixture.Case("nxp2_log_ck_group_by_month_reml");

        AnalysisResult analysis = results.Analyses.First(a => a.Kind == "mixed_model");

        Assert.Equal(ResultStatus.Ok, analysis.Status);
        MixedModelResult mixed = analysis.Mixed!;
        Assert.Equal(Numbers(r.GetProperty("data"), "y").Length, mixed.Observations);
        Assert.Equal(["NXP2_JDM", "MDA5_JDM", "TIF1g_JDM"], mixed.GroupLevels);
        Assert.Equal([0.0, 1, 3, 6, 12], mixed.TimeLevels);
        JsonElement co = r.GetProperty("coefficients");
        Assert.Equal(co.GetProperty("names").EnumerateArray().Select(e => e.GetString()), mixed.FixedEffects.Select(f => f.Term));
        double[] estimate = Numbers(co, "estimate"), se = Numbers(co, "se");
        for (int k = 0; k < estimate.Length; k++)
        {
            AssertClose(estimate[k], mixed.FixedEffects[k].Estimate, 1e-6, mixed.FixedEffects[k].Term);
            AssertClose(se[k], mixed.FixedEffects[k].StandardError, 1e-6, mixed.FixedEffects[k].Term + " SE");
        }

        TermTestRow interaction = mixed.TypeIII.Single(t => t.Term == "group:factor(month)");
        AssertClose(Numbers(r.GetProperty("anova"), "f")[2], interaction.F, 1e-6, "interaction F");
        AssertClose(Numbers(r.GetProperty("anova"), "den_df")[2], interaction.DenominatorDf, 1e-6, "interaction DenDF");
        Assert.Equal(8, interaction.NumeratorDf);
        Assert.Equal(new RowsLeftOut("in a group not included", 100), Assert.Single(mixed.RowsLeftOut));
        JsonElement means = r.GetProperty("cell_means");
        Assert.Equal(15, mixed.MarginalMeans!.Count);
        Assert.Equal(means.GetProperty("group").EnumerateArray().Select(e => e.GetString()), mixed.MarginalMeans.Select(m => m.Group));
        Assert.Equal(Numbers(means, "month"), mixed.MarginalMeans.Select(m => m.Time));
        double[] upper = Numbers(means, "upper");
        for (int k = 0; k < upper.Length; k++)
        {
            AssertClose(upper[k], mixed.MarginalMeans[k].Upper, 1e-6, "cell mean upper limit " + k);
        }
    }

    [Fact]
    public void NonPositiveValuesUnderLogAndMissingValuesAreLeftOutAndCounted()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, subjects);
        // s01's month-3 value becomes 0 and s02's month-0 value missing.
        var course = Variables.Repeated(visits, "Course", "Value", null, "month",
            r => r.Id == "s01" && r.Month == 3 ? 0 : r.Id == "s02" && r.Month == 0 ? null : r.Value, r => r.Month);

        run.MixedModel("model mixed log(Course) ~ group + month + (1 | id)", new MixedModelSpec(course, ResponseTransform.Log,
            new ModelTerm[] { new([new("group", TermFactorKind.Group)]), new([new("month", TermFactorKind.Time)]) },
            [new RandomEffect("id", true, null)], null, Reml: true));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Ok, analysis.Status);
        Assert.Equal([new RowsLeftOut("with a missing value", 1), new RowsLeftOut("with a value ≤ 0 (log undefined)", 1)], analysis.Mixed!.RowsLeftOut);
        Assert.Equal(5, analysis.Mixed.Observations);
        Assert.Equal(["(Intercept)", "groupBeta", "month"], analysis.Mixed.FixedEffects.Select(f => f.Term));
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.MixedRowsLeftOut && w.Message.Contains("2 of 7 rows left out", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnsupportedCovariateFailsTheAnalysisAndSaysWhy()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, subjects);
        var course = Variables.Repeated(visits, "Course", "Value", null, "month", r => r.Value, r => r.Month);

        run.MixedModel("model mixed Course ~ age + (1 | id)", new MixedModelSpec(course, ResponseTransform.None,
            new ModelTerm[] { new([new("age", TermFactorKind.Covariate)]) }, [new RandomEffect("id", true, null)], null, Reml: true));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Null(analysis.Mixed);
        Assert.Equal(StatisticsWarnings.MixedNotFitted, Assert.Single(analysis.Warnings).Code);
        Assert.Contains("covariates in mixed models are not supported yet ('age')", analysis.Reason, StringComparison.Ordinal);
    }
}
