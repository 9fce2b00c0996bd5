using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Schema;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Scoped analyses (issue 12 items 3 and 4) on the small study. Its 10 analysed subjects, in cohort order:
/// s01 (Alpha, 34, F), s02 (Alpha, 41, M), s04 (Beta, 29, M), s08 (Beta, 47, M), s10 (Alpha, 55, F),
/// s12 (Beta, 50, M, flag missing), s13 (Gamma, 72, M), s14 (Beta, 36, F), s20 (Beta, 58, M), s22 (Alpha, 61, F, score missing).
/// Expected counts below are read off that list, not from the runtime.
/// </summary>
public sealed class ScopedAnalysisTests
{
    [Fact]
    public void TheRunsCohortIsTheTenSubjectsTheseTestsAssume()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);

        Assert.Equal(["s01", "s02", "s04", "s08", "s10", "s12", "s13", "s14", "s20", "s22"], s.Cohort.Keys);
    }

    [Fact]
    public void AnOverallDescriptiveTableHasOneColumnOfEverySubject()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Describe(new AnalysisInfo("t1", "describe age overall") { Scope = new() { Overall = true } }, s.Age);

        AnalysisResult a = Assert.Single(s.Run.Analyses);
        Assert.Equal(["overall"], a.Describe!.Columns.Select(c => c.Name));
        Assert.Equal(10, a.Describe.Columns[0].N);
        Assert.Equal(48.5, a.Describe.Variables[0].Continuous![0].Median); // median of 29 34 36 41 47 50 55 58 61 72
        Assert.Equal(("overall", 10), (a.Scope!.Grouping, a.Scope.N));
        Assert.Empty(a.Scope.LeftOut);
        Assert.StartsWith("Descriptive statistics overall;", a.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverallKaplanMeierHasOneCurveNamedOverall()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.KaplanMeier(new AnalysisInfo("km_all", "model kaplan_meier Relapse overall") { Scope = new() { Overall = true } }, s.Relapse, [12]);

        KaplanMeierGroup curve = Assert.Single(s.Run.Analyses[0].KaplanMeier!.Groups);
        Assert.Equal(("overall", "Overall", 9), (curve.Group, curve.Label, curve.N)); // s22 has no follow-up time
        Assert.Equal("Surv(Relapse); horizon 24 (months) overall; survival at 12", s.Run.Analyses[0].Specification);
    }

    [Fact]
    public void ByABinaryFactorGroupsFalseThenTrueLabelledNoAndYes()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Describe(new AnalysisInfo("t1", "describe age by male") { Scope = new() { By = [s.Male] } }, s.Age);

        DescribeResult d = s.Run.Analyses[0].Describe!;
        Assert.Equal(["false", "true", "overall"], d.Columns.Select(c => c.Name));
        Assert.Equal(["No", "Yes", "Overall"], d.Columns.Select(c => c.Label));
        Assert.Equal([4, 6, 10], d.Columns.Select(c => c.N));
        Assert.Equal(["male"], s.Run.Analyses[0].Scope!.By!);
    }

    [Fact]
    public void ByACategoricalFactorGroupsByItsLevelsWithTheirLabels()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Describe(new AnalysisInfo("t1", "describe age by sex") { Scope = new() { By = [s.Sex] } }, s.Age);

        DescribeResult d = s.Run.Analyses[0].Describe!;
        Assert.Equal(["F", "M", "overall"], d.Columns.Select(c => c.Name));
        Assert.Equal(["Female", "Male", "Overall"], d.Columns.Select(c => c.Label));
        Assert.Equal([4, 6, 10], d.Columns.Select(c => c.N));
        Assert.Equal(45.5, d.Variables[0].Continuous![0].Median); // F: 34 36 55 61
    }

    [Fact]
    public void TwoFactorsAreCrossClassifiedFirstFactorSlowest()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Describe(new AnalysisInfo("t1", "describe age by sex, old") { Scope = new() { By = [s.Sex, s.Old] } }, s.Age);

        DescribeResult d = s.Run.Analyses[0].Describe!;
        Assert.Equal(["F, false", "F, true", "M, false", "M, true", "overall"], d.Columns.Select(c => c.Name));
        Assert.Equal("Female, No", d.Columns[0].Label);

        // old = age >= 50. F: 34, 36 | 55, 61. M: 41, 29, 47 | 50, 72, 58.
        Assert.Equal([2, 2, 3, 3, 10], d.Columns.Select(c => c.N));
    }

    [Fact]
    public void SubjectsWithAMissingFactorAreLeftOutAndCountedWithAWarning()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Describe(new AnalysisInfo("t1", "describe age by flag") { Scope = new() { By = [s.Flag] } }, s.Age);

        AnalysisResult a = s.Run.Analyses[0];
        Assert.Equal(9, a.Scope!.N);
        Assert.Equal(9, a.Describe!.Columns.Single(c => c.Name == "overall").N);
        ExclusionCount left = Assert.Single(a.Scope.LeftOut);
        Assert.Equal(("by_missing", "flag", 1), (left.Stage, left.Reason, left.Count));
        WarningResult w = Assert.Single(a.Warnings, w => w.Code == "PL5070");
        Assert.Equal("warning", w.Severity);
        Assert.Contains("1 subject(s) with a missing 'flag'", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWhereSubsetKeepsTheSubjectsWhereItIsTrueAndCountsFalseAndMissingApart()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        var highScore = Variables.Binary(s.Cohort, "high", "High score", r => r.Score is { } x ? x > 10 : null);
        s.Run.Compare(new AnalysisInfo("c1", "compare age: Alpha vs Beta using t_test where score > 10") { Scope = new() { Where = highScore, WhereText = "score > 10" } },
            [s.Age], new Pairing.TwoGroups("Alpha", "Beta"), TestKind.TTest, AdjustMethod.None);

        // score > 10: s01 12.5, s02 14, s10 13, s13 15.5 in; s04 s08 s12 s14 s20 false; s22 missing.
        AnalysisResult a = s.Run.Analyses[0];
        Assert.Equal(4, a.Scope!.N);
        Assert.Equal("score > 10", a.Scope.Where);
        Assert.Equal([("where", 5), ("where_missing", 1)], a.Scope.LeftOut.Select(e => (e.Stage, e.Count)));
        ComparisonRow row = Assert.Single(a.Compare!.Rows);
        Assert.Equal([3, 0], row.Summaries.Select(g => g.N));
        WarningResult info = Assert.Single(a.Warnings, w => w.Code == "PL5071");
        Assert.Equal("4 of 10 analysed subjects in scope; left out: 5 with 'where score > 10' false, 1 with 'where score > 10' missing", info.Message);
    }

    [Fact]
    public void AWhereSubsetComparisonEqualsTheComparisonOfTheSubsetsValues()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Compare(new AnalysisInfo("c1", "compare age: Alpha vs Beta using t_test where old") { Scope = new() { Where = s.Old, WhereText = "age >= 50" } },
            [s.Age], new Pairing.TwoGroups("Alpha", "Beta"), TestKind.TTest, AdjustMethod.None);

        // Alpha 55, 61 and Beta 50, 58: Student's t = (58 - 54) / sqrt(s2 (1/2 + 1/2)), s2 = (18 + 32) / 2 = 25, t = 4 / 5 = 0.8, df 2.
        TestOutcome t = Assert.Single(s.Run.Analyses[0].Compare!.Rows).Test!;
        Assert.Equal(0.8, Math.Abs(t.Statistic), 12);
        Assert.Equal(2, t.DegreesOfFreedom!.Value, 12);
    }

    [Fact]
    public void APopulationIsInTheSubjectFlowWithWhoIsOutByTheFirstFailedCondition()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.DefinePerProtocol();
        s.Run.Describe(new AnalysisInfo("t1", "describe age by group in PP") { Scope = new() { Population = "PP" } }, s.Age);
        StudyResults results = s.Run.BuildResults([ReportFormat.Json]);

        // age < 60 fails s13 (72), s22 (61); of the rest 'not flag' fails s12 (missing).
        PopulationFlow pp = Assert.Single(results.Flow.Cohort!.Populations!);
        Assert.Equal(("PP", "Per protocol", 10, 7), (pp.Name, pp.Label, pp.Analysed, pp.N));
        Assert.Equal([("age < 60", 2, 0, 8), ("not flag", 1, 1, 7)], pp.Conditions.Select(c => (c.Text, c.Excluded, c.ExcludedMissing, c.Remaining)));
        AnalysisResult a = results.Analyses[0];
        Assert.Equal(("PP", "Per protocol", 7), (a.Scope!.Population, a.Scope.PopulationLabel, a.Scope.N));
        Assert.Equal([("population", "age < 60", 2), ("population", "not flag", 1)], a.Scope.LeftOut.Select(e => (e.Stage, e.Reason, e.Count)));
        Assert.Equal([3, 4, 0, 7], a.Describe!.Columns.Select(c => c.N)); // Alpha s01 s02 s10; Beta s04 s08 s14 s20; Gamma none
        Assert.Contains("population PP (Per protocol): 7 of 10 analysed subjects in; 3 out: 2 (age < 60 not true), 1 (not flag not true).", FlowSummary.Lines(results));
    }

    [Fact]
    public void APopulationWithoutConditionsHoldsEveryAnalysedSubjectAndTheResultsValidate()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Population("ITT", "Intention to treat", []);
        s.DefinePerProtocol();
        s.Run.Describe(new AnalysisInfo("t1", "describe age by group in ITT") { Scope = new() { Population = "ITT" } }, s.Age);
        StudyResults results = s.Run.BuildResults([ReportFormat.Json]);

        Assert.Equal([("ITT", 10), ("PP", 7)], results.Flow.Cohort!.Populations!.Select(p => (p.Name, p.N)));
        Assert.Equal(10, results.Analyses[0].Scope!.N);
        Assert.DoesNotContain(results.Analyses[0].Warnings, w => w.Code == "PL5071");
        Assert.Contains("population ITT (Intention to treat): 10 of 10 analysed subjects in; 0 out.", FlowSummary.Lines(results));
        Assert.Empty(ResultsSchema.Validate(ResultsJson.Serialize(results)));
    }

    [Fact]
    public void WithinRepeatsTheAnalysisPerLevelWithItsIdLabelAndN()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.KaplanMeier(new AnalysisInfo("km", "model kaplan_meier Relapse by group within sex") { Scope = new() { Within = s.Sex } }, s.Relapse, [12]);

        Assert.Equal(["km.f", "km.m"], s.Run.Analyses.Select(a => a.Id));
        Assert.Equal([("F", "Female", 4), ("M", "Male", 6)], s.Run.Analyses.Select(a => (a.Scope!.Level!, a.Scope.LevelLabel!, a.Scope.N)));
        Assert.Equal([1, 2], s.Run.Analyses.Select(a => a.Index));
        Assert.Equal(["Alpha", "Beta", "Gamma"], s.Run.Analyses[0].KaplanMeier!.Groups.Select(g => g.Group));
        Assert.Equal(("within_level", 6), (s.Run.Analyses[0].Scope!.LeftOut.Single().Stage, s.Run.Analyses[0].Scope!.LeftOut.Single().Count));
    }

    [Fact]
    public void AWithinLevelWithNoSubjectsIsNotEstimableAndTheOthersRun()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        var sex3 = Variables.Categorical(s.Cohort, "sex3", "Sex", ["F", "M", "X"], r => (int)r.Sex);
        s.Run.Cox(new AnalysisInfo("cox", "model cox Relapse ~ age within sex3") { Scope = new() { Within = sex3 } },
            new CoxSpec(s.Relapse, [new CoxTerm(s.Age, null)], TiesMethod.Efron, []));

        Assert.Equal(["cox.f", "cox.m", "cox.x"], s.Run.Analyses.Select(a => a.Id));
        AnalysisResult x = s.Run.Analyses[2];
        Assert.Equal(ResultStatus.NotEstimable, x.Status);
        Assert.Equal(0, x.Scope!.N);
        Assert.Contains(x.Warnings, w => w.Code == "PL5072");
        Assert.NotEqual(ResultStatus.NotEstimable, s.Run.Analyses[1].Status);
    }

    [Fact]
    public void WithinLevelsWhoseIdsWouldCollideGetDistinctIds()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        var odd = Variables.Categorical(s.Cohort, "odd", "Odd", ["Lev+5FU", "Lev 5FU"], r => (int)r.Sex);
        s.Run.Describe(new AnalysisInfo("t", "describe age within odd") { Scope = new() { Within = odd } }, s.Age);

        Assert.Equal(["t.lev_5fu", "t.lev_5fu_2"], s.Run.Analyses.Select(a => a.Id));
    }

    [Fact]
    public void EveryKindRunsByAFactorAndWritesValidResults()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        AnalysisScope bySex = new() { By = [s.Sex] };
        s.Run.Describe(new AnalysisInfo("d", "describe age by sex") { Scope = bySex }, s.Age);
        s.Run.Compare(new AnalysisInfo("c", "compare age: F vs M using mann_whitney by sex") { Scope = bySex }, [s.Age], new Pairing.TwoGroups("F", "M"), TestKind.MannWhitney, AdjustMethod.None);
        s.Run.KaplanMeier(new AnalysisInfo("k", "model kaplan_meier Relapse by sex") { Scope = bySex }, s.Relapse, [12]);
        s.Run.LogRank(new AnalysisInfo("l", "test logrank Relapse by sex") { Scope = bySex }, s.Relapse, 0, null);
        s.Run.Cox(new AnalysisInfo("x", "model cox Relapse ~ sex_group + age by sex") { Scope = bySex }, new CoxSpec(s.Relapse, [new CoxTerm(null, "F"), new CoxTerm(s.Age, null)], TiesMethod.Efron, []));
        s.Run.MixedModel(new AnalysisInfo("m", "model mixed Course ~ group + month + (1 | id) by sex") { Scope = bySex }, s.CourseModel());
        StudyResults results = s.Run.BuildResults([ReportFormat.Json]);

        Assert.All(results.Analyses, a => Assert.NotEqual(ResultStatus.Failed, a.Status));
        Assert.Equal(["F", "M"], results.Analyses[1].Compare!.Rows[0].Groups);
        Assert.Equal(["F", "M"], results.Analyses[2].KaplanMeier!.Groups.Select(g => g.Group));
        Assert.Equal([3, 6], results.Analyses[3].LogRank!.Groups.Select(g => g.N)); // F without s22 (no follow-up time)
        Assert.Contains(results.Analyses[4].Cox!.Terms, t => t.Level == "M" && t.ReferenceLevel == "F");
        Assert.Contains(results.Figures!, f => f.Id == "c-box-age" && f.Analysis == "c");
        Assert.Equal(["F", "M"], results.Figures!.Single(f => f.Id == "c-box-age").Box!.Groups.Select(g => g.Group));
        Assert.StartsWith("Figure 2. Box plots of Age by sex:", ProtocolLang.Runtime.Reports.ReportViewBuilder.Build(results).Figures.Single(f => f.Id == "c-box-age").Caption, StringComparison.Ordinal);   // Figure 1 is the subject flow
        Assert.Contains(results.Figures!, f => f.Id == "m-trajectory-course");
        string json = ResultsJson.Serialize(results);
        Assert.Empty(ResultsSchema.Validate(json));
    }

    [Fact]
    public void AGroupTermUnderByIsNamedAfterTheFactorItIs()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        AnalysisScope bySex = new() { By = [s.Sex] };
        var cox = new CoxSpec(s.Relapse, [new CoxTerm(null, "F"), new CoxTerm(s.Age, null)], TiesMethod.Efron, []);
        s.Run.Cox(new AnalysisInfo("x", "model cox Relapse ~ group + age by sex") { Scope = bySex }, cox);
        s.Run.MixedModel(new AnalysisInfo("m", "model mixed Course ~ group + month + (1 | id) by sex") { Scope = bySex }, s.CourseModel());
        s.Run.Cox(new AnalysisInfo("xx", "model cox Relapse ~ group + age by sex, old") { Scope = new() { By = [s.Sex, s.Old] } },
            cox with { Terms = [new CoxTerm(null, null), new CoxTerm(s.Age, null)] });
        s.Run.Cox(new AnalysisInfo("x0", "model cox Relapse ~ group + age"), cox with { Terms = [new CoxTerm(null, null), new CoxTerm(s.Age, null)] });

        // by sex: the term is sex (R's coxph(Surv(...) ~ sex + age) names it sexM), as the scope's grouping words say.
        AnalysisResult x = s.Run.Analyses[0];
        Assert.Equal("sexM", x.Cox!.Terms[0].Term);
        Assert.Equal(["sex", "age", "GLOBAL"], x.Cox.ProportionalHazards!.Tests.Select(t => t.Term));
        Assert.StartsWith("Surv(Relapse); horizon 24 (months) ~ sex + age; reference sex = F;", x.Specification, StringComparison.Ordinal);
        Assert.Equal("by sex", AnalysisScopeResult.GroupingWords(x.Scope));

        MixedModelResult m = s.Run.Analyses[1].Mixed!;
        Assert.Equal(["(Intercept)", "sexM", "month"], m.FixedEffects.Select(f => f.Term));
        Assert.Equal(["sex", "month"], m.TypeIII.Select(t => t.Term));
        Assert.Equal("sex", m.GroupTerm);
        Assert.StartsWith("Course ~ sex + month + (1 | id)", m.Formula, StringComparison.Ordinal);
        LevelLabelsRow key = Assert.Single(m.LevelLabels!);
        Assert.Equal("sex", key.Variable);
        Assert.Equal(["F", "M"], key.Levels);
        Assert.Equal(["Female", "Male"], key.Labels);

        // Crossed factors: named as the grouping is ("by sex, old"); the study's own groups stay group.
        Assert.All(s.Run.Analyses[2].Cox!.Terms.Take(3), t => Assert.StartsWith("sex, old", t.Term, StringComparison.Ordinal));
        Assert.StartsWith("groupBeta", s.Run.Analyses[3].Cox!.Terms[0].Term, StringComparison.Ordinal);
        Assert.Null(s.Run.Analyses[3].Scope);
    }

    [Fact]
    public void TheReportNamesTheScopeUnderTheHeadingAndListsThePopulations()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder, folder.Options("out", ReportFormat.Markdown, ReportFormat.Html));
        s.DefinePerProtocol();
        s.Run.KaplanMeier(new AnalysisInfo("km", "model kaplan_meier Relapse by group within sex in PP") { Scope = new() { Population = "PP", Within = s.Sex } }, s.Relapse, [12]);
        s.Run.Complete();
        string md = File.ReadAllText(Path.Combine(folder.Output("out"), "report.md"));
        string html = File.ReadAllText(Path.Combine(folder.Output("out"), "report.html"));

        Assert.Contains("### <a id=\"km.f\"></a>1. Kaplan-Meier survival — sex: Female", md, StringComparison.Ordinal);
        Assert.Contains("**Scope:** population `PP` (Per protocol); by group; within `sex`: Female; n = 3; left out: 2 not in the population (`age < 60` not true), 1 not in the population (`not flag` not true), 4 in another level of sex.", md, StringComparison.Ordinal);
        Assert.Contains("| `PP` (Per protocol) | Analysed | 10 |", md, StringComparison.Ordinal);
        Assert.Contains("|  | Out: `not flag` not true (1 because its value is missing) | 1 |", md, StringComparison.Ordinal);
        Assert.Contains("|  | **In** | **7** |", md, StringComparison.Ordinal);
        Assert.Contains("<p class=\"scope\"><strong>Scope:</strong> population <code>PP</code>", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Output("out"), "figures", "km.f.svg")));
        Assert.Contains("Kaplan-Meier curves of Relapse by group; within sex: Female; + marks a censored time.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void AStudyWithoutGroupsAnalysesEveryIncludedSubjectAsOneGroupOverall()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, []);
        var age = Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age);
        run.Describe("describe age", age);
        StudyResults results = run.BuildResults([ReportFormat.Json]);

        // 22 rows: s21 invalid; s03, s09 no arm; s06, s18 over 80; s05, s11, s17 flag: 14 analysed, arm C and the overlaps included.
        Assert.Equal(14, results.Flow.Cohort!.Analysed);
        Assert.Equal([("overall", 14)], results.Flow.Cohort.Groups.Select(g => (g.Name, g.N)));
        Assert.Equal(["overall"], results.Analyses[0].Describe!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void ARepeatedOutcomeWithAChildRowSubsetLeavesTheOtherRowsOutAndTheMixedModelSaysHowMany()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        var later = Variables.Repeated(s.Visits, "Later", "Value after baseline", null, "month", r => r.Value, r => r.Month, where: r => r.Month > 0, whereText: "month > 0");
        s.Run.MixedModel("model mixed Later ~ group + (1 | id)", new MixedModelSpec(later, ResponseTransform.None,
            [new ModelTerm([new TermFactor("group", TermFactorKind.Group)])], [new RandomEffect("id", true, null)], null, Reml: true));

        // Kept visit rows: s01 0, 3; s02 0, 3; s04 0, 3; s08 0. Month > 0: three rows.
        Assert.Equal([3.0, 3.0, 3.0], later.Times.ToArray());
        Assert.Equal(4, later.LeftOutByWhere);
        Assert.Contains(s.Run.Analyses[0].Warnings, w => w.Code == "PL5030" && w.Message.Contains("4 row(s) of 'visits' left out by the outcome's subset (where month > 0)", StringComparison.Ordinal));
    }

    [Fact]
    public void AScopeThatCannotBeRunIsRefusedWithTheReason()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);

        Assert.Contains("binary or categorical", Assert.Throws<ArgumentException>(() =>
            s.Run.Describe(new AnalysisInfo("a", "describe age by age") { Scope = new() { By = [s.Age] } }, s.Age)).Message, StringComparison.Ordinal);
        Assert.Contains("'ITT' is not registered", Assert.Throws<ArgumentException>(() =>
            s.Run.Describe(new AnalysisInfo("b", "describe age in ITT") { Scope = new() { Population = "ITT" } }, s.Age)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() =>
            s.Run.Describe(new AnalysisInfo("c", "describe age overall by sex") { Scope = new() { Overall = true, By = [s.Sex] } }, s.Age));
        Assert.Empty(s.Run.Analyses);
    }

    [Fact]
    public void APopulationRegisteredAfterAnAnalysisIsRefused()
    {
        using var folder = new StudyFolder();
        Study s = Study.Start(folder);
        s.Run.Describe("describe age by group", s.Age);

        Assert.Throws<InvalidOperationException>(s.DefinePerProtocol);
    }

    /// <summary>The small study's run with its cohort, child rows and a few variables, before any analysis.</summary>
    private sealed record Study(StudyRun Run, Cohort<SubjectRow> Cohort, ChildRows<VisitRow> Visits, ContinuousVariable Age, CategoricalVariable Sex,
        BinaryVariable Male, BinaryVariable Old, BinaryVariable Flag, TimeToEventVariable Relapse, RepeatedVariable Course)
    {
        public static Study Start(StudyFolder folder, StudyRunOptions? options = null)
        {
            var run = new StudyRun(SmallStudy.Schema, options ?? folder.Options(), [ReportFormat.Json], "report");
            var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
            var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, cohort);
            return new Study(
                run,
                cohort,
                visits,
                Variables.Continuous(cohort, "age", "Age", "years", Summary.Median, r => r.Age),
                Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], ["Female", "Male"], r => (int)r.Sex),
                Variables.Binary(cohort, "male", "Male", r => r.Sex == Plan.Sex.M),
                Variables.Binary(cohort, "old", "50 or older", r => r.Age >= 50),
                Variables.Binary(cohort, "flag", "Flag", r => r.Flag),
                Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", 24, r => r.Followup, r => r.Relapsed),
                Variables.Repeated(visits, "Course", "Value over time", null, "month", r => r.Value, r => r.Month));
        }

        public void DefinePerProtocol() => Run.Population("PP", "Per protocol",
        [
            new PopulationCondition("age < 60", Variables.Binary(Cohort, "young", "Under 60", r => r.Age < 60)),
            new PopulationCondition("not flag", Variables.Binary(Cohort, "unflagged", "No flag", r => r.Flag is { } f ? !f : null)),
        ]);

        public MixedModelSpec CourseModel() => new(Course, ResponseTransform.None,
            [new ModelTerm([new TermFactor("group", TermFactorKind.Group)]), new ModelTerm([new TermFactor("month", TermFactorKind.Time)])],
            [new RandomEffect("id", true, null)], null, Reml: true);
    }
}
