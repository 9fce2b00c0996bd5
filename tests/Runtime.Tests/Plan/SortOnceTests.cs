using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Issue 14, "sort once": a run sorts each outcome's times (and each rank-tested variable) once per cohort and shares
/// the order; a scope, a subset or another missing pattern sorts its own column. Counts read off the small study's
/// 10 analysed subjects (see <see cref="ScopedAnalysisTests"/>).
/// </summary>
public sealed class SortOnceTests
{
    [Fact]
    public void KaplanMeierLogRankAndCoxOfOneOutcomeSortItsTimesOnce()
    {
        using var folder = new StudyFolder();
        (StudyRun run, _, TimeToEventVariable relapse, ContinuousVariable age, _) = Start(folder);
        run.KaplanMeier("model kaplan_meier Relapse by group", relapse, [12]);
        run.LogRank("test logrank Relapse by group", relapse, 0, null);
        run.Cox("model cox Relapse ~ age", new CoxSpec(relapse, [new CoxTerm(age, null)], TiesMethod.Efron, []));

        Assert.Equal(3, run.Analyses.Count);
        Assert.Equal(1, run.Ranks.Computed);
    }

    [Fact]
    public void ScopedAnalysesSortTheirOwnSubjectsAndMatchARunWithoutTheWholeCohortsOrder()
    {
        using var folder = new StudyFolder();
        (StudyRun shared, _, TimeToEventVariable relapse, _, CategoricalVariable sex) = Start(folder);
        shared.KaplanMeier("model kaplan_meier Relapse by group", relapse, [12]);
        shared.KaplanMeier(new AnalysisInfo("km", "model kaplan_meier Relapse by group within sex") { Scope = new() { Within = sex } }, relapse, [12]);
        IReadOnlyList<AnalysisResult> sharedResults = shared.Analyses;

        (StudyRun alone, _, TimeToEventVariable relapseAlone, _, CategoricalVariable sexAlone) = Start(folder, "alone");
        alone.KaplanMeier(new AnalysisInfo("km", "model kaplan_meier Relapse by group within sex") { Scope = new() { Within = sexAlone } }, relapseAlone, [12]);

        // The whole cohort, then each of the two sexes: three columns, three sorts.
        Assert.Equal(3, shared.Ranks.Computed);
        Assert.Equal(["km.f", "km.m"], sharedResults.Skip(1).Select(a => a.Id));
        Assert.Equal(Rows(alone.Analyses), Rows(sharedResults.Skip(1).ToList()));
        Assert.NotEqual(Rows(sharedResults.Take(1).ToList()), Rows(sharedResults.Skip(1).Take(1).ToList()));
    }

    [Fact]
    public void AnOutcomeWithAnotherMissingPatternIsSortedAgainNotReadFromTheFirst()
    {
        using var folder = new StudyFolder();
        (StudyRun run, Cohort<SubjectRow> cohort, TimeToEventVariable relapse, _, _) = Start(folder);
        // The same follow-up with the over-50s' times missing: same cohort, another column.
        TimeToEventVariable younger = Variables.TimeToEvent(cohort, "RelapseYounger", "Relapse under 50", "months", 24, r => r.Age < 50 ? r.Followup : null, r => r.Relapsed);
        run.KaplanMeier("model kaplan_meier Relapse by group", relapse, [12]);
        run.KaplanMeier("model kaplan_meier RelapseYounger by group", younger, [12]);

        (StudyRun alone, Cohort<SubjectRow> cohortAlone, _, _, _) = Start(folder, "alone");
        alone.KaplanMeier("model kaplan_meier RelapseYounger by group",
            Variables.TimeToEvent(cohortAlone, "RelapseYounger", "Relapse under 50", "months", 24, r => r.Age < 50 ? r.Followup : null, r => r.Relapsed), [12]);

        Assert.Equal(2, run.Ranks.Computed);
        Assert.Equal(Rows(alone.Analyses), Rows(run.Analyses.Skip(1).ToList()));
        // Subjects 50 or older (s10, s12, s13, s20, s22) are left out of the second: fewer at risk at the start.
        Assert.Equal(5, run.Analyses[1].KaplanMeier!.LeftOut);
    }

    [Fact]
    public void TwoRankTestsOfOneVariableRankItOnce()
    {
        using var folder = new StudyFolder();
        (StudyRun run, _, _, ContinuousVariable age, _) = Start(folder);
        run.Compare("compare age: Alpha vs Beta using mann_whitney", [age], new Pairing.TwoGroups("Alpha", "Beta"), TestKind.MannWhitney, AdjustMethod.None);
        run.Compare("compare age across groups using kruskal_wallis", [age], new Pairing.AcrossGroups(), TestKind.KruskalWallis, AdjustMethod.None);

        Assert.Equal(2, run.Analyses.Count);
        Assert.Equal(1, run.Ranks.Computed);
    }

    private static List<(string Group, KaplanMeierRow Row)> Rows(IReadOnlyList<AnalysisResult> analyses) =>
        analyses.SelectMany(a => a.KaplanMeier!.Groups.SelectMany(g => g.Table.Select(r => (g.Group, r)))).ToList();

    private static (StudyRun Run, Cohort<SubjectRow> Cohort, TimeToEventVariable Relapse, ContinuousVariable Age, CategoricalVariable Sex) Start(StudyFolder folder, string output = "out")
    {
        var run = new StudyRun(SmallStudy.Schema, folder.Options(output), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        return (run, cohort,
            Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", 24, r => r.Followup, r => r.Relapsed),
            Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age),
            Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], ["Female", "Male"], r => (int)r.Sex));
    }
}
