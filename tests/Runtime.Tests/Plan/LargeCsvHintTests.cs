using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Schema;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// A CSV is read into memory whatever its size (docs/scale.md, "Large CSV files"); from a size on, the console says that
/// <c>compute in engine</c> would read it through DuckDB instead. The small study's subjects file has 22 rows and its visits
/// file 13, so the bound is lowered to test the line.
/// </summary>
public sealed class LargeCsvHintTests : System.IDisposable
{
    private readonly StudyFolder _folder = new();

    [Fact]
    public void ACsvOfAtLeastTheBoundsRowsGetsALineSuggestingComputeInEngineAndASmallerOneNone()
    {
        var lines = FlowSummary.Lines(Run(hintRows: 22));

        string hint = Assert.Single(lines, l => l.Contains("compute in engine", System.StringComparison.Ordinal));
        Assert.StartsWith("subjects: 22 rows of data/subjects.csv were read into memory;", hint, System.StringComparison.Ordinal);
    }

    [Fact]
    public void CsvsBelowTheBoundGetNoHint()
    {
        var lines = FlowSummary.Lines(Run(hintRows: 23));

        Assert.DoesNotContain(lines, l => l.Contains("compute in engine", System.StringComparison.Ordinal));
    }

    [Fact]
    public void TheDefaultBoundIsFiveMillionRows() =>
        Assert.Equal(5_000_000, new StudyRunOptions { StudyDirectory = _folder.Directory }.LargeCsvHintRows);

    public void Dispose() => _folder.Dispose();

    private StudyResults Run(int hintRows)
    {
        var defaults = _folder.Options();
        var options = new StudyRunOptions { StudyDirectory = defaults.StudyDirectory, OutputDirectory = defaults.OutputDirectory, LargeCsvHintRows = hintRows };
        var run = new StudyRun(SmallStudy.Schema, options, [ReportFormat.Json], "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        Assert.Equal(10, cohort.Count);
        return run.BuildResults([ReportFormat.Json]);
    }
}
