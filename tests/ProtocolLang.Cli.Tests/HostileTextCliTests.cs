using System.IO;
using System.Linq;
using System.Text;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

public sealed class HostileTextCliTests
{
    private const string Table = "  table t from \"a.csv\" key id {\n    id: text\n  }\n";

    [Fact]
    public void InvalidUtf8InAStringIsALocatedErrorNotASilentReplacement()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("bytes.study");
        var bytes = Encoding.UTF8.GetBytes("study X {\n" + Table + "  title \"caf").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes(")\"\n}\n")).ToArray();
        File.WriteAllBytes(path, bytes);
        var captured = new CapturedOutput();

        var exit = CheckCommand.Execute(path, captured.Output);

        Assert.Equal(1, exit);
        var lines = captured.Out.ToString().Split('\n');
        Assert.True(lines.Length > 2, captured.Out.ToString());
        Assert.StartsWith(path.Replace('\\', '/') + "(5,13): error PL1016: the file is not valid UTF-8 here (1 undecodable character(s)", lines[0], System.StringComparison.Ordinal);
        Assert.Equal("   |             ^", lines[2]);
        Assert.StartsWith(path.Replace('\\', '/') + "(5,15): error PL1016", lines[3], System.StringComparison.Ordinal);
    }

    [Fact]
    public void ControlCharactersFromTheStudyAreEscapedAndTheCaretStaysUnderTheSpan()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("esc.study");
        File.WriteAllText(path, "study X {\n" + Table + "  title \"\u001b]0;pwned\u0007\u001b[2J\" \u001b[31m\n}\n");
        var captured = new CapturedOutput();

        var exit = CheckCommand.Execute(path, captured.Output);

        Assert.Equal(1, exit);
        var text = captured.Out.ToString();
        Assert.DoesNotContain(text, c => c is '\u001b' or '\u0007');
        var lines = text.Split('\n');
        var source = lines.First(l => l.StartsWith(" 5 | ", System.StringComparison.Ordinal));
        var caret = lines[System.Array.IndexOf(lines, source) + 1];
        Assert.Equal(" 5 |   title \"\\u001B]0;pwned\\u0007\\u001B[2J\" \\u001B[31m", source);
        Assert.True(caret.Length > 0, text);
        Assert.Equal(source.IndexOf("31m", System.StringComparison.Ordinal), caret.IndexOf('^', System.StringComparison.Ordinal));
        Assert.EndsWith(" ^^^", caret, System.StringComparison.Ordinal);
    }
}
