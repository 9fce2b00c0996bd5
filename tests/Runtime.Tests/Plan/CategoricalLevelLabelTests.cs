using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// A categorical variable carries one label per level (<c>category(1 "Male", 2 "Female")</c>); a level
/// declared without a label shows as itself.
/// </summary>
public sealed class CategoricalLevelLabelTests
{
    [Fact]
    public void LevelLabelsDefaultToTheLevels()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);

        var sex = Variables.Categorical(cohort, "sex", "Sex", new[] { "F", "M" }, r => (int)r.Sex);

        Assert.Equal(new[] { "F", "M" }, sex.LevelLabels);
    }

    [Fact]
    public void LevelLabelsAreKeptBesideTheCodes()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);

        var sex = Variables.Categorical(cohort, "sex", "Sex", new[] { "1", "2" }, new[] { "Female", "Male" }, r => (int)r.Sex);

        Assert.Equal(new[] { "1", "2" }, sex.Levels);
        Assert.Equal("Male", sex.LevelLabel(1));
    }

    [Fact]
    public void LevelLabelsOfAnotherLengthAreRefused()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);

        Assert.Throws<ArgumentException>(() => Variables.Categorical(cohort, "sex", "Sex", new[] { "1", "2" }, new[] { "Female" }, r => (int)r.Sex));
    }

    [Fact]
    public void TableOneRowsKeepTheCodeAndShowTheLabel()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Markdown, ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var sex = Variables.Categorical(cohort, "sex", "Sex", new[] { "F", "M" }, new[] { "Female", "M" }, r => (int)r.Sex);

        run.Describe("describe sex by group", sex);
        run.Complete();

        LevelCounts[] levels = run.Analyses.Single().Describe!.Variables.Single().Levels!.ToArray();
        Assert.Equal([("F", "Female"), ("M", null)], levels.Select(l => (l.Level, l.Label)));
        string report = File.ReadAllText(Path.Combine(folder.Output("out"), "report.md"));
        Assert.Contains("| Female | ", report, StringComparison.Ordinal);
        Assert.Contains("| M | ", report, StringComparison.Ordinal);
        Assert.Contains("\"level\": \"F\"", File.ReadAllText(Path.Combine(folder.Output("out"), "results.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void MixedModelTermsKeepRsNamesInTheResultsAndTheirLabelsInTheReport()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Markdown, ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, cohort);
        var sex = Variables.Categorical(cohort, "sex", "Sex", new[] { "F", "M" }, new[] { "Female", "Male" }, r => (int)r.Sex);
        var course = Variables.Repeated(visits, "Course", "Value over time", null, "month", r => r.Value, r => r.Month);

        run.MixedModel("model mixed Course ~ month + sex + (1 | id)", new MixedModelSpec(course, ResponseTransform.None,
            new ModelTerm[] { new([new("month", TermFactorKind.Time)]), new([new("sex", TermFactorKind.Covariate, sex)]) },
            [new RandomEffect("id", true, null)], ["Alpha", "Beta"], Reml: true));
        run.Complete();

        MixedModelResult mixed = run.Analyses.Single().Mixed!;
        Assert.Contains("sexM", mixed.FixedEffects.Select(f => f.Term));
        LevelLabelsRow labels = Assert.Single(mixed.LevelLabels!);
        Assert.Equal("sex", labels.Variable);
        Assert.Equal(["F", "M"], labels.Levels);
        Assert.Equal(["Female", "Male"], labels.Labels);
        string report = File.ReadAllText(Path.Combine(folder.Output("out"), "report.md"));
        Assert.Contains("Terms are labelled with the study's group and level labels", report, StringComparison.Ordinal);
        Assert.Contains("\n| Male | ", report, StringComparison.Ordinal);
        Assert.DoesNotContain("| sexM |", report, StringComparison.Ordinal);
    }
}
