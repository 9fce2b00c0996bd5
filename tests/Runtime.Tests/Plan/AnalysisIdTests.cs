using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>Analysis ids (issue 12): the author's, else one from the analysis' text, and what is named by them.</summary>
public sealed class AnalysisIdTests
{
    private const string DescribeSource = "describe age, sex, score, flag, relapsed by group";
    private const string KaplanMeierSource = "model kaplan_meier Relapse by group at 12, 24";

    [Fact]
    public void AnAnalysisNamedOnlyByItsTextGetsAnIdFromTheSha256OfTheText()
    {
        using var folder = new StudyFolder();
        var analyses = SmallStudy.Plan(folder.Options()).BuildResults([ReportFormat.Json]).Analyses;

        // python3: "a_" + hashlib.sha256(b"describe age, sex, score, flag, relapsed by group").hexdigest()[:8]
        Assert.Equal("a_02f2e45c", analyses[0].Id);
        Assert.All(analyses.Take(6), a => Assert.Matches("^a_[0-9a-f]{8}$", a.Id));
    }

    [Fact]
    public void TheAuthorsIdIsKeptAndNamesTheKaplanMeierFigureAndTheReportAnchor()
    {
        using var folder = new StudyFolder();
        StudyResults results = SmallStudy.Run(folder.Options("out", ReportFormat.Markdown, ReportFormat.Html, ReportFormat.Json));

        Assert.Equal("km_relapse", results.Analyses.Single(a => a.Kind == "kaplan_meier").Id);
        Assert.Equal("cox_relapse", results.Analyses.Single(a => a.Kind == "cox").Id);
        Assert.True(File.Exists(Path.Combine(folder.Output("out"), "figures", "km_relapse.svg")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Output("out"), "figures"), "km-*"));
        Assert.Contains("### <a id=\"km_relapse\"></a>7. Kaplan-Meier survival", File.ReadAllText(Path.Combine(folder.Output("out"), "report.md")), StringComparison.Ordinal);
        Assert.Contains("<section id=\"cox_relapse\">", File.ReadAllText(Path.Combine(folder.Output("out"), "report.html")), StringComparison.Ordinal);
        Assert.Contains("\"id\": \"km_relapse\"", File.ReadAllText(Path.Combine(folder.Output("out"), "results.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoAnalysesWithTheSameTextGetDistinctIds()
    {
        using var folder = new StudyFolder();
        (StudyRun run, Variable age) = Start(folder);
        run.Describe(DescribeSource, age);
        run.Describe(DescribeSource, age);
        run.Describe(DescribeSource, age);

        Assert.Equal(["a_02f2e45c", "a_02f2e45c_2", "a_02f2e45c_3"], run.Analyses.Select(a => a.Id));
    }

    [Theory]
    [InlineData("Km")]
    [InlineData("1km")]
    [InlineData("km-relapse")]
    [InlineData("km.f")]
    [InlineData("")]
    public void AnIdNotOfTheFormOfAnAnalysisIdIsRefused(string id)
    {
        using var folder = new StudyFolder();
        (StudyRun run, Variable age) = Start(folder);

        Assert.Throws<ArgumentException>(() => run.Describe(new AnalysisInfo(id, DescribeSource), age));
        Assert.Empty(run.Analyses);
    }

    [Fact]
    public void AnIdLongerThanSixtyFourCharactersIsRefused()
    {
        using var folder = new StudyFolder();
        (StudyRun run, Variable age) = Start(folder);

        run.Describe(new AnalysisInfo(new string('a', 64), DescribeSource), age);
        Assert.Throws<ArgumentException>(() => run.Describe(new AnalysisInfo(new string('b', 65), DescribeSource), age));
    }

    [Fact]
    public void TwoAnalysesWithTheSameAuthorsIdAreRefused()
    {
        using var folder = new StudyFolder();
        (StudyRun run, Variable age) = Start(folder);
        run.Describe(new AnalysisInfo("table1", DescribeSource), age);

        ArgumentException e = Assert.Throws<ArgumentException>(() => run.Describe(new AnalysisInfo("table1", "describe age by group"), age));
        Assert.Contains("table1", e.Message, StringComparison.Ordinal);
        Assert.Single(run.Analyses);
    }

    [Fact]
    public void ReorderingAnalysesChangesNoIdAndNoNumber()
    {
        using var one = new StudyFolder();
        using var two = new StudyFolder();
        (StudyRun first, Variable age1) = Start(one);
        (StudyRun second, Variable age2) = Start(two);
        var relapse1 = (TimeToEventVariable)Relapse(age1);
        var relapse2 = (TimeToEventVariable)Relapse(age2);

        first.Describe(DescribeSource, age1);
        first.KaplanMeier(KaplanMeierSource, relapse1, [12, 24]);
        second.KaplanMeier(KaplanMeierSource, relapse2, [12, 24]);
        second.Describe(DescribeSource, age2);

        AnalysisResult[] a = first.Analyses.OrderBy(x => x.Id, StringComparer.Ordinal).ToArray();
        AnalysisResult[] b = second.Analyses.OrderBy(x => x.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal(a.Select(x => x.Id), b.Select(x => x.Id));
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(ResultsJson.Serialize(Only(a[i] with { Index = 0 })), ResultsJson.Serialize(Only(b[i] with { Index = 0 })));
        }
    }

    /// <summary>The small study's run with its cohort defined and no analysis yet.</summary>
    private static (StudyRun Run, Variable Age) Start(StudyFolder folder)
    {
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), [ReportFormat.Json], "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        return (run, Variables.Continuous(subjects, "age", "Age", "years", Summary.Median, r => r.Age));
    }

    private static Variable Relapse(Variable age) =>
        Variables.TimeToEvent((Cohort<SubjectRow>)age.Cohort, "Relapse", "Relapse", "months", 24, r => r.Followup, r => r.Relapsed);

    private static StudyResults Only(AnalysisResult analysis) =>
        new(StudyResults.CurrentSchemaVersion, new ToolInfo("t", "0"), new StudyIdentity("s", null, null, "s.study", "0"), [], new ProblemsResult(0, []),
            new FlowResult([], null), [analysis], []);
}
