using System;
using System.Linq;
using System.Text;
using System.Threading;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class RobustnessTests
{
    /// <summary>Runs on a thread with a small stack, so a parser that recursed too far would crash the run.</summary>
    private static ParseResult ParseOnSmallStack(string text, int stackBytes = 512 * 1024)
    {
        ParseResult? result = null;
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = Parse(text);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    error = e;
                }
            },
            stackBytes);
        thread.Start();
        thread.Join();
        Assert.Null(error);
        return result!;
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void DeeplyNestedParenthesesAreReportedNotOverflowed(int depth)
    {
        var result = ParseOnSmallStack(InStudy("derive x = " + new string('(', depth) + "a" + new string(')', depth)));

        Assert.Equal("PL1007", Assert.Single(result.Diagnostics).Id);
    }

    [Theory]
    [InlineData("not ")]
    [InlineData("- ")]
    [InlineData("if a then 1 else ")]
    public void DeeplyNestedPrefixOperatorsAreReportedNotOverflowed(string prefix)
    {
        var result = ParseOnSmallStack(InStudy("derive x = " + string.Concat(Enumerable.Repeat(prefix, 10_000)) + "a"));

        Assert.Equal("PL1007", Assert.Single(result.Diagnostics).Id);
    }

    [Theory]
    [InlineData("-a", " + ")]
    [InlineData("not a", " and ")]
    [InlineData("not a", " or ")]
    [InlineData("-a * -a", " - ")]
    [InlineData("if a then -a else -a", ", ")]
    public void FlatListsOfPrefixOperatorsAreNotNestedTooDeep(string term, string separator)
    {
        var terms = string.Join(separator, Enumerable.Repeat(term, 70));
        var expression = separator == ", " ? "f(" + terms + ")" : terms;

        var result = ParseOnSmallStack(InStudy("derive x = " + expression), 256 * 1024);

        Assert.True(result.Diagnostics.IsEmpty, Describe(result));
    }

    [Theory]
    [InlineData("-(", ")")]
    [InlineData("not (", ")")]
    [InlineData("(a + - ", ")")]
    [InlineData("f(a, not ", ")")]
    public void RealNestingThroughPrefixOperatorsIsStillBounded(string open, string close)
    {
        var result = ParseOnSmallStack(InStudy("derive x = " + string.Concat(Enumerable.Repeat(open, 5_000)) + "a" + string.Concat(Enumerable.Repeat(close, 5_000))));

        Assert.Equal("PL1007", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void NestingAtTheLimitStillParsesOnASmallStack()
    {
        // 1 MiB: below the 1.5 MiB of a .NET secondary thread on Linux (a generator may run on one). Unoptimised
        // (tier-0) parser frames need more than 256 KiB for the 64 levels, so a smaller stack made this test
        // depend on whether the JIT had tiered the parser up yet (it crashed the test host under load).
        const int depth = 62; // with the leading 'not' and the '-', 64 levels: the limit
        var result = ParseOnSmallStack(InStudy("derive x = not " + new string('(', depth) + "-a" + new string(')', depth)), 1024 * 1024);

        Assert.True(result.Diagnostics.IsEmpty, Describe(result));
    }

    [Fact]
    public void ALongOperatorChainIsParsedWithoutRecursion()
    {
        var result = ParseOnSmallStack(InStudy("derive x = a" + string.Concat(Enumerable.Repeat(" + a", 999))), 256 * 1024);

        Assert.True(result.Diagnostics.IsEmpty, Describe(result));
    }

    [Fact]
    public void AnOverlongOperatorChainIsReported()
    {
        var result = Parse(InStudy("derive x = a" + string.Concat(Enumerable.Repeat(" + a", 5_000))));

        Assert.Equal("PL1008", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void AVeryLongFileParsesInLinearTime()
    {
        var builder = new StringBuilder("study Big {\n  table t from \"t.csv\" key id {\n    id: text\n");
        for (var i = 0; i < 5_000; i++)
        {
            builder.Append("    c").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(": number unit \"u\" range 0..10 label \"c\"\n");
        }

        builder.Append("  }\n");
        for (var i = 0; i < 5_000; i++)
        {
            builder.Append("  derive d").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(" = if c1 > 2 and c2 is not missing then log(c3) else -c4 * 2\n");
        }

        builder.Append("}\n");
        var result = Parse(builder.ToString());

        Assert.True(result.Diagnostics.IsEmpty, Describe(result));
        Assert.Equal(5_001, result.Study!.Declarations.Length);
    }

    [Fact]
    public void ManyErrorsInOneFileAreAllReported()
    {
        var text = InStudy(string.Concat(Enumerable.Repeat("title 1\n", 200)));

        var result = Parse(text);

        Assert.Equal(200, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal("PL1001", d.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n// only a comment\n")]
    [InlineData("study")]
    [InlineData("study {")]
    [InlineData("\"study\"")]
    public void AFileWithoutAStudyHeaderHasNoTreeAndOneDiagnostic(string text)
    {
        var result = Parse(text);

        Assert.Null(result.Study);
        Assert.Equal("PL1009", Assert.Single(result.Diagnostics).Id);
    }

    [Theory]
    [InlineData("study S {")]
    [InlineData("study S { title \"t\"")]
    [InlineData("study S title \"t\" }")]
    [InlineData("study S { } }")]
    [InlineData("study S { table t from \"x\" { a: number")]
    [InlineData("study S { groups { A \"a\": x == 1 }")]
    [InlineData("study S { title \"t\" @ }")]
    [InlineData("study S { \"\\")]
    [InlineData("study S { /*")]
    [InlineData("study S { derive x = (((( }")]
    [InlineData("study S { derive x = a ++ b }")]
    [InlineData("study S { compare a across }")]
    [InlineData("study S { { } }")]
    [InlineData("study S { table t from \"x\" key id { a: number } }")]
    public void TruncatedAndGarbledFilesGiveDiagnosticsNotExceptions(string text)
    {
        var result = ParseOnSmallStack(text);

        Assert.NotNull(result);
        Assert.All(result.Diagnostics, d => Assert.StartsWith("PL1", d.Id, StringComparison.Ordinal));
    }
}
