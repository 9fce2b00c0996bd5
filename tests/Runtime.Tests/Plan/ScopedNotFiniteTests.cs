using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// PL5050 in a scoped analysis counts the non-finite rows of the subjects the analysis uses, not of the whole cohort.
/// The small study's 10 analysed subjects (ages 34 F, 41 M, 29 M, 47 M, 55 F, 50 M, 72 M, 36 F, 58 M, 61 F) with
/// <c>ratio = age >= 50 ? (age - 50) / 0 : age</c>: 5 rows are not finite (55, 50 as 0 / 0, 72, 58, 61), 2 of them female
/// and 3 male; none under 50. The counts are read off that list.
/// </summary>
public sealed class ScopedNotFiniteTests : IDisposable
{
    private const string Scoped = "of the subjects in the analysis' scope";

    private readonly StudyFolder _folder = new();

    [Fact]
    public void TheDefaultScopeCountsEveryAnalysedSubjectsRow()
    {
        (StudyRun run, Cohort<SubjectRow> _, ContinuousVariable ratio) = Start();
        run.Describe(new AnalysisInfo("t", "describe ratio by group"), ratio);

        string message = NotFinite(run.Analyses.Single());
        Assert.StartsWith("'ratio': 5 row(s) gave no finite number", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWhereSubsetCountsOnlyItsSubjectsRows()
    {
        (StudyRun run, Cohort<SubjectRow> cohort, ContinuousVariable ratio) = Start();
        BinaryVariable male = Variables.Binary(cohort, "male", "Male", r => r.Sex == Sex.M);
        run.Describe(new AnalysisInfo("t", "describe ratio where sex == M") { Scope = new() { Where = male, WhereText = "sex == M" } }, ratio);

        Assert.StartsWith($"'ratio': 3 row(s) {Scoped} gave no finite number", NotFinite(run.Analyses.Single()), StringComparison.Ordinal);
    }

    [Fact]
    public void EachWithinLevelCountsItsOwnSubjectsRows()
    {
        (StudyRun run, Cohort<SubjectRow> cohort, ContinuousVariable ratio) = Start();
        CategoricalVariable sex = Variables.Categorical(cohort, "sex", "Sex", ["F", "M"], r => (int)r.Sex);
        run.Describe(new AnalysisInfo("t", "describe ratio within sex") { Scope = new() { Within = sex } }, ratio);

        Assert.Equal(["t.f", "t.m"], run.Analyses.Select(a => a.Id));
        Assert.StartsWith($"'ratio': 2 row(s) {Scoped}", NotFinite(run.Analyses[0]), StringComparison.Ordinal);
        Assert.StartsWith($"'ratio': 3 row(s) {Scoped}", NotFinite(run.Analyses[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void AScopeWithoutNonFiniteRowsHasNoWarning()
    {
        (StudyRun run, Cohort<SubjectRow> cohort, ContinuousVariable ratio) = Start();
        BinaryVariable young = Variables.Binary(cohort, "young", "Under 50", r => r.Age < 50);
        run.Describe(new AnalysisInfo("t", "describe ratio where age < 50") { Scope = new() { Where = young, WhereText = "age < 50" } }, ratio);

        Assert.DoesNotContain(run.Analyses.Single().Warnings, w => w.Code == StatisticsWarnings.NotFiniteValues);
    }

    private static string NotFinite(AnalysisResult analysis) =>
        Assert.Single(analysis.Warnings, w => w.Code == StatisticsWarnings.NotFiniteValues).Message;

    public void Dispose() => _folder.Dispose();

    private (StudyRun Run, Cohort<SubjectRow> Cohort, ContinuousVariable Ratio) Start()
    {
        var run = new StudyRun(SmallStudy.Schema, _folder.Options(), [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        Assert.Equal(10, cohort.Count);

        // x / 0 as the emitter writes it: C# division gives +Inf (55, 72, 58, 61) or NaN (0 / 0 at 50).
        var ratio = Variables.Continuous(cohort, "ratio", "Ratio", null, Summary.Median, r => r.Age >= 50 ? (r.Age - 50) / 0.0 : r.Age);
        Assert.Equal(5, ratio.NotFiniteCount);
        return (run, cohort, ratio);
    }
}
