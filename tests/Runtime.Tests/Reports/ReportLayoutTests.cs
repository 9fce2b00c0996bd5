using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>The report in paper order: flow diagram, Table 1, each analysis with its figures and footnotes.</summary>
public sealed class ReportLayoutTests
{
    private const string ExactWilcoxon = "Wilcoxon rank-sum (Mann-Whitney U), exact; Hodges-Lehmann shift, exact (Wilcoxon rank-sum distribution)";

    private static readonly Lazy<StudyResults> Small = new(() =>
    {
        using var folder = new StudyFolder();
        return SmallStudy.Run(folder.Options("out", ReportFormat.Json));
    });

    [Fact]
    public void TheFlowDiagramIsFigureOneAndEveryOtherFigureIsShownWithItsAnalysisInPaperOrder()
    {
        ReportView view = ReportViewBuilder.Build(Small.Value);

        Assert.Equal("subject-flow", view.FlowDiagram!.Id);
        Assert.Equal(view.FlowDiagram, view.Figures[0]);
        var shown = view.Analyses.SelectMany(s => s.Figures).ToArray();
        Assert.Equal(view.Figures.Skip(1), shown);
        Assert.Empty(view.OtherFigures);
        Assert.All(view.Figures.Select((f, i) => (f, i)), x => Assert.StartsWith($"Figure {x.i + 1}. ", x.f.Caption, StringComparison.Ordinal));
        Assert.Equal(["km_relapse"], view.Analyses.Single(s => s.Id == "km_relapse").Figures.Select(f => f.Id));
        SectionView age = view.Analyses.Single(s => s.Heading.EndsWith("Comparison of Age", StringComparison.Ordinal));
        Assert.Equal(["box-age"], age.Figures.Select(f => f.Id));
    }

    [Fact]
    public void TableOneComesFirstWhereverTheProtocolPutsItsFirstDescriptiveTable()
    {
        StudyResults results = Small.Value;
        AnalysisResult describe = results.Analyses.First(a => a.Kind == "describe");
        results = results with { Analyses = [.. results.Analyses.Where(a => a != describe), describe with { Index = 9 }] };

        ReportView view = ReportViewBuilder.Build(results);

        Assert.True(view.Analyses[0].IsTableOne);
        Assert.Equal("Table 1. Descriptive table by group (analysis 9)", view.Analyses[0].Heading);
        Assert.Single(view.Analyses, s => s.IsTableOne);
        Assert.Equal(results.Analyses.Count, view.Analyses.Count);
    }

    [Fact]
    public void OneTestOnEveryRowIsNamedOnceUnderTheTableAndTheMethodFollows()
    {
        SectionView age = ReportViewBuilder.Build(Small.Value).Analyses.Single(s => s.Heading.EndsWith("Comparison of Age", StringComparison.Ordinal));

        Assert.DoesNotContain("Test", age.Tables[0].Header);
        Assert.All(age.Tables[0].Rows, r => Assert.Equal(age.Tables[0].Header.Count, r.Count));
        Assert.Equal(age.Tables[0].Header.Count, age.Tables[0].Alignments.Count);
        Assert.Single(age.Notes, n => n == "Test: " + ExactWilcoxon + ".");
        Assert.StartsWith("Method: Wilcoxon rank-sum", age.Footnotes[0], StringComparison.Ordinal);
        Assert.StartsWith("Protocol: ", age.Footnotes[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void TwoTestsInOneColumnBecomeLettersEachExplainedOnce()
    {
        const string Normal = "Wilcoxon rank-sum (Mann-Whitney U), normal approximation with continuity correction";
        string json = ResultsJson.Serialize(Small.Value);
        int first = json.IndexOf(ExactWilcoxon, StringComparison.Ordinal);
        StudyResults results = ResultsJson.Deserialize(json[..first] + Normal + json[(first + ExactWilcoxon.Length)..]);

        SectionView age = ReportViewBuilder.Build(results).Analyses.Single(s => s.Heading.EndsWith("Comparison of Age", StringComparison.Ordinal));
        int column = age.Tables[0].Header.ToList().IndexOf("Test");

        Assert.Equal(["a", "b"], age.Tables[0].Rows.Select(r => r[column]));
        Assert.Equal(["Test a: " + Normal + ".", "Test b: " + ExactWilcoxon + "."], age.Notes.Where(n => n.StartsWith("Test ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("location shift (Hodges-Lehmann) 3541 (1470 to 5770)", "location shift (Hodges-Lehmann) <span class=\"nw\">3541 (1470 to 5770)</span>")]
    [InlineData("difference in means -12.2 (-16.7 to -7.77; SE 2.17)", "difference in means <span class=\"nw\">-12.2 (-16.7 to -7.77; SE 2.17)</span>")]
    [InlineData("W = 216", "<span class=\"nw\">W = 216</span>")]
    [InlineData("<0.001", "<span class=\"nw\">&lt;0.001</span>")]
    [InlineData("3792 [1626, 6402] (n = 18)", "<span class=\"nw\">3792 [1626, 6402] (n = 18)</span>")]
    [InlineData("", "")]
    public void AnHtmlNumericCellKeepsItsNumbersOnOneLineAndMayWrapOnlyALongLabelBeforeThem(string cell, string html)
    {
        Assert.Equal(html, ReportViews.NumericCellHtml(cell));
    }
}
