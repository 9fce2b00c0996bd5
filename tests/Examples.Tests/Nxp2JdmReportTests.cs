using System;
using System.Globalization;
using System.IO;
using System.Threading;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Studies.Nxp2Jdm;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The example's report and results are committed so that a change that moves a number shows up
/// in review as a diff. These tests rerun the study and fail when the committed files are stale.
/// </summary>
public sealed class Nxp2JdmReportTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "pl-nxp2-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("report.md")]
    [InlineData("results.json")]
    public void CommittedReportMatchesAFreshRunOfTheStudy(string file)
    {
        Run(_output);

        var committed = RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", file);
        Assert.True(File.Exists(committed), $"{committed} is missing: run `dotnet run --project examples/Nxp2Jdm` and commit it.");
        Assert.True(
            File.ReadAllText(committed) == File.ReadAllText(Path.Combine(_output, file)),
            $"{committed} is stale: run `dotnet run --project examples/Nxp2Jdm` and commit the new report.");
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("fi-FI")]
    public void ReportIsByteIdenticalUnderAnyCurrentCulture(string culture)
    {
        var invariantDir = Path.Combine(_output, "invariant");
        var cultureDir = Path.Combine(_output, culture);
        Run(invariantDir);

        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Run(cultureDir);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }

        foreach (var file in new[] { "report.md", "results.json" })
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(invariantDir, file)),
                File.ReadAllBytes(Path.Combine(cultureDir, file)));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static void Run(string outputDirectory) =>
        Nxp2JdmStudy.Run(new StudyRunOptions
        {
            StudyDirectory = RepositoryPaths.Combine("examples", "Nxp2Jdm"),
            OutputDirectory = outputDirectory,
        });
}
