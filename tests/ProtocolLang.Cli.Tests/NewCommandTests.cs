using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

public sealed class NewCommandTests
{
    [Fact]
    public void AScaffoldedStudyChecksWithoutAnyDiagnosticAndRuns()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("Trial");
        var created = new CapturedOutput();

        Assert.Equal(0, NewCommand.Execute("Trial", folder, created.Output));
        foreach (var file in new[] { "Trial.study", "data/subjects.csv", "Trial.csproj", "Program.cs" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        var checkedOutput = new CapturedOutput();
        Assert.Equal(0, CheckCommand.Execute(Path.Combine(folder, "Trial.study"), checkedOutput.Output));
        Assert.Equal("Trial.study: 0 error(s), 0 warning(s)\n", checkedOutput.Out.ToString());

        var ran = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "Trial.study"), temp.Combine("out"), null, temp.Combine("cache")), ran.Output);
        Assert.True(exit == 0, ran.Error.ToString());
        Assert.True(File.Exists(temp.Combine("out", "results.json")));
    }

    [Fact]
    public void TheScaffoldedProjectReferencesThePackagesAtTheToolVersion()
    {
        using var temp = new TempFolder();
        NewCommand.Execute("Trial", temp.Combine("Trial"), new CapturedOutput().Output);

        var project = File.ReadAllText(temp.Combine("Trial", "Trial.csproj"));

        Assert.Contains("<PackageReference Include=\"ProtocolLang.Generator\" Version=\"" + ToolVersion.Value + "\"", project, System.StringComparison.Ordinal);
        Assert.Contains("<PackageReference Include=\"ProtocolLang.Runtime\" Version=\"" + ToolVersion.Value + "\"", project, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NewRefusesAFolderThatIsNotEmptyAndANameThatIsNotAnIdentifier()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("keep.txt"), "mine");

        Assert.Equal(ExitCodes.Usage, NewCommand.Execute("Trial", temp.Path, new CapturedOutput().Output));
        Assert.Equal(ExitCodes.Usage, NewCommand.Execute("2nd-trial", temp.Combine("x"), new CapturedOutput().Output));
        Assert.Equal("mine", File.ReadAllText(temp.Combine("keep.txt")));
    }
}
