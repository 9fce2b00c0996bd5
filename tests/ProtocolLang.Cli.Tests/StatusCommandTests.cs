using System;
using System.IO;
using System.Security.Cryptography;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The example is run once into its own report folder (inside a copy of the study folder); each test
/// copies that folder, changes it, and asks <c>status</c>.
/// </summary>
public sealed class StatusRuns : IDisposable
{
    private readonly TempFolder _temp = new();

    public StatusRuns()
    {
        Cache = _temp.Combine("cache");
        Study = _temp.CopyExample("study");
        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(Study, null, "md,json", Cache), captured.Output);
        if (exit != 0)
        {
            throw new InvalidOperationException("The example did not run: " + captured.Error);
        }

        FirstRunOut = captured.Out.ToString();
    }

    public string Cache { get; }

    /// <summary>The study file; its report is in <c>report/</c> beside it.</summary>
    public string Study { get; }

    public string FirstRunOut { get; }

    /// <summary>A copy of the study folder (study, data and report) in a fresh folder.</summary>
    public string CopyStudyFolder(string into)
    {
        var source = Path.GetDirectoryName(Study)!;
        var target = Path.Combine(into, "copy");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    public void Dispose() => _temp.Dispose();
}

public sealed class StatusCommandTests : IClassFixture<StatusRuns>
{
    private static readonly string RecordedStudySha = RepositoryPaths.ShortSha256("examples", "Nxp2Jdm", "nxp2_jdm.study");
    private readonly StatusRuns _runs;

    public StatusCommandTests(StatusRuns runs)
    {
        _runs = runs;
    }

    [Fact]
    public void AFreshReportIsCurrent()
    {
        using var temp = new TempFolder();
        var folder = _runs.CopyStudyFolder(temp.Path);

        var (exit, output, error) = Status(Path.Combine(folder, "report"));

        Assert.True(exit == 0, output + error);
        Assert.Contains("Report is current: the study file and 2 data files match the SHA-256 recorded in results.json.", output, StringComparison.Ordinal);
        Assert.Contains("| data/visits.csv | `fd1529f21a38…` | `fd1529f21a38…` | current |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AChangedStudyFileMakesTheReportStaleWithBothHashes()
    {
        using var temp = new TempFolder();
        var folder = _runs.CopyStudyFolder(temp.Path);
        var study = Path.Combine(folder, "nxp2_jdm.study");
        File.AppendAllText(study, "// a comment changes the protocol's text\n");
        var now = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(study)))[..12];

        var (exit, output, _) = Status(Path.Combine(folder, "report", "results.json"));

        Assert.Equal(1, exit);
        Assert.Contains($"Report is STALE: study file nxp2_jdm.study changed (recorded {RecordedStudySha}…, now {now}…).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AChangedDataFileMakesTheReportStale()
    {
        using var temp = new TempFolder();
        var folder = _runs.CopyStudyFolder(temp.Path);
        var subjects = Path.Combine(folder, "data", "subjects.csv");
        File.WriteAllText(subjects, File.ReadAllText(subjects).Replace(ExampleRuns.ChangedRowBefore, ExampleRuns.ChangedRowAfter, StringComparison.Ordinal));
        var now = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(subjects)))[..12];

        var (exit, output, _) = Status(Path.Combine(folder, "report"));

        Assert.Equal(1, exit);
        Assert.Contains($"Report is STALE: data/subjects.csv changed (recorded 683c20d8b62a…, now {now}…).", output, StringComparison.Ordinal);
        Assert.Contains("| data/visits.csv | `fd1529f21a38…` | `fd1529f21a38…` | current |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDataFileMakesTheReportStale()
    {
        using var temp = new TempFolder();
        var folder = _runs.CopyStudyFolder(temp.Path);
        File.Delete(Path.Combine(folder, "data", "visits.csv"));

        var (exit, output, _) = Status(Path.Combine(folder, "report"));

        Assert.Equal(1, exit);
        Assert.Contains("Report is STALE: data/visits.csv missing.", output, StringComparison.Ordinal);
        Assert.Contains("| data/visits.csv | `fd1529f21a38…` | — | missing |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AReportWrittenElsewhereIsCheckedAgainstTheStudyGivenWithStudy()
    {
        using var temp = new TempFolder();
        var folder = _runs.CopyStudyFolder(temp.Path);
        var elsewhere = temp.Combine("elsewhere");
        Directory.Move(Path.Combine(folder, "report"), elsewhere);

        Assert.Equal(ExitCodes.Usage, Status(elsewhere).Exit);
        var (exit, output, _) = Status(elsewhere, Path.Combine(folder, "nxp2_jdm.study"));
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void MissingOrUnreadableResultsAreAUsageError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("results.json"), """{"schemaVersion": "1"}""");

        var (missingExit, _, missingError) = Status(temp.Combine("nowhere"));
        var (emptyExit, _, emptyError) = Status(temp.Path);

        Assert.Equal(ExitCodes.Usage, missingExit);
        Assert.Contains("no results.json at", missingError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, emptyExit);
        Assert.Contains("has no study.file", emptyError, StringComparison.Ordinal);
    }

    [Fact]
    public void RunNotesThatItReplacedAReportComputedFromOtherData()
    {
        using var temp = new TempFolder();
        var folder = _runs.CopyStudyFolder(temp.Path);
        var study = Path.Combine(folder, "nxp2_jdm.study");
        var same = Run(study);
        var subjects = Path.Combine(folder, "data", "subjects.csv");
        File.WriteAllText(subjects, File.ReadAllText(subjects).Replace(ExampleRuns.ChangedRowBefore, ExampleRuns.ChangedRowAfter, StringComparison.Ordinal));

        var changed = Run(study);

        Assert.DoesNotContain("Note:", _runs.FirstRunOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Note:", same, StringComparison.Ordinal);
        Assert.Contains("Note: replaced a report computed from other inputs: data/subjects.csv changed (recorded 683c20d8b62a…, now ", changed, StringComparison.Ordinal);
        Assert.Equal(0, Status(Path.Combine(folder, "report")).Exit);
    }

    [Fact]
    public void RedirectedRunOutputHasNoProgressOrTerminalCodes()
    {
        var lines = _runs.FirstRunOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.DoesNotContain('\u001b', _runs.FirstRunOut);
        Assert.DoesNotContain('\r', _runs.FirstRunOut);
        Assert.Equal(5, lines.Length);
        Assert.Equal("subjects: 62 of 67 subjects analysed; 5 excluded: 3 not included (Complete antibody testing), 2 in no group.", lines[0]);
        Assert.Equal(
            "visits: 307 of 332 rows kept; 25 excluded: 10 with their subject not analysed (subject in no group), 15 with their subject not analysed (subject not included: Complete antibody testing).",
            lines[1]);
        Assert.Equal("Warnings: 0 (0 in the study, 0 in the data), 2 in analyses.", lines[2]);
        Assert.StartsWith($"Nxp2Jdm: {RepositoryPaths.ExampleAnalysisCount()} analyses; compiled assembly ", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("Wrote report.md, results.json to ", lines[4], StringComparison.Ordinal);
    }

    private string Run(string study)
    {
        var captured = new CapturedOutput();
        Assert.Equal(0, RunCommand.Execute(new RunRequest(study, null, "md,json", _runs.Cache), captured.Output));
        return captured.Out.ToString();
    }

    private static (int Exit, string Out, string Error) Status(string path, string? study = null)
    {
        var captured = new CapturedOutput();
        var exit = StatusCommand.Execute(path, study, captured.Output);
        return (exit, captured.Out.ToString(), captured.Error.ToString());
    }
}
