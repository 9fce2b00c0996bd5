using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class CohortFlowTests
{
    [Fact]
    public void SubjectFlowCountsEachStageAndAddsUp()
    {
        using var folder = new StudyFolder();
        CohortFlow flow = SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json }).Flow.Cohort!;

        Assert.Equal(22, flow.RowsRead);
        Assert.Equal(1, flow.InvalidRows);
        Assert.Equal(new[] { 2, 2, 3 }, flow.Criteria.Select(c => c.Excluded));
        Assert.Equal(new[] { 19, 17, 14 }, flow.Criteria.Select(c => c.Remaining));
        Assert.Equal(2, flow.Unassigned);
        Assert.Equal(2, flow.Overlapping);
        Assert.Equal(new[] { 4, 5, 1 }, flow.Groups.Select(g => g.N));
        Assert.Equal(10, flow.Analysed);
        Assert.Equal(flow.RowsRead, flow.InvalidRows + flow.Criteria.Sum(c => c.Excluded) + flow.Unassigned + flow.Overlapping + flow.Groups.Sum(g => g.N));
    }

    [Fact]
    public void MissingIncludeValueExcludesAndIsCountedAsMissing()
    {
        using var folder = new StudyFolder();
        CohortFlow flow = SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json }).Flow.Cohort!;

        CriterionFlow include = flow.Criteria[0];
        Assert.Equal(("include", "Arm recorded", 2, 2), (include.Kind, include.Label, include.Excluded, include.ExcludedMissing));
        Assert.All(flow.Criteria.Skip(1), c => Assert.Equal(0, c.ExcludedMissing));
    }

    [Fact]
    public void MissingExcludeValueDoesNotExclude()
    {
        using var folder = new StudyFolder();
        var fresh = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        Cohort<SubjectRow> cohort = fresh.Cohort(SmallStudy.ReadSubjects(fresh.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);

        int s12 = cohort.IndexOf("s12");
        Assert.True(s12 >= 0, "s12 has a missing flag and must stay in");
        Assert.Null(cohort.Rows[s12].Flag);
        Assert.Equal("Beta", cohort.GroupNames[cohort.GroupCodes[s12]]);
    }

    [Fact]
    public void UnassignedAndOverlappingSubjectsAreListedWithTheirGroups()
    {
        using var folder = new StudyFolder();
        CohortFlow flow = SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json }).Flow.Cohort!;

        Assert.Equal(new[] { "s15", "s16" }, flow.UnassignedSubjects.Select(s => s.Key));
        Assert.All(flow.UnassignedSubjects, s => Assert.Empty(s.Groups));
        Assert.Equal(new[] { "s07", "s19" }, flow.OverlappingSubjects.Select(s => s.Key));
        Assert.All(flow.OverlappingSubjects, s => Assert.Equal(new[] { "Alpha", "Gamma" }, s.Groups));
        Assert.Equal(new[] { 7, 19 }, flow.OverlappingSubjects.Select(s => s.Row));
    }

    [Fact]
    public void EveryTableFlowAddsUpAndChildRowsOfExcludedSubjectsAreCountedWithTheirReason()
    {
        using var folder = new StudyFolder();
        FlowResult flow = SmallStudy.Plan(folder.Options()).BuildResults(new[] { ReportFormat.Json }).Flow;

        Assert.All(flow.Tables, t => Assert.Equal(t.RowsRead, t.Excluded.Sum(e => e.Count) + t.Kept));
        TableFlow subjects = flow.Tables[0];
        Assert.Equal(10, subjects.Kept);
        TableFlow visits = flow.Tables[1];
        Assert.Equal(7, visits.Kept);
        var reasons = visits.Excluded.Where(e => e.Stage == "subject_not_analysed").ToDictionary(e => e.Reason, e => e.Count);
        Assert.Equal(1, reasons["subject not included: Arm recorded"]);
        Assert.Equal(1, reasons["subject excluded: Older than 80"]);
        Assert.Equal(1, reasons["subject in more than one group"]);
        Assert.Equal(1, reasons["subject in no group"]);
    }

    [Fact]
    public void ChildRowsAreLinkedToTheirSubjectsInTheCohort()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, cohort);

        Assert.Equal(visits.Rows.Count, visits.SubjectIndex.Length);
        for (int i = 0; i < visits.Rows.Count; i++)
        {
            Assert.Equal(visits.Rows[i].Id, cohort.Keys[visits.SubjectIndex[i]]);
        }
    }
}
