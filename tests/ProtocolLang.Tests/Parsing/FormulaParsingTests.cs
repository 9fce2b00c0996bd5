using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class FormulaParsingTests
{
    private static (FormulaSyntax Formula, string Source) ParseFormula(string formula)
    {
        var source = InStudy("model mixed " + formula);
        return (((FormulaHeadSyntax)((AnalysisSyntax)ParseClean(source).Declarations[0]).Head).Formula, source);
    }

    [Fact]
    public void ResponseMayBeTransformed()
    {
        var (plain, _) = ParseFormula("y ~ a");
        var (logged, source) = ParseFormula("log(CKCourse) ~ a");

        Assert.Null(plain.Response.Transform);
        Assert.Equal("y", plain.Response.Variable.Name);
        Assert.Equal("log", logged.Response.Transform!.Name);
        Assert.Equal("CKCourse", logged.Response.Variable.Name);
        Assert.Equal("log(CKCourse)", TextOf(source, logged.Response.Span));
    }

    [Fact]
    public void CrossedInteractionAndSingleFixedTerms()
    {
        var (formula, source) = ParseFormula("y ~ group * factor(month) + a : b : c + age");

        var crossed = Assert.IsType<FixedTermSyntax>(formula.Terms[0]);
        Assert.Equal(FormulaOperator.Crossed, crossed.Operator);
        Assert.Equal(["group", "month"], crossed.Factors.Select(f => f.Variable!.Name));
        Assert.Equal([false, true], crossed.Factors.Select(f => f.AsFactor));
        Assert.Equal("factor(month)", TextOf(source, crossed.Factors[1].Span));
        Assert.Equal("group * factor(month)", TextOf(source, crossed.Span));
        var interaction = Assert.IsType<FixedTermSyntax>(formula.Terms[1]);
        Assert.Equal(FormulaOperator.Interaction, interaction.Operator);
        Assert.Equal(3, interaction.Factors.Length);
        var single = Assert.IsType<FixedTermSyntax>(formula.Terms[2]);
        Assert.Equal(FormulaOperator.None, single.Operator);
    }

    [Fact]
    public void RandomInterceptSlopeAndImpliedIntercept()
    {
        var (formula, source) = ParseFormula("y ~ a + (1 | id) + (1 + month | id) + (month | site)");

        var intercept = Assert.IsType<RandomTermSyntax>(formula.Terms[1]);
        Assert.True(intercept.Intercept);
        Assert.Null(intercept.Slope);
        Assert.Equal("id", intercept.Grouping.Name);
        Assert.Equal("(1 | id)", TextOf(source, intercept.Span));
        var slope = Assert.IsType<RandomTermSyntax>(formula.Terms[2]);
        Assert.Equal("month", slope.Slope!.Name);
        var implied = Assert.IsType<RandomTermSyntax>(formula.Terms[3]);
        Assert.True(implied.Intercept);
        Assert.Equal("month", implied.Slope!.Name);
        Assert.Equal("site", implied.Grouping.Name);
    }

    [Fact]
    public void AVariableNamedFactorIsAPlainVariable()
    {
        var (formula, _) = ParseFormula("y ~ factor + factor(x)");

        Assert.False(((FixedTermSyntax)formula.Terms[0]).Factors[0].AsFactor);
        Assert.True(((FixedTermSyntax)formula.Terms[1]).Factors[0].AsFactor);
    }

    [Fact]
    public void ASlopeOnlyRandomTermHasNoIntercept()
    {
        var (formula, source) = ParseFormula("y ~ a + (0 + month | id)");

        var slope = Assert.IsType<RandomTermSyntax>(formula.Terms[1]);
        Assert.False(slope.Intercept);
        Assert.Equal("month", slope.Slope!.Name);
        Assert.Equal("(0 + month | id)", TextOf(source, slope.Span));
    }

    [Fact]
    public void FactorsMayBeCallsAndQuotients()
    {
        var (formula, source) = ParseFormula("y ~ log(bili) + age / 10 + (age / 10) * sex");

        var call = ((FixedTermSyntax)formula.Terms[0]).Factors[0];
        Assert.IsType<CallExpressionSyntax>(call.Expression);
        Assert.Null(call.Variable);
        Assert.Equal("age / 10", TextOf(source, ((FixedTermSyntax)formula.Terms[1]).Factors[0].Span));
        var crossed = (FixedTermSyntax)formula.Terms[2];
        Assert.Equal(FormulaOperator.Crossed, crossed.Operator);
        Assert.IsType<ParenthesizedExpressionSyntax>(crossed.Factors[0].Expression);
    }
}
