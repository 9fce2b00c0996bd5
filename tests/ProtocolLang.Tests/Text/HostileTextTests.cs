using System.Linq;
using System.Text;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Text;

public class HostileTextTests
{
    [Fact]
    public void AReplacementCharacterIsReportedAsInvalidUtf8AtItsLineAndColumn()
    {
        var compilation = StudyCompiler.Compile("s.study", "study S {\n  title \"caf\uFFFD\uFFFD\"\n}\n");

        var diagnostic = Assert.Single(compilation.Diagnostics, d => d.Id == "PL1016");
        Assert.Equal("s.study(2,13)", diagnostic.Location.ToString());
        Assert.Equal(2, diagnostic.Location.Span.Length);
        Assert.Null(compilation.GeneratedSource);
    }

    [Fact]
    public void AReplacementCharacterOutsideAStringIsReportedOnce()
    {
        var parsed = ProtocolLang.Syntax.StudyParser.Parse(new SourceText("s.study", "study S {\n  \uFFFD\n  title \"t\"\n}\n"));

        Assert.Equal("PL1016", Assert.Single(parsed.Diagnostics).Id);
    }

    [Fact]
    public void InvalidBytesBecomeOneReplacementCharacterEachAndABomIsDropped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, (byte)'a', 0xFF, (byte)'b', 0xC3, (byte)'c', 0xE2, 0x82, (byte)'d'];

        Assert.Equal("a\uFFFDb\uFFFDc\uFFFDd", Utf8Text.Decode(bytes));
    }

    [Fact]
    public void TextRoslynDecodedAsLatin1AfterFailingUtf8IsDecodedAgainSoTheBadByteIsFound()
    {
        var bytes = Encoding.UTF8.GetBytes("study S { title \"γ\" }").Concat(new byte[] { 0xFF }).ToArray();
        var asRoslynFallsBack = Encoding.Latin1.GetString(bytes);

        var text = Utf8Text.Redecode(asRoslynFallsBack, Encoding.Latin1);

        Assert.Equal("study S { title \"γ\" }\uFFFD", text);
        Assert.Equal("x", Utf8Text.Redecode("x", Encoding.UTF8));
        Assert.Equal("x", Utf8Text.Redecode("x", null));
    }

    [Theory]
    [InlineData("a\u001b[31mb", "a\\u001B[31mb")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("\u0000\u007f\u009b", "\\u0000\\u007F\\u009B")]
    [InlineData("abc\u202Edef", "abc\\u202Edef")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("emoji \ud83d\ude00 γ 名", "emoji \ud83d\ude00 γ 名")]
    public void ControlCharactersAreEscapedAndOrdinaryTextKept(string text, string shown)
    {
        Assert.Equal(shown, DisplayText.Escape(text));
        Assert.Equal(shown, DisplayText.Escape(DisplayText.Escape(text)));
    }

    [Fact]
    public void UnpairedSurrogatesAreEscapedAndPairsKept()
    {
        Assert.Equal("lone \\uD800 \\uDC00 pair \ud83d\ude00", DisplayText.Escape("lone \ud800 \udc00 pair \ud83d\ude00"));
    }

    [Fact]
    public void EscapedLineColumnsFollowTheEscapes()
    {
        var shown = DisplayText.EscapeLine("\ta\u001bb", out var columns);

        Assert.Equal(" a\\u001Bb", shown);
        Assert.Equal(new[] { 0, 1, 2, 8, 9 }, columns);
    }

    [Fact]
    public void DiagnosticMessagesQuotingAStudyEscapeItsControlCharacters()
    {
        var compilation = StudyCompiler.Compile("s.study", "study S {\n  title \"t\"\n  \u001b[2J\u0007 x\n}\n");

        Assert.NotEmpty(compilation.Diagnostics);
        Assert.All(compilation.Diagnostics, d => Assert.DoesNotContain(d.ToString(), c => char.IsControl(c)));
    }
}
