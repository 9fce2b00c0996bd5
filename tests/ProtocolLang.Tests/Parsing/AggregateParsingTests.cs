using System;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

/// <summary><c>over</c> and <c>where</c> inside a call's parentheses (child-table aggregates, issue 12 item 5).</summary>
public class AggregateParsingTests
{
    private static CallExpressionSyntax ParseCall(string expression, out string source)
    {
        source = InStudy("derive x = " + expression);
        var derive = (DeriveSyntax)ParseClean(source).Declarations[0];
        return Assert.IsType<CallExpressionSyntax>(derive.Expression);
    }

    [Fact]
    public void WhereInsideACallHoldsThePredicateOverTheChildRow()
    {
        var call = ParseCall("first(visits.score where week == 0)", out var source);

        Assert.Equal("first", call.Function.Name);
        var argument = Assert.IsType<NameExpressionSyntax>(Assert.Single(call.Arguments));
        Assert.Equal("visits", argument.Qualifier!.Name);
        Assert.Null(call.Over);
        Assert.Equal("where week == 0", TextOf(source, call.Where!.Span));
        Assert.IsType<BinaryExpressionSyntax>(call.Where.Predicate);
        Assert.Equal("first(visits.score where week == 0)", TextOf(source, call.Span));
    }

    [Theory]
    [InlineData("last(visits.score over day where day > 0)")]
    [InlineData("last(visits.score where day > 0 over day)")]
    public void OverAndWhereMayComeInEitherOrder(string expression)
    {
        var call = ParseCall(expression, out var source);

        Assert.Equal("day", call.Over!.Column.Name);
        Assert.Equal("over day", TextOf(source, call.Over.Span));
        Assert.Equal("day > 0", TextOf(source, call.Where!.Predicate.Span));
    }

    [Fact]
    public void ABareTableNameIsAnOrdinaryArgument()
    {
        var call = ParseCall("count(visits where score is not missing)", out _);

        Assert.Equal("visits", Assert.IsType<NameExpressionSyntax>(Assert.Single(call.Arguments)).Name.Name);
        Assert.IsType<IsMissingExpressionSyntax>(call.Where!.Predicate);
    }

    [Fact]
    public void AnAggregateIsAnOperandOfArithmetic()
    {
        var source = InStudy("derive change12 = last(visits.score where week <= 12) - score0");
        var derive = (DeriveSyntax)ParseClean(source).Declarations[0];

        var difference = Assert.IsType<BinaryExpressionSyntax>(derive.Expression);
        Assert.Equal(BinaryOperator.Subtract, difference.Operator);
        Assert.IsType<CallExpressionSyntax>(difference.Left);
    }

    [Theory]
    [InlineData("first(visits.score where week == 0 where week == 1)", "3:47")]
    [InlineData("first(visits.score over week over day)", "3:41")]
    public void EachClauseMayAppearOnlyOnce(string expression, string at)
    {
        var result = Parse(InStudy("\nderive x = " + expression));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL1001", diagnostic.Id);
        var start = diagnostic.Location.LineSpan.Start;
        Assert.Equal(at, FormattableString.Invariant($"{start.Line + 1}:{start.Character + 1}"));
    }
}
