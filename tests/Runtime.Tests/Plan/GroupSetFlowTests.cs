using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Schema;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Subjects a named group set leaves out of its factor (in none of its groups, or in two with <c>on_overlap exclude</c>)
/// stay analysed; the subject flow lists them on their own line in results.json, the console summary and the report,
/// so every analysed subject is accounted for. The small study's ages: 34, 41, 29, 47, 55, 50, 72, 36, 58, 61 (s01, s02,
/// s04, s08, s10, s12, s13, s14, s20, s22); the counts below are read off that list.
/// </summary>
public sealed class GroupSetFlowTests : IDisposable
{
    // Ages 40..49 (s02, s08) are in both bands; nobody is in "never".
    private static readonly GroupDefinition<SubjectRow>[] AgeBands =
    [
        new("young", "Under 50", r => r.Age < 50),
        new("older", "40 or more", r => r.Age >= 40),
        new("never", "Nobody", r => r.Age < 0),
    ];

    // 34, 36 in their thirties; 55, 50, 58 in their fifties; the other five in neither.
    private static readonly GroupDefinition<SubjectRow>[] Decades =
    [
        new("thirties", "30 to 39", r => r.Age >= 30 && r.Age < 40),
        new("fifties", "50 to 59", r => r.Age >= 50 && r.Age < 60),
    ];

    private readonly StudyFolder _folder = new();

    [Fact]
    public void SubjectsExcludedFromAGroupSetAreListedInTheFlowWithTheirCountAndReason()
    {
        StudyResults results = Run();

        GroupSetFlow band = results.Flow.Cohort!.GroupSets![0];
        Assert.Equal(("band", 10, 0, 2), (band.Name, band.Analysed, band.InNone, band.Overlapping));
        Assert.Equal([3, 5, 0], band.Groups.Select(g => g.N));
        Assert.Equal(["s02", "s08"], band.OverlappingSubjects.Select(s => s.Key));
        Assert.Equal(["young", "older"], band.OverlappingSubjects[0].Groups);
        Assert.Equal(band.Analysed, band.Groups.Sum(g => g.N) + band.InNone + band.Overlapping);

        GroupSetFlow decade = results.Flow.Cohort.GroupSets[1];
        Assert.Equal(("decade", 10, 5, 0), (decade.Name, decade.Analysed, decade.InNone, decade.Overlapping));
        Assert.Empty(ResultsSchema.Validate(ResultsJson.Serialize(results)));
    }

    [Fact]
    public void TheConsoleSummaryHasALinePerGroupSet()
    {
        var lines = FlowSummary.Lines(Run());

        Assert.Contains("group set band: 8 of 10 analysed subjects in one of its groups; 2 missing for the factor: 2 in more than one group (on_overlap exclude).", lines);
        Assert.Contains("group set decade: 5 of 10 analysed subjects in one of its groups; 5 missing for the factor: 5 in none of its groups.", lines);
    }

    [Fact]
    public void TheReportFlowHasATableOfTheGroupSetsAndNamesTheOverlappingSubjects()
    {
        FlowView subjects = ReportViewBuilder.Build(Run()).Flows[0];

        // Steps and counts (the set's name is a code span, marked for each format to render).
        var rows = subjects.GroupSets!.Rows.Select(r => r[1] + " | " + r[2]).ToArray();
        Assert.Contains("band", subjects.GroupSets.Rows[0][0], StringComparison.Ordinal);
        Assert.Equal("Analysed | 10", rows[0]);
        Assert.Contains("Missing: in more than one group (on_overlap exclude) | 2", rows);
        Assert.Contains("Missing: in none of its groups | 5", rows);
        string note = Assert.Single(subjects.Notes, n => n.StartsWith("In more than one group of set", StringComparison.Ordinal));
        Assert.Contains("(analysed, missing for the set): row ", note, StringComparison.Ordinal);
        Assert.Contains("s02", note, StringComparison.Ordinal);
        Assert.Contains("young, older", note, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private StudyResults Run()
    {
        var run = new StudyRun(SmallStudy.Schema, _folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        Assert.Equal(10, cohort.Count);
        var band = GroupSets.Categorical(cohort, "band", "data/subjects.csv", "id", r => r.SourceRow, AgeBands, excludeOverlapping: true);
        var decade = GroupSets.Categorical(cohort, "decade", "data/subjects.csv", "id", r => r.SourceRow, Decades, excludeOverlapping: true);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);
        run.Describe(new AnalysisInfo("by_band", "describe age by band") { Scope = new() { By = [band] } }, age);
        run.Describe(new AnalysisInfo("by_decade", "describe age by decade") { Scope = new() { By = [decade] } }, age);
        return run.BuildResults([ReportFormat.Json]);
    }
}
