using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>protocollang new Fn</c> scaffolds a study whose namespace <c>ProtocolLang.Studies.Fn</c> once hid the
/// runtime's <c>Fn</c> helpers: <c>check</c> said 0 errors and <c>run</c> failed to compile the generated C#.
/// </summary>
public sealed class NewStudyNamedLikeARuntimeTypeTests
{
    [Theory]
    [InlineData("Fn")]
    [InlineData("StudyRun")]
    [InlineData("Variable")]
    [InlineData("DataTable")]
    [InlineData("System")]
    public void AScaffoldedStudyNamedLikeARuntimeTypeChecksAndRuns(string name)
    {
        using var temp = new TempFolder();
        var folder = temp.Combine(name);
        Assert.Equal(0, NewCommand.Execute(name, folder, new CapturedOutput().Output));
        var study = Path.Combine(folder, name + ".study");
        Assert.Equal(0, CheckCommand.Execute(study, new CapturedOutput().Output));

        var ran = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, temp.Combine("cache")), ran.Output);

        Assert.True(exit == 0, ran.Error.ToString());
        Assert.True(File.Exists(temp.Combine("out", "results.json")));
    }
}
