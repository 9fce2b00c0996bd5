using System;
using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>Folders that cannot be written give one line naming the path and exit 4, never a stack trace, and no half report set.</summary>
public sealed class RunIoTests : IClassFixture<ExampleRuns>
{
    private readonly ExampleRuns _runs;

    public RunIoTests(ExampleRuns runs)
    {
        _runs = runs;
    }

    [Fact]
    public void OutBelowARegularFileIsAnIoErrorNamingTheFile()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("file"), "x");

        var (exit, error) = Run(temp.Combine("file", "out"));

        Assert.Equal(ExitCodes.IoError, exit);
        Assert.Equal($"protocollang: cannot create the folder '{temp.Combine("file", "out")}': '{temp.Combine("file")}' is a file, not a folder\n", error);
    }

    [Fact]
    public void AReadOnlyOutputFolderIsAnIoError()
    {
        using var temp = new TempFolder();
        var outDir = temp.Combine("ro");
        using var mount = Tmpfs.TryMount(outDir, "ro,size=1m");
        if (mount is null && !OperatingSystem.IsWindows())
        {
            // Not root: permissions make the folder read-only.
            Directory.CreateDirectory(outDir);
            File.SetUnixFileMode(outDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var (exit, error) = Run(outDir);

        Assert.Equal(ExitCodes.IoError, exit);
        Assert.StartsWith($"protocollang: cannot create the folder '{Path.Combine(outDir, "figures")}': ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AFullDiskIsAnIoErrorAndLeavesThePreviousReportSetWhole()
    {
        using var temp = new TempFolder();
        var outDir = temp.Combine("full");
        using var mount = Tmpfs.TryMount(outDir, "size=256k");
        if (mount is null)
        {
            return; // Needs a small file system; Runtime.Tests covers the same path with a failing stream.
        }

        File.WriteAllText(Path.Combine(outDir, "results.json"), "{\"previous\": true}\n");
        File.WriteAllText(Path.Combine(outDir, "report.md"), "previous\n");

        var (exit, error) = Run(outDir);

        Assert.Equal(ExitCodes.IoError, exit);
        Assert.Matches(@"^protocollang: cannot write '.+': no space left on the device\n$", error);
        Assert.Equal("{\"previous\": true}\n", File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Equal("previous\n", File.ReadAllText(Path.Combine(outDir, "report.md")));
        Assert.Equal(2, Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Length);
    }

    private (int Exit, string Error) Run(string outDir)
    {
        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(RepositoryPaths.ExampleStudy, outDir, "md,html,json", _runs.Cache), captured.Output);
        return (exit, captured.Error.ToString());
    }
}
