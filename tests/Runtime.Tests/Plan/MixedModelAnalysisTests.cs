using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Reference;
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
    public void SubjectCovariatesEnterAsLmerCodesThem()
    {
        (StudyRun run, Cohort<Reports.Nxp2Jdm.SubjectsRow> cohort, ChildRows<Reports.Nxp2Jdm.VisitsRow> visits, StudyFolder folder) = ExampleRun();
        using var _ = folder;
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);
        var sex = Variables.Categorical(cohort, "sex", "Sex", new[] { "F", "M" }, r => (int)r.Sex);
        var ckCourse = Variables.Repeated(visits, "CKCourse", "CK over time", "U/L", "month", r => r.Ck, r => r.Month);
        JsonElement r = ReferenceFixture.Load("mixed_seed_covariates").Case("seed_covariates_reml");

        // Written as the binder expands "group * factor(month) + age + sex": the interaction comes
        // before the covariates here, and R's order (main effects first) must be restored.
        run.MixedModel("model mixed log(CKCourse) ~ group * factor(month) + age + sex + (1 | id) where group != NXP2_ADM", new MixedModelSpec(
            ckCourse, ResponseTransform.Log,
            new ModelTerm[]
            {
                new([new("group", TermFactorKind.Group)]), new([new("month", TermFactorKind.TimeAsFactor)]),
                new([new("group", TermFactorKind.Group), new("month", TermFactorKind.TimeAsFactor)]),
                new([new("age", TermFactorKind.Covariate, age)]), new([new("sex", TermFactorKind.Covariate, sex)]),
            },
            [new RandomEffect("id", true, null)], ["NXP2_JDM", "MDA5_JDM", "TIF1g_JDM"], Reml: true));

        MixedModelResult mixed = Assert.Single(run.Analyses).Mixed!;
        Assert.Equal("log(CKCourse) ~ group + factor(month) + age + sex + group:factor(month) + (1 | id)", mixed.Formula);
        Assert.Equal((int)Number(r, "rows"), mixed.Observations);
        JsonElement co = r.GetProperty("coefficients");
        Assert.Equal(co.GetProperty("names").EnumerateArray().Select(e => e.GetString()), mixed.FixedEffects.Select(f => f.Term));
        double[] estimate = Numbers(co, "estimate"), se = Numbers(co, "se"), df = Numbers(co, "df");
        for (int k = 0; k < estimate.Length; k++)
        {
            AssertClose(estimate[k], mixed.FixedEffects[k].Estimate, 1e-6, mixed.FixedEffects[k].Term);
            AssertClose(se[k], mixed.FixedEffects[k].StandardError, 1e-6, mixed.FixedEffects[k].Term + " SE");
            AssertClose(df[k], mixed.FixedEffects[k].DegreesOfFreedom, 1e-6, mixed.FixedEffects[k].Term + " df");
        }

        JsonElement aov = r.GetProperty("anova");
        Assert.Equal(aov.GetProperty("terms").EnumerateArray().Select(e => e.GetString()), mixed.TypeIII.Select(t => t.Term));
        double[] f = Numbers(aov, "f"), denDf = Numbers(aov, "den_df");
        for (int k = 0; k < f.Length; k++)
        {
            AssertClose(f[k], mixed.TypeIII[k].F, 1e-6, mixed.TypeIII[k].Term + " F");
            AssertClose(denDf[k], mixed.TypeIII[k].DenominatorDf, 1e-6, mixed.TypeIII[k].Term + " DenDF");
        }

        AssertClose(Number(r, "criterion"), mixed.Fit.Criterion, 1e-8, "REML criterion");
        Assert.Equal(15, mixed.MarginalMeans!.Count);
        Assert.Null(mixed.NotEstimable);
    }

    [Fact]
    public void AnEmptyCellDropsItsCoefficientWithAWarningAndTheFitGoesOn()
    {
        (StudyRun run, Cohort<Reports.Nxp2Jdm.SubjectsRow> cohort, ChildRows<Reports.Nxp2Jdm.VisitsRow> visits, StudyFolder folder) = ExampleRun();
        using var _ = folder;
        int mda5 = cohort.GroupIndex("MDA5_JDM");
        var mda5Ids = Enumerable.Range(0, cohort.Count).Where(i => cohort.GroupCodes[i] == mda5).Select(i => cohort.Keys[i]).ToHashSet();
        // No MDA5_JDM value at month 12: the groupMDA5_JDM:factor(month)12 column is all zero.
        var ckCourse = Variables.Repeated(visits, "CKCourse", "CK over time", "U/L", "month", r => r.Month == 12 && mda5Ids.Contains(r.Id) ? null : r.Ck, r => r.Month);

        run.MixedModel("model mixed log(CKCourse) ~ group * factor(month) + (1 | id) where group != NXP2_ADM", new MixedModelSpec(
            ckCourse, ResponseTransform.Log,
            new ModelTerm[]
            {
                new([new("group", TermFactorKind.Group)]), new([new("month", TermFactorKind.TimeAsFactor)]),
                new([new("group", TermFactorKind.Group), new("month", TermFactorKind.TimeAsFactor)]),
            },
            [new RandomEffect("id", true, null)], ["NXP2_JDM", "MDA5_JDM", "TIF1g_JDM"], Reml: true));

        AnalysisResult analysis = Assert.Single(run.Analyses);
        Assert.Equal(ResultStatus.Ok, analysis.Status);
        Assert.Equal(["groupMDA5_JDM:factor(month)12"], analysis.Mixed!.NotEstimable);
        Assert.DoesNotContain(analysis.Mixed.FixedEffects, e => e.Term == "groupMDA5_JDM:factor(month)12");
        WarningResult warning = Assert.Single(analysis.Warnings, w => w.Code == StatisticsWarnings.MixedRankDeficient);
        Assert.StartsWith("fixed-effect model matrix is rank deficient so dropping 1 column / coefficient", warning.Message, StringComparison.Ordinal);
        MarginalMeanRow empty = analysis.Mixed.MarginalMeans!.Single(m => m.Group == "MDA5_JDM" && m.Time == 12);
        Assert.True(double.IsNaN(empty.Estimate));
        Assert.All(analysis.Mixed.MarginalMeans!.Where(m => m != empty), m => Assert.True(double.IsFinite(m.Estimate)));
        SectionView section = Assert.Single(Runtime.Reports.ReportViews.ForMarkdown(Runtime.Reports.ReportViewBuilder.Build(run.Complete())).Analyses);
        Assert.Contains(section.Notes, n => n.Contains("`groupMDA5_JDM:factor(month)12` cannot be estimated", StringComparison.Ordinal));
        MarkdownTable means = section.Tables.Single(t => t.Header[0].StartsWith("Estimated marginal mean", StringComparison.Ordinal));
        Assert.Equal(["MDA5+ JDM", "12", "not estimable", "—", "—", "—"], means.Rows.Single(r => r[0] == "MDA5+ JDM" && r[1] == "12"));
    }

    [Fact]
    public void ACovariateOfAnUnusableKindFailsTheAnalysisAndSaysWhy()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, subjects);
        var course = Variables.Repeated(visits, "Course", "Value", null, "month", r => r.Value, r => r.Month);

        run.MixedModel("model mixed Course ~ Course2 + (1 | id)", new MixedModelSpec(course, ResponseTransform.None,
            new ModelTerm[] { new([new("Course2", TermFactorKind.Covariate, course)]) }, [new RandomEffect("id", true, null)], null, Reml: true));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Null(analysis.Mixed);
        Assert.Equal(StatisticsWarnings.MixedNotFitted, Assert.Single(analysis.Warnings).Code);
        Assert.Contains("'Course2' is a repeated variable; a mixed-model covariate must be continuous, count, binary or categorical", analysis.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomTermsOtherThanAnUncorrelatedInterceptAndSlopeFailTheAnalysisAndSayWhatIsFitted()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, subjects);
        var course = Variables.Repeated(visits, "Course", "Value", null, "month", r => r.Value, r => r.Month);

        // A spec the binder refuses (PL2256), built by hand: a correlated term plus a random intercept.
        run.MixedModel("model mixed Course ~ month + (1 + month | id) + (1 | id)", new MixedModelSpec(course, ResponseTransform.None,
            new ModelTerm[] { new([new("month", TermFactorKind.Time)]) }, [new RandomEffect("id", true, "month"), new RandomEffect("id", true, null)], null, Reml: true));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Equal(StatisticsWarnings.MixedNotFitted, Assert.Single(analysis.Warnings).Code);
        Assert.Equal("the mixed-model kernel fits one random-effects term per subject, or an uncorrelated intercept and slope (1 | id) + (0 + t | id); the model has (1 + month | id) + (1 | id)", analysis.Reason);
    }

    private static (StudyRun Run, Cohort<Reports.Nxp2Jdm.SubjectsRow> Cohort, ChildRows<Reports.Nxp2Jdm.VisitsRow> Visits, StudyFolder Folder) ExampleRun()
    {
        var folder = new StudyFolder();
        var options = new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = folder.Directory, Formats = new[] { ReportFormat.Json } };
        var run = new StudyRun(Reports.Nxp2Jdm.Nxp2JdmStudy.Schema, options, new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(Reports.Nxp2Jdm.Nxp2JdmStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow,
            Reports.Nxp2Jdm.Nxp2JdmStudy.Criteria, Reports.Nxp2Jdm.Nxp2JdmStudy.Groups);
        var visits = run.Children("visits", Reports.Nxp2Jdm.Nxp2JdmStudy.ReadVisits(run.Table("visits")), r => r.Id, subjects);
        return (run, subjects, visits, folder);
    }
}
