using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>A named group set as a categorical factor: levels and labels from its groups, missing when in none, overlap policy.</summary>
public sealed class GroupSetsTests
{
    // Ages 40..49 are in both groups: the overlap the policy decides.
    private static readonly GroupDefinition<SubjectRow>[] AgeBands =
    [
        new("young", "Under 50", r => r.Age < 50),
        new("older", "40 or more", r => r.Age >= 40),
        new("never", "Nobody", r => r.Age < 0),
    ];

    [Fact]
    public void EachSubjectGetsTheOneGroupItMatchesAndOverlappingSubjectsAreMissingWithExclude()
    {
        var cohort = Cohort();

        var set = GroupSets.Categorical(cohort, "band", "data/subjects.csv", "id", r => r.SourceRow, AgeBands, excludeOverlapping: true);

        Assert.Equal(["young", "older", "never"], set.Levels);
        Assert.Equal(["Under 50", "40 or more", "Nobody"], set.LevelLabels);
        int[] expected = cohort.Rows.Select(r => r.Age is >= 40 and < 50 ? -1 : r.Age < 40 ? 0 : 1).ToArray();
        Assert.Equal(expected, set.Codes.ToArray());
        Assert.Contains(-1, expected); // the fixture really has an overlapping subject, so the policy was exercised
    }

    [Fact]
    public void OverlappingSubjectsFailTheRunWithOnePL4020PerSubjectByDefault()
    {
        var cohort = Cohort();
        int overlapping = cohort.Rows.Count(r => r.Age is >= 40 and < 50);

        var error = Assert.Throws<StudyDataException>(() =>
            GroupSets.Categorical(cohort, "band", "data/subjects.csv", "id", r => r.SourceRow, AgeBands, excludeOverlapping: false));

        Assert.Equal(overlapping, error.Problems.Count);
        Assert.All(error.Problems, p => Assert.Equal(("PL4020", "data/subjects.csv", "id"), (p.Code, p.File, p.Column!)));
        Assert.Contains("is in more than one group of set 'band': young, older", error.Problems[0].Message, System.StringComparison.Ordinal);
    }

    private static Cohort<SubjectRow> Cohort()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        return run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
    }
}
