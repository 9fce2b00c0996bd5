using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void AnErrorIsPrintedWithItsSourceLineAndACaretUnderTheSpanAndExitsOne()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("bad.study");
        File.WriteAllText(path, "study X {\n  table t from \"a.csv\" key id {\n    id: text\n    ag: numbr\n  }\n}\n");
        var captured = new CapturedOutput();

        var exit = CheckCommand.Execute(path, captured.Output);

        Assert.Equal(1, exit);
        var lines = captured.Out.ToString().Split('\n');
        Assert.StartsWith(path.Replace('\\', '/') + "(4,9): error PL2001: unknown type 'numbr'", lines[0], System.StringComparison.Ordinal);
        Assert.Equal(" 4 |     ag: numbr", lines[1]);
        Assert.Equal("   |         ^^^^^", lines[2]);
        Assert.Equal("bad.study: 1 error(s), 0 warning(s)", lines[3]);
    }

    [Fact]
    public void EveryErrorOfAFileIsReportedInSourceOrder()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("two.study");
        File.WriteAllText(path, "study X {\n  table t from \"a.csv\" key id {\n    id: text\n    a: numbr\n    b: txt\n  }\n}\n");
        var captured = new CapturedOutput();

        var exit = CheckCommand.Execute(path, captured.Output);

        Assert.Equal(1, exit);
        var text = captured.Out.ToString();
        Assert.True(text.IndexOf("(4,8): error", System.StringComparison.Ordinal) < text.IndexOf("(5,8): error", System.StringComparison.Ordinal), text);
        Assert.EndsWith("two.study: 2 error(s), 0 warning(s)\n", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TheExampleStudyChecksCleanAndExitsZero()
    {
        var captured = new CapturedOutput();

        var exit = CheckCommand.Execute(RepositoryPaths.ExampleStudy, captured.Output);

        Assert.Equal(0, exit);
        Assert.Equal("nxp2_jdm.study: 0 error(s), 0 warning(s)\n", captured.Out.ToString());
    }

    [Fact]
    public void AMissingFileIsAUsageErrorNotAStudyError()
    {
        var captured = new CapturedOutput();

        var exit = CheckCommand.Execute("does-not-exist.study", captured.Output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("no such file", captured.Error.ToString(), System.StringComparison.Ordinal);
    }
}
