using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class FlowSummaryTests
{
    [Fact]
    public void EveryExclusionReasonIsCountedWithItsNumberFirstAndARowTableSaysRowsKept()
    {
        var cohort = new CohortFlow("subjects", 10, 1, [], 1, 1, 7, [], [], []);
        var subjects = new TableFlow("subjects", "data/subjects.csv", 10,
        [
            new ExclusionCount("invalid_row", "column 'age' is outside its range", 1) { Code = "PL4003" },
            new ExclusionCount("include", "Consented", 0),
            new ExclusionCount("unassigned", "in no group", 1),
            new ExclusionCount("overlapping", "in more than one group", 1),
        ], 7);
        var visits = new TableFlow("visits", "data/visits.csv", 30, [new ExclusionCount("subject_not_analysed", "subject in no group", 4)], 26);

        Assert.Equal(
            "subjects: 7 of 10 subjects analysed; 3 excluded: 1 invalid (column 'age' is outside its range, PL4003), 1 in no group, 1 in more than one group.",
            FlowSummary.TableLine(subjects, cohort));
        Assert.Equal(
            "visits: 26 of 30 rows kept; 4 excluded: 4 with their subject not analysed (subject in no group).",
            FlowSummary.TableLine(visits, cohort));
        Assert.Equal("visits: 26 of 26 rows kept; 0 excluded.", FlowSummary.TableLine(visits with { Excluded = [], RowsRead = 26 }, cohort));
    }
}
