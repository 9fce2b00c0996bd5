using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class ExpressionParsingTests
{
    private static ExpressionSyntax ParseExpression(string expression) =>
        Single<DeriveSyntax>("derive x = " + expression).Expression;

    /// <summary>Renders a tree fully parenthesised, to check precedence and associativity.</summary>
    private static string Show(ExpressionSyntax e) => e switch
    {
        NumberLiteralExpressionSyntax n => n.Number.Text,
        StringLiteralExpressionSyntax s => "\"" + s.String.Value + "\"",
        BoolLiteralExpressionSyntax b => b.Value ? "true" : "false",
        MissingLiteralExpressionSyntax => "missing",
        NameExpressionSyntax n => n.Qualifier is null ? n.Name.Name : n.Qualifier.Name + "." + n.Name.Name,
        ParenthesizedExpressionSyntax p => "[" + Show(p.Inner) + "]",
        UnaryExpressionSyntax u => "(" + (u.Operator == UnaryOperator.Not ? "not " : "-") + Show(u.Operand) + ")",
        BinaryExpressionSyntax b => "(" + Show(b.Left) + " " + b.Operator + " " + Show(b.Right) + ")",
        IsMissingExpressionSyntax m => "(" + Show(m.Operand) + (m.Negated ? " is not missing)" : " is missing)"),
        InExpressionSyntax i => "(" + Show(i.Operand) + (i.Negated ? " not in " : " in ") + string.Join(",", i.Values.Select(Show)) + ")",
        CallExpressionSyntax c => c.Function.Name + "(" + string.Join(",", c.Arguments.Select(Show)) + ")",
        ConditionalExpressionSyntax c => "(if " + Show(c.Condition) + " then " + Show(c.WhenTrue) + " else " + Show(c.WhenFalse) + ")",
        _ => "?",
    };

    [Theory]
    [InlineData("a or b and c", "(a Or (b And c))")]
    [InlineData("not a and b", "((not a) And b)")]
    [InlineData("not a == 1", "(not (a Equal 1))")]
    [InlineData("a + b * c", "(a Add (b Multiply c))")]
    [InlineData("a - b - c", "((a Subtract b) Subtract c)")]
    [InlineData("a / b * c", "((a Divide b) Multiply c)")]
    [InlineData("-a * b", "((-a) Multiply b)")]
    [InlineData("- - a", "(-(-a))")]
    [InlineData("a + b < c * 2", "((a Add b) Less (c Multiply 2))")]
    [InlineData("a <= 1 or a >= 2 or a != 3", "(((a LessOrEqual 1) Or (a GreaterOrEqual 2)) Or (a NotEqual 3))")]
    [InlineData("a > 1 and b is missing", "((a Greater 1) And (b is missing))")]
    [InlineData("a + 1 is not missing", "((a Add 1) is not missing)")]
    [InlineData("sex in (F, M)", "(sex in F,M)")]
    [InlineData("sex not in (\"F\")", "(sex not in \"F\")")]
    [InlineData("not sex in (F)", "(not (sex in F))")]
    [InlineData("(a + b) * c", "([(a Add b)] Multiply c)")]
    [InlineData("if a > 1 then b else c + 1", "(if (a Greater 1) then b else (c Add 1))")]
    [InlineData("if a then if b then 1 else 2 else 3", "(if a then (if b then 1 else 2) else 3)")]
    [InlineData("visits.ck / 2", "(visits.ck Divide 2)")]
    [InlineData("days_between(onset, visits.date)", "days_between(onset,visits.date)")]
    [InlineData("f()", "f()")]
    [InlineData("true or false or missing", "((true Or false) Or missing)")]
    [InlineData("1e-3 + 3.5 + 12", "((1e-3 Add 3.5) Add 12)")]
    public void OperatorsBindByPrecedenceAndAssociateLeft(string expression, string expected)
    {
        Assert.Equal(expected, Show(ParseExpression(expression)));
    }

    [Fact]
    public void BinaryNodesCarryTheirOperatorSpanAndFullSpan()
    {
        const string text = "derive x = a + b * c";
        var source = InStudy(text);
        var derive = (DeriveSyntax)ParseClean(source).Declarations[0];
        var add = Assert.IsType<BinaryExpressionSyntax>(derive.Expression);

        Assert.Equal("a + b * c", TextOf(source, add.Span));
        Assert.Equal("+", TextOf(source, add.OperatorSpan));
        Assert.Equal("b * c", TextOf(source, add.Right.Span));
        Assert.Equal("*", TextOf(source, ((BinaryExpressionSyntax)add.Right).OperatorSpan));
    }

    [Theory]
    [InlineData("log(ck)")]
    [InlineData("visits.ck")]
    [InlineData("(a)")]
    [InlineData("-a")]
    [InlineData("not a")]
    [InlineData("a is not missing")]
    [InlineData("a not in (1, 2)")]
    [InlineData("if a then b else c")]
    [InlineData("\"text \\\"quoted\\\"\"")]
    [InlineData("3.25")]
    public void EveryExpressionSpansExactlyItsText(string expression)
    {
        var source = InStudy("derive x = " + expression + " label \"L\"");
        var derive = (DeriveSyntax)ParseClean(source).Declarations[0];

        Assert.Equal(expression, TextOf(source, derive.Expression.Span));
    }

    [Fact]
    public void StringEscapesAreUnescapedAndUnicodeIsKept()
    {
        var literal = Assert.IsType<StringLiteralExpressionSyntax>(ParseExpression("\"a\\\"b\\\\c\\nd\\te γ\""));

        Assert.Equal("a\"b\\c\nd\te γ", literal.String.Value);
    }

    [Fact]
    public void NumbersKeepTheirSourceTextAndInvariantValue()
    {
        var number = Assert.IsType<NumberLiteralExpressionSyntax>(ParseExpression("1.5e3"));

        Assert.Equal(1500, number.Number.Value);
        Assert.Equal("1.5e3", number.Number.Text);
    }

    [Fact]
    public void CommentsAreAllowedWhereverWhitespaceIs()
    {
        var e = ParseExpression("a /* one */ + // two\n b");

        Assert.Equal("(a Add b)", Show(e));
    }
}
