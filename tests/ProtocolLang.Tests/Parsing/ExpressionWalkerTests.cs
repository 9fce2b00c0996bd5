using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class ExpressionWalkerTests
{
    private static ExpressionSyntax ParseExpression(string expression) =>
        Single<DeriveSyntax>("derive x = " + expression).Expression;

    private static string NamesOf(string expression) =>
        string.Join(" ", ParseExpression(expression).Names().Select(n => n.Qualifier is null ? n.Name.Name : n.Qualifier.Name + "." + n.Name.Name));

    [Theory]
    [InlineData("a + b * c", "a b c")]
    [InlineData("if a > 1 then log(b) else -(c)", "a b c")]
    [InlineData("not (a is missing) or t.b == c", "a t.b c")]
    [InlineData("min(a, b) / max(c, d)", "a b c d")]
    public void NamesAreWalkedInSourceOrder(string expression, string names) =>
        Assert.Equal(names, NamesOf(expression));

    [Fact]
    public void TheValuesOfAnInListAreLevelsNotNamesRead() =>
        Assert.Equal("stage", NamesOf("stage in (III, IV)"));

    [Fact]
    public void AnAggregatesWhereClauseBelongsToTheChildTableAndIsNotWalked() =>
        Assert.Equal("visits.score", NamesOf("first(visits.score where week == 0)"));

    [Fact]
    public void AnyFindsANodeDeepInsideAConditional()
    {
        var expression = ParseExpression("if a then 1 else log(group)");
        Assert.True(expression.Any(e => e is NameExpressionSyntax { Name.Name: "group" }));
        Assert.False(expression.Any(e => e is NameExpressionSyntax { Name.Name: "arm" }));
    }

    [Fact]
    public void AVeryDeepExpressionIsWalkedWithoutRecursion()
    {
        var text = string.Concat(Enumerable.Repeat("(", 60)) + "a" + string.Concat(Enumerable.Repeat(")", 60));
        Assert.Equal(61, ParseExpression(text).DescendantsAndSelf().Count());
    }
}
