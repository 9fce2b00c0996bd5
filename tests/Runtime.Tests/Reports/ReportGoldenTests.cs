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
