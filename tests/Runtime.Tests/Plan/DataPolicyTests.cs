using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>Strict by default: an invalid row or a subject in two groups stops the run unless the schema says exclude.</summary>
public sealed class DataPolicyTests
{
    private static readonly StudyDiagnostic Warning = new("PL2038", "small.study", 12, 5, "groups Alpha and Gamma may overlap");

    [Fact]
    public void AnInvalidRowStopsAStrictRunAndEveryProblemIsInTheMessageAndTheProblemsFile()
    {
        using var folder = new StudyFolder();
        var options = folder.Options();

        var e = Assert.Throws<StudyDataException>(() => new StudyRun(SmallStudy.StrictSchema with { Warnings = [Warning] }, options, [ReportFormat.Json], "report"));

        const string row = "data/subjects.csv(row 21, column 'age'): error PL4003: value '150' is above the maximum 100 of column 'age'";
        const string orphan = "data/visits.csv(row 13, column 'id'): error PL4015";
        Assert.Contains("table 'subjects' has 1 invalid row; table 'visits' has 1 invalid row.", e.Message, StringComparison.Ordinal);
        Assert.Contains(row, e.Message, StringComparison.Ordinal);
        Assert.Contains(Warning.ToString(), e.Message, StringComparison.Ordinal);
        string problems = File.ReadAllText(Path.Combine(options.OutputDirectory!, ProblemsFile.FileName));
        Assert.Equal(Path.Combine(options.OutputDirectory!, ProblemsFile.FileName), e.ProblemsFile);
        Assert.Contains(row + "\n", problems, StringComparison.Ordinal);
        Assert.Contains(orphan, problems, StringComparison.Ordinal);
        Assert.Contains(Warning + "\n", problems, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory!, "results.json")));
    }

    [Fact]
    public void ATableThatExcludesDoesNotStopTheRunWhileAStrictOneDoes()
    {
        using var folder = new StudyFolder();
        var schema = SmallStudy.Schema with
        {
            Tables = [SmallStudy.Schema.Tables[0], SmallStudy.Schema.Tables[1] with { OnInvalid = DataPolicy.Fail }],
        };

        var e = Assert.Throws<StudyDataException>(() => new StudyRun(schema, folder.Options(), [ReportFormat.Json], "report"));

        Assert.Contains("table 'visits' has", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("table 'subjects' has", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubjectsInTwoGroupsStopTheRunAndAreEachListedUnlessTheGroupsSayExclude()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema with { OnOverlap = DataPolicy.Fail }, folder.Options(), [ReportFormat.Json], "report");

        var e = Assert.Throws<StudyDataException>(() =>
            run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups));

        Assert.Contains("2 subjects of table 'subjects' are in more than one group", e.Message, StringComparison.Ordinal);
        Assert.Contains("data/subjects.csv(row 7, column 'id'): error PL4020: subject 's07' is in more than one group: Alpha, Gamma", e.Message, StringComparison.Ordinal);
        Assert.Contains("(row 19, column 'id'): error PL4020: subject 's19'", e.Message, StringComparison.Ordinal);
        Assert.Contains("PL4020", File.ReadAllText(e.ProblemsFile!), StringComparison.Ordinal);
    }

    [Fact]
    public void ExcludedRowsAreCountedByReasonWithTheirCodeAndNotByValue()
    {
        using var folder = new StudyFolder();
        FlowResult flow = SmallStudy.Plan(folder.Options()).BuildResults([ReportFormat.Json]).Flow;

        ExclusionCount age = Assert.Single(flow.Tables[0].Excluded, e => e.Stage == "invalid_row");
        Assert.Equal(("column 'age' is outside its range", 1, "PL4003"), (age.Reason, age.Count, age.Code));
        ExclusionCount orphans = Assert.Single(flow.Tables[1].Excluded, e => e.Code == "PL4015");
        Assert.Equal(("invalid_row", "no parent row in table 'subjects'", 1), (orphans.Stage, orphans.Reason, orphans.Count));
        ExclusionCount ofExcluded = Assert.Single(flow.Tables[1].Excluded, e => e.Code == "PL4016");
        Assert.Equal(("its parent row in table 'subjects' was excluded", 1), (ofExcluded.Reason, ofExcluded.Count));
        Assert.All(flow.Tables[0].Excluded.Where(e => e.Stage != "invalid_row"), e => Assert.Null(e.Code));
    }

    [Fact]
    public void ACompletedRunWritesTheProblemsFileAndListsTheStudysWarningsInResultsAndReport()
    {
        using var folder = new StudyFolder();
        var options = folder.Options("out", ReportFormat.Markdown, ReportFormat.Json);
        var run = new StudyRun(SmallStudy.Schema with { Warnings = [Warning] }, options, [ReportFormat.Json], "report");
        run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);

        StudyResults results = run.Complete();

        Assert.Equal(new StudyWarningResult("PL2038", "small.study", 12, 5, "groups Alpha and Gamma may overlap"), Assert.Single(results.Warnings!));
        string report = File.ReadAllText(Path.Combine(options.OutputDirectory!, "report.md"));
        Assert.Contains("## Warnings", report, StringComparison.Ordinal);
        Assert.Contains("PL2038: groups Alpha and Gamma may overlap", report, StringComparison.Ordinal);
        Assert.Contains("| Invalid row: column 'age' is outside its range (PL4003) | 1 |", report, StringComparison.Ordinal);
        string problems = File.ReadAllText(Path.Combine(options.OutputDirectory!, ProblemsFile.FileName));
        Assert.Contains("The run completed.", problems, StringComparison.Ordinal);
        Assert.Contains("data/subjects.csv(row 21, column 'age'): error PL4003", problems, StringComparison.Ordinal);
    }
}
