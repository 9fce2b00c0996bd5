using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

public sealed class RunCommandTests : IClassFixture<ExampleRuns>
{
    private readonly ExampleRuns _runs;

    public RunCommandTests(ExampleRuns runs)
    {
        _runs = runs;
    }

    [Fact]
    public void RunningTheExampleWritesTheMarkdownReportAndResultsWithTheFourGroups()
    {
        Assert.True(_runs.Cold.Exit == 0, _runs.Cold.Error);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(_runs.Cold.OutputDirectory, "results.json")))!;
        var groups = results["flow"]!["cohort"]!["groups"]!.AsArray().Select(g => (string)g!["name"]!).ToArray();
        Assert.Equal(["NXP2_JDM", "MDA5_JDM", "TIF1g_JDM", "NXP2_ADM"], groups);
        Assert.Equal("nxp2_jdm.study", (string)results["study"]!["file"]!);
        Assert.True(File.Exists(Path.Combine(_runs.Cold.OutputDirectory, "report.md")));
    }

    [Fact]
    public void TheFirstRunCompilesAndTheSecondTakesTheAssemblyFromTheCache()
    {
        Assert.Contains("compiled assembly built and cached", _runs.Cold.Out, StringComparison.Ordinal);
        Assert.Contains("compiled assembly from the cache", _runs.Warm.Out, StringComparison.Ordinal);
        Assert.Single(new ProtocolLang.Cli.Compilation.AssemblyCache(_runs.Cache).Keys());
    }

    [Fact]
    public void ACachedRunWritesByteIdenticalReports()
    {
        var figures = Directory.GetFiles(Path.Combine(_runs.Cold.OutputDirectory, "figures"), "*.svg")
            .Select(f => Path.Combine("figures", Path.GetFileName(f)));
        Assert.NotEmpty(figures);
        foreach (var file in new[] { "report.md", "report.html", "report.docx", "results.json" }.Concat(figures))
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(_runs.Cold.OutputDirectory, file)),
                File.ReadAllBytes(Path.Combine(_runs.Warm.OutputDirectory, file)));
        }
    }

    /// <summary>
    /// Examples.Tests keeps the committed report equal to a run through the generator and a project,
    /// so this says the tool's in-memory path produces exactly what the generator's path does.
    /// </summary>
    [Theory]
    [InlineData("report.md")]
    [InlineData("report.html")]
    [InlineData("report.docx")]
    [InlineData("results.json")]
    public void TheToolWritesTheSameBytesAsTheCommittedExampleReport(string file)
    {
        // Bytes, not text: report.docx is a zip, and decoding it as UTF-8 would make unlike bytes equal.
        Assert.Equal(
            File.ReadAllBytes(RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", file)),
            File.ReadAllBytes(Path.Combine(_runs.Cold.OutputDirectory, file)));
    }

    [Fact]
    public void AMissingDataFileIsASourceMismatchWithExitCodeOne()
    {
        using var temp = new TempFolder();
        var study = temp.CopyExample("no-data");
        File.Delete(Path.Combine(Path.GetDirectoryName(study)!, "data", "visits.csv"));
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, _runs.Cache), captured.Output);

        Assert.Equal(ExitCodes.SourceMismatch, exit);
        Assert.Contains("data/visits.csv", captured.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AStudysOwnTemplateIsUsedAndABrokenOneIsAnErrorNamingItsLine()
    {
        using var temp = new TempFolder();
        var study = temp.CopyExample("templated");
        var folder = Path.GetDirectoryName(study)!;
        File.WriteAllText(study, File.ReadAllText(study).Replace(
            "formats markdown, html, json, docx", "formats markdown, html, json, docx template \"brief.md.scriban\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "brief.md.scriban"), "# {{ title }}\n{{ analyses.size }} analyses\n");

        // Its own cache: the example's shared cache must hold only the example's assembly.
        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, temp.Combine("cache")), captured.Output);

        Assert.True(exit == 0, captured.Error.ToString());
        Assert.Equal("# Association of NXP2 autoantibodies with a more severe clinical phenotype of JDM\n" + RepositoryPaths.ExampleAnalysisCount() + " analyses\n", File.ReadAllText(temp.Combine("out", "report.md")));

        File.WriteAllText(Path.Combine(folder, "brief.md.scriban"), "# {{ title }}\n{{ if }}\n");
        captured = new CapturedOutput();
        exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out2"), null, temp.Combine("cache")), captured.Output);

        Assert.Equal(ExitCodes.ErrorsOrChanges, exit);
        Assert.Contains("brief.md.scriban(2,", captured.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("error PL5041", captured.Error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("out2", "report.md")));
    }

    [Fact]
    public void AStudyWithErrorsIsNotRunAndExitsOne()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("bad.study");
        File.WriteAllText(path, "study X {\n  table t from \"a.csv\" key id {\n    id: txt\n  }\n}\n");
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(path, temp.Combine("out"), null, temp.Combine("cache")), captured.Output);

        Assert.Equal(1, exit);
        Assert.Contains("error PL2001", captured.Error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public void AnUnknownReportFormatIsAUsageError()
    {
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(RepositoryPaths.ExampleStudy, null, "md,pdf", _runs.Cache), captured.Output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown report format 'pdf'", captured.Error.ToString(), StringComparison.Ordinal);
    }
}
