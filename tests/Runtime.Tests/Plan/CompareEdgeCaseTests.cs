using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Degenerate data in a comparison give a clear warning in results.json and the report and a
/// defined result (NA), never an exception. Groups of the small study: Alpha 4 subjects, Beta 5,
/// Gamma 1 (see <see cref="SmallStudy"/>).
/// </summary>
public sealed class CompareEdgeCaseTests
{
    private static (StudyRun Run, Variable Age, Variable Constant, Variable ConstantWithinGroups, Cohort<SubjectRow> Subjects) Plan(StudyFolder folder)
    {
        var run = new StudyRun(SmallStudy.Schema, folder.Options("out", ReportFormat.Markdown, ReportFormat.Json),
            new[] { ReportFormat.Markdown, ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(subjects, "age", "Age", "years", Summary.Median, r => r.Age);
        var constant = Variables.Continuous(subjects, "dose", "Dose", null, Summary.Mean, _ => 5.0);
        var byArm = Variables.Continuous(subjects, "armdose", "Dose by arm", null, Summary.Mean, r => r.Arm == Arm.A ? 10.0 : 20.0);
        return (run, age, constant, byArm, subjects);
    }

    private static ComparisonRow Compare(StudyRun run, Variable variable, Pairing pairing, TestKind test)
    {
        run.Compare("compare " + variable.Name, new[] { variable }, pairing, test, AdjustMethod.None);
        return Assert.Single(run.Analyses[^1].Compare!.Rows);
    }

    [Fact]
    public void WelchWithAGroupOfOneWarnsAndReportsNoP()
    {
        using var folder = new StudyFolder();
        var (run, age, _, _, _) = Plan(folder);

        ComparisonRow row = Compare(run, age, new Pairing.TwoGroups("Alpha", "Gamma"), TestKind.Welch);

        Assert.Equal(ResultStatus.NotComputed, row.Status);
        Assert.True(double.IsNaN(row.Test!.PValue));
        WarningResult warning = row.Warnings.First(w => w.Code == StatisticsWarnings.TooFewValues);
        Assert.Contains("group 'Gamma' has 1 non-missing value(s) of 'age'; welch needs at least 2 per group", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StudentWithAGroupOfOneWarnsButRunsAsR()
    {
        using var folder = new StudyFolder();
        var (run, age, _, _, _) = Plan(folder);

        ComparisonRow row = Compare(run, age, new Pairing.TwoGroups("Alpha", "Gamma"), TestKind.TTest);

        // R's t.test(var.equal = TRUE) accepts n = 1 in one group when the other supplies the variance.
        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.False(double.IsNaN(row.Test!.PValue));
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.TooFewValues && w.Message.Contains("other group alone", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestKind.TTest)]
    [InlineData(TestKind.Welch)]
    [InlineData(TestKind.MannWhitney)]
    public void AConstantOutcomeWarnsAndIsNotComputedInTwoGroupTests(TestKind test)
    {
        using var folder = new StudyFolder();
        var (run, _, constant, _, _) = Plan(folder);

        ComparisonRow row = Compare(run, constant, new Pairing.TwoGroups("Alpha", "Beta"), test);

        Assert.Equal(ResultStatus.NotComputed, row.Status);
        Assert.True(double.IsNaN(row.Test!.PValue));
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.NoVariation && w.Message.Contains("same value (5) in every compared subject", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestKind.Anova)]
    [InlineData(TestKind.WelchAnova)]
    [InlineData(TestKind.KruskalWallis)]
    public void AConstantOutcomeWarnsAndIsNotComputedAcrossGroups(TestKind test)
    {
        using var folder = new StudyFolder();
        var (run, _, constant, _, _) = Plan(folder);

        ComparisonRow row = Compare(run, constant, new Pairing.AcrossGroups(), test);

        Assert.Equal(ResultStatus.NotComputed, row.Status);
        Assert.True(double.IsNaN(row.Test!.PValue));
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.NoVariation);
    }

    [Theory]
    [InlineData(TestKind.TTest)]
    [InlineData(TestKind.Welch)]
    public void AnOutcomeConstantWithinGroupsWarnsThatVarianceIsZero(TestKind test)
    {
        using var folder = new StudyFolder();
        var (run, _, _, byArm, _) = Plan(folder);

        ComparisonRow row = Compare(run, byArm, new Pairing.TwoGroups("Alpha", "Beta"), test);

        Assert.Equal(ResultStatus.NotComputed, row.Status);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.NoVariation && w.Message.Contains("zero variance", StringComparison.Ordinal));
    }

    [Fact]
    public void EdgeCaseWarningsAppearInTheReportAndResults()
    {
        using var folder = new StudyFolder();
        var (run, age, constant, _, _) = Plan(folder);
        Compare(run, age, new Pairing.TwoGroups("Alpha", "Gamma"), TestKind.Welch);
        Compare(run, constant, new Pairing.AcrossGroups(), TestKind.Anova);
        run.Complete();

        string report = File.ReadAllText(Path.Combine(folder.Output("out"), "report.md"));
        string json = File.ReadAllText(Path.Combine(folder.Output("out"), "results.json"));
        Assert.Contains("PL5011 (warning): age, Alpha vs Gamma: group 'Gamma' has 1", report, StringComparison.Ordinal);
        Assert.Contains("PL5012 (warning): dose, Alpha vs Beta vs Gamma: 'dose' has the same value", report, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"PL5011\"", json, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"PL5012\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonPositiveValueMakesACompareGeometricMeanSummaryNaWithAWarning()
    {
        using var folder = new StudyFolder();
        var (run, _, _, _, cohort) = Plan(folder);
        var shifted = Variables.Continuous(cohort, "shifted", "Age minus 40", null, Summary.GeometricMean, r => r.Age - 40);

        ComparisonRow row = Compare(run, shifted, new Pairing.TwoGroups("Alpha", "Beta"), TestKind.MannWhitney);

        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.All(row.Summaries, s => Assert.Equal("geometric_mean_ci", s.Statistic));
        Assert.Null(row.Summaries[0].GeometricMean);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.GeometricMeanUndefined && w.Message.StartsWith("'shifted' in group 'Alpha'", StringComparison.Ordinal));
    }

    [Fact]
    public void ANonPositiveValueMakesTheGeometricMeanNaWithAWarning()
    {
        using var folder = new StudyFolder();
        var (run, _, _, _, cohort) = Plan(folder);
        var shifted = Variables.Continuous(cohort, "shifted", "Age minus 40", null, Summary.Median, r => r.Age - 40);

        run.Describe("describe shifted by group statistics geometric_mean", new DescribeOptions(new[] { DescribeStatistic.GeometricMean }), shifted);

        AnalysisResult analysis = run.Analyses[^1];
        ContinuousCell overall = analysis.Describe!.Variables[0].Continuous![^1];
        Assert.Null(overall.GeometricMean);
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.GeometricMeanUndefined
            && w.Message.Contains("column 'overall': geometric mean is undefined", StringComparison.Ordinal));
    }
}
