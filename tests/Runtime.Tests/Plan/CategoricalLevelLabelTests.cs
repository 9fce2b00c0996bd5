using System;
using ProtocolLang.Runtime.Plan;

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
}
