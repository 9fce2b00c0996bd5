using System.CommandLine;
using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>The command line as a user types it, parsed and invoked in-process with captured writers.</summary>
public sealed class CommandLineTests
{
    private static (int Exit, string Out, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void CheckThroughTheCommandLineReportsTheExampleClean()
    {
        var (exit, output, _) = Invoke("check", RepositoryPaths.ExampleStudy);

        Assert.Equal(0, exit);
        Assert.Equal("nxp2_jdm.study: 0 error(s), 0 warning(s)\n", output);
    }

    [Fact]
    public void DiffThroughTheCommandLineAcceptsATolerance()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.json"), """{"x":1.0}""");
        File.WriteAllText(temp.Combine("b.json"), """{"x":1.001}""");

        Assert.Equal(1, Invoke("diff", temp.Combine("a.json"), temp.Combine("b.json")).Exit);
        Assert.Equal(0, Invoke("diff", temp.Combine("a.json"), temp.Combine("b.json"), "--tolerance", "0.01").Exit);
    }

    [Fact]
    public void AnUnknownCommandIsRejected()
    {
        Assert.NotEqual(0, Invoke("frobnicate").Exit);
    }
}
