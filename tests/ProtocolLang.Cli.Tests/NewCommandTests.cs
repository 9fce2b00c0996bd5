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
    public void TheScaffoldedProjectBuildsForThisMachinesPlatformOnlySoOneDuckDbNativeLibraryShips()
    {
        using var temp = new TempFolder();
        NewCommand.Execute("Trial", temp.Combine("Trial"), new CapturedOutput().Output);

        var project = File.ReadAllText(temp.Combine("Trial", "Trial.csproj"));

        Assert.Contains("<RuntimeIdentifier>$(NETCoreSdkRuntimeIdentifier)</RuntimeIdentifier>", project, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NewCopiesTheToolsPackagesIntoTheStudyAndWritesANuGetConfigThatAddsThemToTheMachinesSources()
    {
        using var temp = new TempFolder();
        var carried = temp.Combine("tool-packages");
        Directory.CreateDirectory(carried);
        foreach (var id in new[] { "ProtocolLang.Generator", "ProtocolLang.Runtime" })
        {
            File.WriteAllText(Path.Combine(carried, id + "." + ToolVersion.Value + ".nupkg"), id);
        }

        var output = new CapturedOutput();
        Assert.Equal(0, NewCommand.Execute("Trial", temp.Combine("Trial"), output.Output, carried));

        Assert.Equal("ProtocolLang.Runtime", File.ReadAllText(temp.Combine("Trial", "packages", "ProtocolLang.Runtime." + ToolVersion.Value + ".nupkg")));
        Assert.Equal("ProtocolLang.Generator", File.ReadAllText(temp.Combine("Trial", "packages", "ProtocolLang.Generator." + ToolVersion.Value + ".nupkg")));
        var config = File.ReadAllText(temp.Combine("Trial", "nuget.config"));
        Assert.Contains("<add key=\"protocollang-local\" value=\"packages\" />", config, System.StringComparison.Ordinal);
        // The machine's own sources (its NuGet mirror) stay: nothing is cleared or hard-coded.
        Assert.DoesNotContain("<clear", config, System.StringComparison.Ordinal);
        Assert.DoesNotContain("http", config, System.StringComparison.Ordinal);
        Assert.Empty(output.Error.ToString());
    }

    [Fact]
    public void NewFromAToolThatCarriesNoPackagesSaysSoAndWritesNoNuGetConfig()
    {
        using var temp = new TempFolder();
        var output = new CapturedOutput();

        Assert.Equal(0, NewCommand.Execute("Trial", temp.Combine("Trial"), output.Output, temp.Combine("nothing-here")));

        Assert.False(File.Exists(temp.Combine("Trial", "nuget.config")));
        Assert.False(Directory.Exists(temp.Combine("Trial", "packages")));
        Assert.Contains("carries no ProtocolLang.Generator or ProtocolLang.Runtime", output.Error.ToString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my-study", "MyStudy")]
    [InlineData("my_study", "MyStudy")]
    [InlineData("mystudy", "Mystudy")]
    [InlineData("x", "X")]
    [InlineData("NXP2-cohort 2", "NXP2Cohort2")]
    [InlineData("Trial", "Trial")]
    public void NewNamesTheStudyProjectAndTypesInPascalCaseAndKeepsTheFolderAsTyped(string typed, string study)
    {
        using var temp = new TempFolder();
        var folder = temp.Combine(typed);

        Assert.Equal(0, NewCommand.Execute(typed, folder, new CapturedOutput().Output));

        Assert.True(File.Exists(Path.Combine(folder, study + ".csproj")), study + ".csproj");
        Assert.Contains("study " + study + " {", File.ReadAllText(Path.Combine(folder, study + ".study")), System.StringComparison.Ordinal);
        Assert.Contains("using ProtocolLang.Studies." + study + ";", File.ReadAllText(Path.Combine(folder, "Program.cs")), System.StringComparison.Ordinal);
        var checkedOutput = new CapturedOutput();
        Assert.Equal(0, CheckCommand.Execute(Path.Combine(folder, study + ".study"), checkedOutput.Output));
    }

    [Fact]
    public void NewRefusesAFolderThatIsNotEmptyAndANameThatIsNotAnIdentifier()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("keep.txt"), "mine");

        Assert.Equal(ExitCodes.Usage, NewCommand.Execute("Trial", temp.Path, new CapturedOutput().Output));
        Assert.Equal(ExitCodes.Usage, NewCommand.Execute("2nd-trial", temp.Combine("x"), new CapturedOutput().Output));
        Assert.Equal(ExitCodes.Usage, NewCommand.Execute("--", temp.Combine("y"), new CapturedOutput().Output));
        Assert.Equal("mine", File.ReadAllText(temp.Combine("keep.txt")));
    }
}
