using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class ValueExcerptTests
{
    [Fact]
    public void TerminalControlCharactersAreWrittenAsEscapes()
    {
        Assert.Equal("4\\u001B]0;x\\u0007 \\u0000\\u007F\\u009B", ValueExcerpt.Of("4\u001b]0;x\u0007 \u0000\u007f\u009b"));
    }

    [Fact]
    public void InvisibleFormattingCharactersSuchAsARightToLeftOverrideAreEscaped()
    {
        Assert.Equal("ab\\u202Ecd\\u200B", ValueExcerpt.Of("ab\u202ecd\u200b"));
    }

    [Fact]
    public void ALongValueIsCutAtFortyCharactersAndMarked()
    {
        var value = new string('x', 39) + "yz" + new string('q', 1000);

        Assert.Equal(new string('x', 39) + "y...", ValueExcerpt.Of(value));
        Assert.Equal(new string('x', 40), ValueExcerpt.Of(new string('x', 40)));
    }

    [Fact]
    public void ACutNeverSplitsASurrogatePairAndALoneSurrogateIsEscaped()
    {
        var value = new string('x', 39) + "😀" + "tail";

        Assert.Equal(new string('x', 39) + "...", ValueExcerpt.Of(value));
        Assert.Equal("a😀b", ValueExcerpt.Of("a😀b"));
        Assert.Equal("a\\uD83Db", ValueExcerpt.Of("a\ud83db"));
    }

    [Fact]
    public void PrintableTextIncludingNonAsciiLettersIsKeptAsIs()
    {
        Assert.Equal("TIF1γ+ JDM, Müller", ValueExcerpt.Of("TIF1γ+ JDM, Müller"));
    }
}
