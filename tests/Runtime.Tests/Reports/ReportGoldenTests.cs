using System.IO;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class ReportGoldenTests
{
    [Fact]
    public void SmallCohortReportMatchesTheGoldenFile()
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(folder.Options("out", ReportFormat.Markdown, ReportFormat.Json, ReportFormat.Html));

        GoldenFile.Verify("small_cohort.md", File.ReadAllText(Path.Combine(folder.Output("out"), "report.md")));
    }

    [Fact]
    public void SmallCohortResultsJsonMatchesTheGoldenFile()
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(folder.Options("out", ReportFormat.Markdown, ReportFormat.Json, ReportFormat.Html));

        GoldenFile.Verify("small_cohort.results.json", File.ReadAllText(Path.Combine(folder.Output("out"), "results.json")));
    }
}

/// <summary>
/// The example run through a hand-written plan (what the emitter writes). The report's golden copy is
/// the committed examples/Nxp2Jdm/report, checked against the generated code by tests/Examples.Tests.
/// </summary>
public sealed class Nxp2JdmReportTests
{
    private static readonly string ExampleDirectory = System.IO.Path.Combine(System.AppContext.BaseDirectory, "TestData", "Nxp2Jdm");

    [Fact]
    public void TheExampleSubjectFlowAddsUpToTheGroupsOfTheAbstract()
    {
        using var output = new TemporaryDirectory();
        var results = Nxp2Jdm.Nxp2JdmStudy.Run(new StudyRunOptions { StudyDirectory = ExampleDirectory, OutputDirectory = output.Path, Formats = new[] { ReportFormat.Json } });

        var flow = results.Flow.Cohort!;
        Assert.Equal(flow.RowsRead, flow.InvalidRows + System.Linq.Enumerable.Sum(flow.Criteria, c => c.Excluded) + flow.Unassigned + flow.Overlapping + flow.Analysed);
        Assert.Equal(new[] { 18, 12, 12, 20 }, System.Linq.Enumerable.Select(flow.Groups, g => g.N));
        Assert.All(results.Analyses, a => Assert.NotEqual(Results.ResultStatus.Failed, a.Status));
    }
}

internal sealed class TemporaryDirectory : System.IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "protocollang-tests", System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
