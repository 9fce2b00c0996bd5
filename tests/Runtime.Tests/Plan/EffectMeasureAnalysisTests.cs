using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Schema;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Bad inputs of the effect measures give a defined result with a PL5xxx warning, never an exception. Groups of the
/// small study (see <see cref="SmallStudy"/>): Alpha 4 subjects (relapsed 2), Beta 5 (relapsed 3), Gamma 1 (relapsed 0);
/// Alpha has three women and one man, Gamma one man; s22 (Alpha) has no follow-up.
/// </summary>
public sealed class EffectMeasureAnalysisTests
{
    private static (StudyRun Run, Cohort<SubjectRow> Subjects, Variable Relapsed) Plan(StudyFolder folder)
    {
        var run = new StudyRun(SmallStudy.Schema, folder.Options("out", ReportFormat.Markdown, ReportFormat.Json),
            new[] { ReportFormat.Markdown, ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        return (run, subjects, Variables.Binary(subjects, "relapsed", "Relapse", r => r.Relapsed));
    }

    private static ComparisonRow Effect(StudyRun run, Variable variable, Pairing pairing, TestKind test, EffectOptions? options = null)
    {
        run.CompareEffects(new AnalysisInfo("effect_" + run.Analyses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "compare " + variable.Name),
            new[] { variable }, pairing, test, AdjustMethod.None, options ?? EffectOptions.Default);
        return Assert.Single(run.Analyses[^1].Compare!.Rows);
    }

    [Theory]
    [InlineData(TestKind.RelativeRisk)]
    [InlineData(TestKind.OddsRatio)]
    public void AZeroCellGivesTheRatioWithoutACiAndSaysNoHaldaneCorrectionIsApplied(TestKind test)
    {
        using var folder = new StudyFolder();
        var (run, _, relapsed) = Plan(folder);

        ComparisonRow row = Effect(run, relapsed, new Pairing.TwoGroups("Gamma", "Alpha"), test);

        Assert.Equal(ResultStatus.NotComputed, row.Status);
        Assert.Equal(0, row.Test!.Estimate);
        Assert.Null(row.Test.ConfidenceLow);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.EffectUndefined && w.Message.Contains("Haldane", StringComparison.Ordinal));
        Assert.Equal(new[] { 0, 2 }, row.Summaries.Select(s => s.Count ?? -1));
    }

    [Fact]
    public void TheConditionalOddsRatioIsDefinedAtAZeroCellAsFisherTest()
    {
        using var folder = new StudyFolder();
        var (run, _, relapsed) = Plan(folder);

        ComparisonRow row = Effect(run, relapsed, new Pairing.TwoGroups("Gamma", "Alpha"), TestKind.OddsRatio, new EffectOptions { Conditional = true });

        // R: fisher.test(matrix(c(0, 1, 2, 2), 2, byrow = TRUE)) gives estimate 0, conf.int (0, upper), p = 1.
        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.Equal((0.0, 0.0, 1.0), (row.Test!.Estimate!.Value, row.Test.ConfidenceLow!.Value, row.Test.PValue));
        Assert.Equal("exact_conditional", row.Effect!.Interval);
    }

    [Fact]
    public void AnEmptyGroupIsNotComputedWithAWarning()
    {
        using var folder = new StudyFolder();
        var (run, subjects, _) = Plan(folder);
        var none = Variables.Binary(subjects, "relapsed_a", "Relapse (Alpha only)", r => r.Arm == Arm.B ? null : r.Relapsed);

        ComparisonRow row = Effect(run, none, new Pairing.TwoGroups("Alpha", "Beta"), TestKind.RiskDifference);

        Assert.Equal(ResultStatus.NotComputed, row.Status);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.EffectUndefined && w.Message.Contains("second group has no subjects", StringComparison.Ordinal));
        Assert.Equal(0, row.Summaries[1].N);
    }

    [Fact]
    public void MoreThanTwoGroupsFailTheRowWithAWarning()
    {
        using var folder = new StudyFolder();
        var (run, _, relapsed) = Plan(folder);

        ComparisonRow row = Effect(run, relapsed, new Pairing.AcrossGroups(), TestKind.OddsRatio);

        Assert.Equal(ResultStatus.Failed, row.Status);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.TestDoesNotFit && w.Message.Contains("compares two groups, not 3", StringComparison.Ordinal));
    }

    [Fact]
    public void AStratumWithOnlyOneGroupIsLeftOutAndSaid()
    {
        using var folder = new StudyFolder();
        var (run, subjects, relapsed) = Plan(folder);
        var sex = Variables.Categorical(subjects, "sex", "Sex", new[] { "F", "M" }, r => (int)r.Sex);

        ComparisonRow row = Effect(run, relapsed, new Pairing.TwoGroups("Alpha", "Gamma"), TestKind.RiskDifference, new EffectOptions { Strata = new[] { sex } });

        EffectStrata strata = row.Effect!.Strata!;
        Assert.Equal((1, 1), (strata.Used, strata.LeftOut));
        Assert.Equal(new[] { "F", "M" }, strata.Tables.Select(t => t.Stratum));
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.StrataWithoutBothGroups && w.Message.Contains("(F)", StringComparison.Ordinal));
        // Only the men's stratum is used: Alpha 0 of 1 relapsed (s02), Gamma 0 of 1 (s13): RD 0.
        Assert.Equal(0, row.Test!.Estimate);
    }

    [Fact]
    public void ARateLeavesOutSubjectsWithoutPersonTimeAndCountsThem()
    {
        using var folder = new StudyFolder();
        var (run, subjects, relapsed) = Plan(folder);
        var followup = Variables.Continuous(subjects, "followup", "Follow-up", "months", Summary.Mean, r => r.Followup);

        ComparisonRow row = Effect(run, relapsed, new Pairing.TwoGroups("Alpha", "Beta"), TestKind.RateRatio, new EffectOptions { PersonTime = followup });

        // Alpha: s01 (10, relapsed), s02 (12), s10 (9, relapsed); s22 has no follow-up. Beta: 24 + 30 + 16 + 28 + 22 = 120, 3 events.
        Assert.Equal((3, 31.0, 3, 120.0), (row.Summaries[0].N, row.Summaries[0].PersonTime!.Value, row.Summaries[1].Count!.Value, row.Summaries[1].PersonTime!.Value));
        Assert.Equal(2.0 / 31 / (3.0 / 120), row.Test!.Estimate!.Value, 12);
        Assert.Contains(row.Warnings, w => w.Code == StatisticsWarnings.EffectSubjectsLeftOut && w.Message.Contains("1 with a missing person-time 'followup'", StringComparison.Ordinal));
    }

    [Fact]
    public void NntWhoseRiskDifferenceCiIncludesZeroIsReportedAsCrossingInfinity()
    {
        using var folder = new StudyFolder();
        var (run, _, relapsed) = Plan(folder);

        ComparisonRow row = Effect(run, relapsed, new Pairing.TwoGroups("Beta", "Alpha"), TestKind.Nnt, new EffectOptions { Direction = NntDirection.Harmful });
        run.Complete();

        NntDetail nnt = row.Effect!.Nnt!;
        Assert.True(nnt.CrossesInfinity);
        Assert.Equal("nnth", nnt.Kind); // Beta 3/5 vs Alpha 2/4: more relapses in the first group, and relapse is harmful
        Assert.Equal(10, nnt.Value!.Value, 9);
        Assert.Null(row.Test!.ConfidenceLow);
        string report = File.ReadAllText(Path.Combine(folder.Output("out"), "report.md"));
        Assert.Contains("NNTH 10.0 (95% CI NNTB ", report, StringComparison.Ordinal);
        Assert.Contains(" to ∞ to NNTH ", report, StringComparison.Ordinal);
        Assert.Empty(ResultsSchema.Validate(File.ReadAllText(Path.Combine(folder.Output("out"), "results.json"))));
    }
}
