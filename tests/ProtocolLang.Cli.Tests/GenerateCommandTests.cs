using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

public sealed class GenerateCommandTests
{
    [Fact]
    public void GeneratePrintsTheSameCSharpAsTheCompilerFacade()
    {
        var captured = new CapturedOutput();

        var exit = GenerateCommand.Execute(RepositoryPaths.ExampleStudy, captured.Output);

        Assert.Equal(0, exit);
        var expected = StudyCompiler.Compile("nxp2_jdm.study", File.ReadAllText(RepositoryPaths.ExampleStudy)).GeneratedSource;
        Assert.Equal(expected, captured.Out.ToString());
        Assert.Contains("public static partial class Nxp2JdmStudy", captured.Out.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateWritesDiagnosticsToStandardErrorAndNoCodeWhenTheStudyHasErrors()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("bad.study");
        File.WriteAllText(path, "study X {\n  table t from \"a.csv\" key id {\n    id: txt\n  }\n}\n");
        var captured = new CapturedOutput();

        var exit = GenerateCommand.Execute(path, captured.Output);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, captured.Out.ToString());
        Assert.Contains("error PL2001", captured.Error.ToString(), System.StringComparison.Ordinal);
    }
}
