using System;
using System.IO;
using System.Linq;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>run</c> keeps a study inside its folder: data, template and report paths that leave it are refused
/// unless <c>--allow-outside</c> allows them, and nothing of a refused file reaches the output.
/// </summary>
public sealed class RunPathTests : IClassFixture<ExampleRuns>
{
    private const string Secret = "TOP-SECRET-ROW";
    private readonly ExampleRuns _runs;

    public RunPathTests(ExampleRuns runs)
    {
        _runs = runs;
    }

    [Theory]
    [InlineData("../secret.csv")]
    [InlineData("/etc/passwd")]
    public void ADataFileOutsideTheStudyFolderIsRefusedWithExitCodeOneAndItsContentIsNeverShown(string from)
    {
        using var temp = new TempFolder();
        var study = temp.CopyExample("s");
        File.WriteAllText(temp.Combine("secret.csv"), Secret + "\n" + File.ReadAllText(temp.Combine("s", "data", "subjects.csv")));
        Edit(study, "\"data/subjects.csv\"", $"\"{from}\"");

        var (exit, output, error) = Run(study, temp, out string outDir);

        Assert.Equal(ExitCodes.SourceMismatch, exit);
        Assert.Contains($"error PL4040: table 'subjects': the data file '{from}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error, StringComparison.Ordinal);

        // A data failure writes only problems.txt to the caller's --out folder, and nothing of the refused file is in it.
        Assert.Equal(new[] { "problems.txt" }, Directory.GetFiles(outDir).Select(Path.GetFileName));
        string problems = File.ReadAllText(Path.Combine(outDir, "problems.txt"));
        Assert.Contains("PL4040", problems, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problems, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void ASymlinkInTheStudyFolderLeadingOutIsRefused()
    {
        using var temp = new TempFolder();
        var study = temp.CopyExample("s");
        var subjects = temp.Combine("s", "data", "subjects.csv");
        File.Move(subjects, temp.Combine("subjects.csv"));
        File.CreateSymbolicLink(subjects, temp.Combine("subjects.csv"));

        // The study text is the example's, so its compiled assembly comes from the shared cache.
        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, _runs.Cache), captured.Output);

        Assert.Equal(ExitCodes.SourceMismatch, exit);
        Assert.Contains("'data/subjects.csv' leads outside the study's folder through a symbolic link", captured.Error.ToString(), StringComparison.Ordinal);

        captured = new CapturedOutput();
        exit = RunCommand.Execute(
            new RunRequest(study, temp.Combine("out"), null, _runs.Cache) { AllowOutside = [temp.Combine("subjects.csv")] },
            captured.Output);
        Assert.True(exit == 0, captured.Error.ToString());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("ABSOLUTE")]
    public void AReportFolderOutsideTheStudyFolderIsAStudyErrorAndNothingIsWrittenOrDeletedThere(string report)
    {
        using var temp = new TempFolder();
        var study = temp.CopyExample("s");
        var target = report == "ABSOLUTE" ? temp.Combine("abs") : temp.Combine("x");
        var declared = report == "ABSOLUTE" ? target : report;
        Directory.CreateDirectory(Path.Combine(target, "figures"));
        File.WriteAllText(Path.Combine(target, "figures", "mine.svg"), "<svg/>");
        Edit(study, "report \"report\"", $"report \"{declared}\"");

        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(study, null, null, temp.Combine("cache")), captured.Output);

        Assert.Equal(ExitCodes.ErrorsOrChanges, exit);
        Assert.Contains($"nxp2_jdm.study: error PL4042: the report folder '{declared}'", captured.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(target, "figures", "mine.svg"), Assert.Single(Directory.GetFiles(Path.Combine(target, "figures"))));
        Assert.Empty(Directory.GetFiles(target));

        captured = new CapturedOutput();
        exit = RunCommand.Execute(new RunRequest(study, null, "md", temp.Combine("cache")) { AllowOutside = [target] }, captured.Output);
        Assert.True(exit == 0, captured.Error.ToString());
        Assert.True(File.Exists(Path.Combine(target, "report.md")));
        Assert.True(File.Exists(Path.Combine(target, "figures", "mine.svg")), "a user's figure is never deleted");
    }

    [Fact]
    public void ATemplateOutsideTheStudyFolderIsAStudyError()
    {
        using var temp = new TempFolder();
        var study = temp.CopyExample("s");
        File.WriteAllText(temp.Combine("x.md.scriban"), Secret + " {{ title }}\n");
        Edit(study, "formats markdown, html, json, docx", "formats markdown, html, json, docx template \"../x.md.scriban\"");

        var (exit, output, error) = Run(study, temp, out string outDir);

        Assert.Equal(ExitCodes.ErrorsOrChanges, exit);
        Assert.Contains("error PL4041: the report template '../x.md.scriban' leads outside the study's folder", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public void AUsersSvgInTheFiguresFolderSurvivesARun()
    {
        using var temp = new TempFolder();
        var outDir = temp.Combine("out");
        Directory.CreateDirectory(Path.Combine(outDir, "figures"));
        File.WriteAllText(Path.Combine(outDir, "figures", "my-sketch.svg"), "<svg/>");

        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(RepositoryPaths.ExampleStudy, outDir, "md", _runs.Cache), captured.Output);

        Assert.True(exit == 0, captured.Error.ToString());
        Assert.Equal("<svg/>", File.ReadAllText(Path.Combine(outDir, "figures", "my-sketch.svg")));
        Assert.DoesNotContain("my-sketch.svg", File.ReadAllText(Path.Combine(outDir, ".protocollang-manifest")), StringComparison.Ordinal);
    }

    private static void Edit(string study, string from, string to)
    {
        var text = File.ReadAllText(study);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(study, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static (int Exit, string Out, string Error) Run(string study, TempFolder temp, out string outDir)
    {
        outDir = temp.Combine("out");
        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(study, outDir, null, temp.Combine("cache")), captured.Output);
        return (exit, captured.Out.ToString(), captured.Error.ToString());
    }
}
