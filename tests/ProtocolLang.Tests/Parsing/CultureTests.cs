using System.Globalization;
using System.IO;
using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Parsing;

public class CultureTests
{
    private static ParseResult ParseUnder(string culture, string text)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return StudyParser.Parse(new SourceText("c.study", text));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("fi-FI")]
    public void TheTreeIsTheSameInEveryCulture(string culture)
    {
        var text = File.ReadAllText(Path.Combine(ParserTestHelpers.TestFilesDirectory("good"), "all-constructs.study"));
        var invariant = ParseUnder("en-US", text);
        var local = ParseUnder(culture, text);

        Assert.Empty(local.Diagnostics);
        Assert.Equal(SyntaxDump.Dump(invariant.Study), SyntaxDump.Dump(local.Study));
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("fi-FI")]
    public void NumbersUseTheInvariantDecimalPointAndMinus(string culture)
    {
        var result = ParseUnder(culture, "study S { table t from \"t\" { x: number range -1.5..2.5e3 } model kaplan_meier R by group at 0.25 }");
        var range = (RangeOptionSyntax)((TableSyntax)result.Study!.Declarations[0]).Columns[0].Options[0];
        var km = (AnalysisSyntax)result.Study.Declarations[1];

        Assert.Empty(result.Diagnostics);
        Assert.Equal(-1.5, range.Min!.Value);
        Assert.Equal(2500, range.Max!.Value);
        Assert.Equal([0.25], km.Numbers("at"));
    }

    [Fact]
    public void ATurkishCultureDoesNotChangeKeywordMatching()
    {
        // In tr-TR, "I".ToLower() is "ı": keywords must be compared ordinally.
        var result = ParseUnder("tr-TR", "study S { include \"x\": a is missing\n derive i = if a then 1 else 2 }");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Study!.Declarations.Length);
    }

    [Fact]
    public void DiagnosticMessagesAreTheSameInEveryCulture()
    {
        const string text = "study S { title 1.5 }";
        var messages = new[] { "en-US", "tr-TR", "de-DE", "fi-FI" }
            .Select(c => string.Join("|", ParseUnder(c, text).Diagnostics.Select(d => d.ToString())))
            .Distinct()
            .ToList();

        Assert.Single(messages);
    }
}
