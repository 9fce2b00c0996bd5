using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// The cohort Run forms column-wise (a subject is its row index, predicates read the column arrays) against the one formed
/// from typed records with the same predicates: same subjects, groups, keys and variable values; keys made on first use.
/// </summary>
public sealed class ColumnarCohortTests
{
    [Fact]
    public void TheColumnWiseCohortHasTheSameSubjectsGroupsKeysAndValuesAsTheRecordCohort()
    {
        using var folder = new StudyFolder();
        var records = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var byRecord = records.Cohort(SmallStudy.ReadSubjects(records.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var columns = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");

        var (byColumn, _) = ColumnCohort(columns);

        Assert.Equal(byRecord.Keys.ToArray(), byColumn.Keys.ToArray());
        Assert.Equal(byRecord.GroupCodes.ToArray(), byColumn.GroupCodes.ToArray());
        Assert.True(byColumn.Count > 0 && byColumn.Count < columns.Table("subjects").RowCount); // the criteria really excluded someone
        var score = Variables.Continuous(byColumn, "score", "Score", null, Summary.Median, columns.Table("subjects").NumberValues("score"));
        var scoreByRecord = Variables.Continuous(byRecord, "score", "Score", null, Summary.Median, r => r.Score);
        Assert.Equal(scoreByRecord.Values.ToArray(), score.Values.ToArray());
    }

    [Fact]
    public void AnAnalysedSubjectsKeyIsMadeOnlyWhenTheCohortsKeysAreFirstRead()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");

        var (cohort, keysMade) = ColumnCohort(run);
        int notAnalysed = run.Table("subjects").RowCount - cohort.Count;

        Assert.Equal(notAnalysed, keysMade());
        Assert.Equal("s01", cohort.Keys[0]);
        Assert.Equal(notAnalysed + cohort.Count, keysMade());
    }

    /// <summary>SmallStudy's criteria and groups as the emitter writes them for Run: over row indices and column arrays.</summary>
    private static (Cohort<int> Cohort, System.Func<int> KeysMade) ColumnCohort(StudyRun run)
    {
        DataTable table = run.Table("subjects");
        string?[] id = table.Text("id");
        CategoryValues arm = table.CategoryValues("arm");
        NumberValues age = table.NumberValues("age");
        bool?[] flag = table.Bool("flag");
        int made = 0;
        var criteria = new Criterion<int>[]
        {
            new(CriterionKind.Include, "Arm recorded", r => (Arm?)arm[r] is null ? null : true),
            new(CriterionKind.Exclude, "Older than 80", r => Fn.Gt(age[r].GetValueOrDefault(), 80)),
            new(CriterionKind.Exclude, "Flag raised", r => flag[r]),
        };
        var groups = new GroupDefinition<int>[]
        {
            new("Alpha", "Arm A, under 70", r => Fn.And(Fn.Eq((Arm?)arm[r], Arm.A), Fn.Lt(age[r].GetValueOrDefault(), 70))),
            new("Beta", "Arm B", r => Fn.Eq((Arm?)arm[r], Arm.B)),
            new("Gamma", "Arm A, 65 or older", r => Fn.And(Fn.Eq((Arm?)arm[r], Arm.A), Fn.Ge(age[r].GetValueOrDefault(), 65))),
        };
        Cohort<int> cohort = run.Cohort(table, r => { made++; return id[r]!; }, criteria, groups);
        return (cohort, () => made);
    }
}
