using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// A derive that divides by zero (or takes log of 0) gives an infinity or NaN per row; building the
/// variable makes those rows missing and counts them, and every analysis of it warns PL5050.
/// </summary>
public sealed class NotFiniteValueTests
{
    [Fact]
    public void ADeriveDividedByZeroIsMissingInDescribeAndCompareWithACountOfTheRows()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);

        // x / 0 as the emitter writes it: C# division, +Inf, -Inf or NaN (0 / 0) per row.
        var ratio = Variables.Continuous(cohort, "ratio", "Ratio", null, Summary.Median, r => (r.Age - 50) / 0.0);
        run.Describe("describe ratio by group", ratio);
        run.Compare("compare ratio: Alpha vs Beta using mann_whitney", new Variable[] { ratio }, new Pairing.TwoGroups("Alpha", "Beta"), TestKind.MannWhitney, AdjustMethod.None);

        Assert.Equal(cohort.Count, ratio.NotFiniteCount);
        Assert.All(ratio.Values.ToArray(), v => Assert.True(double.IsNaN(v)));
        foreach (AnalysisResult analysis in run.Analyses)
        {
            WarningResult warning = Assert.Single(analysis.Warnings, w => w.Code == StatisticsWarnings.NotFiniteValues);
            Assert.Contains($"'ratio': {cohort.Count} row(s) gave no finite number", warning.Message, StringComparison.Ordinal);
        }

        ContinuousCell overall = run.Analyses[0].Describe!.Variables.Single().Continuous!.Last();
        Assert.Equal(0, overall.N);
        Assert.Equal(cohort.Count, overall.Missing);
        Assert.True(double.IsNaN(overall.Min));
    }

    [Fact]
    public void FiniteValuesGiveNoWarning()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);

        run.Describe("describe age by group", age);

        Assert.Equal(0, age.NotFiniteCount);
        Assert.DoesNotContain(run.Analyses.Single().Warnings, w => w.Code == StatisticsWarnings.NotFiniteValues);
    }
}
