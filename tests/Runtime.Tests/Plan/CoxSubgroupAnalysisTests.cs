using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Reports;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Cox subgroups (<see cref="CoxSubgroupSpec"/>) through <see cref="StudyRun.Cox(string, CoxSpec)"/> on the small study,
/// treatment = sex: the edge cases R answers with NA (a level with a single arm, no events, no subjects) give a defined
/// result with a warning, never a throw or a silent drop; missing subgroup values are counted. The numbers are checked
/// against R end to end in ProtocolLang.Cli.Tests' CoxSubgroupRunTests.
/// </summary>
public sealed class CoxSubgroupAnalysisTests
{
    [Fact]
    public void ALevelWithASingleArmIsKeptNotEstimableWithAWarningAndItsInteractionIsNotComputed()
    {
        // y holds only women under 50: within it the treatment (sex) does not vary.
        CoxSubgroupFactorResult factor = Factor(0, out AnalysisResult analysis);

        Assert.Equal(ResultStatus.Ok, analysis.Status);
        Assert.Equal(["x", "y"], factor.Levels.Select(l => l.Level));
        CoxSubgroupLevelResult y = factor.Levels[1];
        Assert.Equal(ResultStatus.NotEstimable, y.Status);
        Assert.True(y.N > 0);
        Assert.Contains("single arm", y.Reason, StringComparison.Ordinal);
        CoxSubgroupEffect effect = Assert.Single(y.Effects);
        Assert.Equal((ResultStatus.NotEstimable, "sexM"), (effect.Status, effect.Term));
        Assert.True(double.IsNaN(effect.HazardRatio));
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.CoxSubgroupNotEstimable && w.Message.Contains("'single_arm' = y", StringComparison.Ordinal));

        // The one interaction column (sexM × y) is 0 for every subject: R's coefficient is NA and anova has 0 df.
        Assert.Equal("not_computed", factor.Interaction.Status);
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.CoxSubgroupInteractionNotComputed);
    }

    [Fact]
    public void ALevelWithoutEventsIsKeptNotEstimable()
    {
        CoxSubgroupLevelResult q = Factor(1, out _).Levels[1];

        Assert.Equal((ResultStatus.NotEstimable, 0, "no events"), (q.Status, q.Events, q.Reason));
        Assert.True(q.N > 0);
        Assert.True(double.IsNaN(Assert.Single(q.Effects).HazardRatio));
    }

    [Fact]
    public void ALevelWithoutSubjectsIsKeptWithNoEffects()
    {
        CoxSubgroupFactorResult factor = Factor(2, out _);

        Assert.Equal(3, factor.Levels.Count);
        CoxSubgroupLevelResult z = factor.Levels[2];
        Assert.Equal((ResultStatus.NotEstimable, 0, 0, "no analysed subjects"), (z.Status, z.N, z.Events, z.Reason));
        Assert.Empty(z.Effects);
    }

    [Fact]
    public void SubjectsWithoutASubgroupValueAreCountedSaidAndLeftOutOfEveryLevel()
    {
        CoxSubgroupFactorResult factor = Factor(3, out AnalysisResult analysis);
        CoxResult cox = analysis.Cox!;

        Assert.True(factor.Missing > 0);
        Assert.Equal(cox.N, factor.Missing + factor.Levels.Sum(l => l.N));
        Assert.Equal(cox.N - factor.Missing, factor.Interaction.N);
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.CoxSubgroupMissing && w.Severity == "info");
    }

    [Fact]
    public void TheOverallRowIsTheModelsOwnTreatmentEstimate()
    {
        _ = Factor(0, out AnalysisResult analysis);
        CoxResult cox = analysis.Cox!;
        CoxSubgroupEffect overall = Assert.Single(cox.Subgroups!.Overall);
        CoxTermResult term = cox.Terms.Single(t => t.Term == "sexM");

        Assert.Equal((term.HazardRatio, term.HazardRatioLow, term.PValue), (overall.HazardRatio, overall.HazardRatioLow, overall.PValue));
        Assert.Contains("; subgroup single_arm, no_events, empty, partial (treatment sex)", analysis.Specification, StringComparison.Ordinal);
    }

    [Fact]
    public void SubgroupsTheBinderWouldRefuseFailTheModelWithAWarningWithoutThrowing()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(cohort, "age", "Age", null, Summary.Median, r => r.Age);
        var sex = Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], ["Female", "Male"], r => (int)r.Sex);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Followup, r => r.Relapsed);

        // The treatment is a number: the binder reports PL2265; the runtime fails the model.
        run.Cox("model cox Relapse ~ age + sex subgroup sex", new CoxSpec(relapse, [new(age, null), new(sex, null)], TiesMethod.Efron, [],
            Subgroups: new CoxSubgroupSpec(0, [new CoxTerm(sex, null)])));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Equal(StatisticsWarnings.TestDoesNotFit, Assert.Single(analysis.Warnings).Code);
    }

    [Fact]
    public void AGroupTreatmentWithThreeGroupsHasTwoContrastsInEveryFitAndTheInteractionAtMostTwoDf()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var sex = Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], ["Female", "Male"], r => (int)r.Sex);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Followup, r => r.Relapsed);

        run.Cox("model cox Relapse ~ group subgroup sex", new CoxSpec(relapse, [new(null, null)], TiesMethod.Breslow, [],
            Subgroups: new CoxSubgroupSpec(0, [new(sex, null)])));

        CoxSubgroupsResult subgroups = run.Analyses.Single().Cox!.Subgroups!;
        Assert.Equal("group", subgroups.Treatment);
        Assert.Equal(["groupBeta", "groupGamma"], subgroups.Overall.Select(e => e.Term));
        CoxSubgroupFactorResult factor = Assert.Single(subgroups.Factors);
        Assert.All(factor.Levels, l => Assert.Equal(["groupBeta", "groupGamma"], l.Effects.Select(e => e.Term)));
        Assert.InRange(factor.Interaction.DegreesOfFreedom, 0, 2);
    }

    [Fact]
    public void TheStudysGroupAsASubgroupHasOneLevelPerGroupWithItsLabel()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var sex = Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], ["Female", "Male"], r => (int)r.Sex);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Followup, r => r.Relapsed);

        run.Cox("model cox Relapse ~ sex subgroup group", new CoxSpec(relapse, [new(sex, null)], TiesMethod.Efron, [],
            Subgroups: new CoxSubgroupSpec(0, [new(null, null)])));

        CoxSubgroupFactorResult factor = Assert.Single(run.Analyses.Single().Cox!.Subgroups!.Factors);
        Assert.Equal(("group", "Group", 0), (factor.Variable, factor.Label, factor.Missing));
        Assert.Equal(SmallStudy.Groups.Select(g => g.Label), factor.Levels.Select(l => l.Label));
        Assert.Equal(run.Analyses.Single().Cox!.N, factor.Levels.Sum(l => l.N));
    }

    /// <summary>The model with four subgroup factors, one edge case each; the whole analysis comes out for the report tests.</summary>
    internal static CoxSubgroupFactorResult Factor(int index, out AnalysisResult analysis)
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(cohort, "age", "Age", null, Summary.Median, r => r.Age);
        var sex = Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], ["Female", "Male"], r => (int)r.Sex);
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Followup, r => r.Relapsed);
        var singleArm = Variables.Categorical(cohort, "single_arm", "Single arm", ["x", "y"], r => r.Sex == Sex.F && r.Age < 50 ? 1 : 0);
        var noEvents = Variables.Categorical(cohort, "no_events", "No events", ["x", "q"], r => !r.Relapsed && r.Age > 60 ? 1 : 0);
        var empty = Variables.Categorical(cohort, "empty", "Empty", ["x", "y", "z"], r => r.Age < 50 ? 0 : 1);
        var partial = Variables.Binary(cohort, "partial", "Partial", r => r.Age > 60 ? null : r.Age > 40);

        run.Cox("model cox Relapse ~ sex + age subgroup ...", new CoxSpec(relapse, [new(sex, null), new(age, null)], TiesMethod.Efron, [],
            Subgroups: new CoxSubgroupSpec(0, [new(singleArm, null), new(noEvents, null), new(empty, null), new(partial, null)])));
        analysis = run.Analyses.Single();
        return analysis.Cox!.Subgroups!.Factors[index];
    }
}
