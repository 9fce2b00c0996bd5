using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class AnalysisTests
{
    // Analysed subjects by group (see SmallStudy): Alpha s01 s02 s10 s22, Beta s04 s08 s12 s14 s20, Gamma s13.
    private static readonly double[] AlphaAge = { 34, 41, 55, 61 };
    private static readonly double[] BetaAge = { 29, 47, 50, 36, 58 };
    private static readonly double[] GammaAge = { 72 };

    private static StudyResults Results(StudyFolder folder) =>
        SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json });

    [Fact]
    public void AnalysesAreRecordedInProtocolOrderWithTheirSource()
    {
        using var folder = new StudyFolder();
        var analyses = Results(folder).Analyses;

        Assert.Equal(Enumerable.Range(1, 9), analyses.Select(a => a.Index));
        Assert.Equal(new[] { "describe", "compare", "compare", "compare", "compare", "mixed_model", "kaplan_meier", "logrank", "cox" }, analyses.Select(a => a.Kind));
        Assert.Equal("compare age: Alpha vs each using mann_whitney adjust holm", analyses[1].Source);
    }

    [Fact]
    public void DescribeContinuousCellsEqualDescriptivesOfEachGroupAndOverall()
    {
        using var folder = new StudyFolder();
        DescribeResult describe = Results(folder).Analyses[0].Describe!;

        Assert.Equal(new[] { "Alpha", "Beta", "Gamma", "overall" }, describe.Columns.Select(c => c.Name));
        Assert.Equal(new[] { 4, 5, 1, 10 }, describe.Columns.Select(c => c.N));
        var age = describe.Variables.Single(v => v.Name == "age").Continuous!;
        double[][] expected = { AlphaAge, BetaAge, GammaAge, AlphaAge.Concat(BetaAge).Concat(GammaAge).ToArray() };
        for (int col = 0; col < expected.Length; col++)
        {
            ContinuousSummary s = Descriptives.Summarize(expected[col]);
            ContinuousCell cell = age[col];
            Assert.Equal((s.N, s.Missing, s.Mean, s.Median, s.Q1, s.Q3, s.Min, s.Max), (cell.N, cell.Missing, cell.Mean, cell.Median, cell.Q1, cell.Q3, cell.Min, cell.Max));
            Assert.Equal(s.StandardDeviation, cell.Sd);
        }
    }

    [Fact]
    public void DescribeCountsMissingScoresAndLeavesThemOutOfTheStatistics()
    {
        using var folder = new StudyFolder();
        var score = Results(folder).Analyses[0].Describe!.Variables.Single(v => v.Name == "score").Continuous!;

        ContinuousSummary alpha = Descriptives.Summarize(new[] { 12.5, 14, 13, double.NaN });
        Assert.Equal((3, 1), (score[0].N, score[0].Missing));
        Assert.Equal(alpha.Mean, score[0].Mean);
        Assert.Equal((9, 1), (score[3].N, score[3].Missing));
    }

    [Fact]
    public void DescribeBinaryPercentIsOfNonMissingValues()
    {
        using var folder = new StudyFolder();
        var flag = Results(folder).Analyses[0].Describe!.Variables.Single(v => v.Name == "flag");

        // Beta's flags: s04 false, s08 false, s12 missing, s14 false, s20 false.
        CountCell beta = flag.Counts![1];
        Assert.Equal((0, 4, 1), (beta.Count, beta.NonMissing, beta.Missing));
        Assert.Equal(0.0, beta.Percent);
        var relapsed = Results(folder).Analyses[0].Describe!.Variables.Single(v => v.Name == "relapsed").Counts!;
        Assert.Equal((3, 5, 60.0), (relapsed[1].Count, relapsed[1].NonMissing, relapsed[1].Percent));
        Assert.Equal((5, 10, 50.0), (relapsed[3].Count, relapsed[3].NonMissing, relapsed[3].Percent));
    }

    [Fact]
    public void DescribeCategoricalCountsEveryLevelPerColumn()
    {
        using var folder = new StudyFolder();
        var sex = Results(folder).Analyses[0].Describe!.Variables.Single(v => v.Name == "sex").Levels!;

        Assert.Equal(new[] { "F", "M" }, sex.Select(l => l.Level));
        Assert.Equal(new[] { 3, 1, 0, 4 }, sex[0].Cells.Select(c => c.Count));
        Assert.Equal(new[] { 1, 4, 1, 6 }, sex[1].Cells.Select(c => c.Count));
        Assert.Equal(40.0, sex[0].Cells[3].Percent);
    }

    [Fact]
    public void CompareWithHolmAdjustsEachVariablesPValuesTogetherAsPAdjustDoes()
    {
        using var folder = new StudyFolder();
        AnalysisResult compare = Results(folder).Analyses[1];
        var rows = compare.Compare!.Rows;

        // R's default for small samples without ties: the exact test.
        TestResult vsBeta = MannWhitney.Exact(AlphaAge, BetaAge);
        TestResult vsGamma = MannWhitney.Exact(AlphaAge, GammaAge);
        Assert.Equal(new[] { vsBeta.PValue, vsGamma.PValue }, rows.Select(r => r.Test!.PValue));
        Assert.Equal(new[] { vsBeta.Statistic, vsGamma.Statistic }, rows.Select(r => r.Test!.Statistic));
        double[] adjusted = PAdjust.Adjust(new[] { vsBeta.PValue, vsGamma.PValue }, AdjustMethod.Holm);
        Assert.Equal(adjusted, rows.Select(r => r.AdjustedPValue!.Value));
        Assert.Equal("holm", compare.Compare.Adjustment.Method);
        Assert.Equal(new[] { "Alpha", "Beta" }, rows[0].Groups);
        Assert.Equal("median_q1_q3", rows[0].Summaries[0].Statistic);
        Assert.Equal(Descriptives.Summarize(AlphaAge).Median, rows[0].Summaries[0].Median);
        HodgesLehmannResult shift = HodgesLehmann.Shift(AlphaAge, BetaAge);
        Assert.Equal((shift.Estimate, shift.Low, shift.High), (rows[0].Test!.Estimate, rows[0].Test!.ConfidenceLow, rows[0].Test!.ConfidenceHigh));
    }

    [Fact]
    public void TTestLeavesMissingValuesOutAndSaysSo()
    {
        using var folder = new StudyFolder();
        AnalysisResult compare = Results(folder).Analyses[2];
        ComparisonRow row = compare.Compare!.Rows.Single();

        TestResult expected = TTest.Student(new[] { 12.5, 14, 13 }, new[] { 7.25, 5.5, 8, 4, 6.5 });
        Assert.Equal(expected.PValue, row.Test!.PValue);
        Assert.Equal(expected.DegreesOfFreedom, row.Test.DegreesOfFreedom);
        Assert.Null(row.AdjustedPValue);
        Assert.Equal(("mean_sd", 3, 1), (row.Summaries[0].Statistic, row.Summaries[0].N, row.Summaries[0].Missing));
        Assert.Contains(compare.Warnings, w => w.Code == "PL5003" && w.Message.Contains("Alpha 1", StringComparison.Ordinal));
    }

    [Fact]
    public void FisherTwoByTwoPutsGroupsInRowsAndTrueFirst()
    {
        using var folder = new StudyFolder();
        ComparisonRow row = Results(folder).Analyses[3].Compare!.Rows.Single();

        // Alpha relapsed: s01, s10 of 4; Beta: s04, s08, s12 of 5.
        TestResult expected = FisherExact.TwoByTwo(2, 2, 3, 2);
        Assert.Equal(expected.PValue, row.Test!.PValue);
        Assert.Equal(expected.Estimate, row.Test.Estimate);
        Assert.Equal(("count_percent", 2, 4, 50.0), (row.Summaries[0].Statistic, row.Summaries[0].Count!.Value, row.Summaries[0].N, row.Summaries[0].Percent!.Value));
    }

    [Fact]
    public void FisherAcrossThreeGroupsTestsTheGroupsByOutcomeTable()
    {
        using var folder = new StudyFolder();
        AnalysisResult analysis = Results(folder).Analyses[4];

        Assert.Equal(ResultStatus.Ok, analysis.Status);
        ComparisonRow row = analysis.Compare!.Rows.Single();
        Assert.Equal(3, row.Summaries.Count);
        var table = new int[3, 2];
        for (int g = 0; g < 3; g++)
        {
            table[g, 0] = row.Summaries[g].Count!.Value;
            table[g, 1] = row.Summaries[g].N - row.Summaries[g].Count!.Value;
        }

        TestResult expected = FisherExact.RxC(table);
        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.Equal(expected.PValue, row.Test!.PValue);
        Assert.Equal(expected.Method, row.Test.Method);
    }

    [Fact]
    public void AnUnknownGroupFailsTheAnalysisWithoutThrowing()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);

        run.Compare("compare age: Alpha vs Delta using welch", new Variable[] { age }, new Pairing.TwoGroups("Alpha", "Delta"), TestKind.Welch, AdjustMethod.None);

        AnalysisResult last = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, last.Status);
        Assert.Contains(last.Warnings, w => w.Code == "PL5008");
    }

    [Fact]
    public void ARankTestOnABinaryVariableFailsItsRowWithTheReason()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var flag = Variables.Binary(cohort, "flag", "Flag", r => r.Flag);

        run.Compare("compare flag: Alpha vs Beta using mann_whitney", new Variable[] { flag }, new Pairing.TwoGroups("Alpha", "Beta"), TestKind.MannWhitney, AdjustMethod.None);

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Equal(ResultStatus.Failed, analysis.Compare!.Rows.Single().Status);
        Assert.Contains("binary", analysis.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AllPairsTestsEveryPairInDeclarationOrder()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Mean, r => r.Age);

        run.Compare("compare age: all pairs using welch adjust bonferroni", new Variable[] { age }, new Pairing.AllPairs(), TestKind.Welch, AdjustMethod.Bonferroni);

        var rows = run.Analyses.Single().Compare!.Rows;
        Assert.Equal(new[] { "Alpha-Beta", "Alpha-Gamma", "Beta-Gamma" }, rows.Select(r => string.Join("-", r.Groups)));
        Assert.Equal(ResultStatus.NotComputed, rows[1].Status);
        Assert.Null(rows[1].AdjustedPValue);
        Assert.Contains(run.Analyses.Single().Warnings, w => w.Code == "PL5005");
        Assert.Contains(rows[1].Warnings, w => w.Code == "PL5001");
    }

    [Fact]
    public void KruskalWallisAcrossGroupsMatchesTheKernelOnTheGroupsValues()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);

        run.Compare("compare age across groups using kruskal_wallis", new Variable[] { age }, new Pairing.AcrossGroups(), TestKind.KruskalWallis, AdjustMethod.None);

        ComparisonRow row = run.Analyses.Single().Compare!.Rows.Single();
        TestResult expected = KruskalWallis.Test(new[] { AlphaAge, BetaAge, GammaAge });
        Assert.Equal((expected.Statistic, expected.DegreesOfFreedom, expected.PValue), (row.Test!.Statistic, row.Test.DegreesOfFreedom, row.Test.PValue));
        Assert.Equal(new[] { "Alpha", "Beta", "Gamma" }, row.Groups);
    }

    [Fact]
    public void AnEmptyGroupIsWarnedAboutAndItsStatisticsAreUndefined()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var groups = SmallStudy.Groups.Append(new GroupDefinition<SubjectRow>("Delta", "Nobody", _ => false)).ToArray();
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, groups);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);

        run.Describe("describe age by group", age);

        AnalysisResult describe = run.Analyses.Single();
        Assert.Contains(describe.Warnings, w => w.Code == "PL5004" && w.Message.Contains("Delta", StringComparison.Ordinal));
        ContinuousCell delta = describe.Describe!.Variables[0].Continuous![3];
        Assert.Equal(0, delta.N);
        Assert.True(double.IsNaN(delta.Mean));
    }
}
