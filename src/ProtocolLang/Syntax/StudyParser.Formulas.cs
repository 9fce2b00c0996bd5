using System.Collections.Generic;
using System.Collections.Immutable;
using ProtocolLang.Syntax.Lexing;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// Model formula terms as in R/lme4, after the response and <c>~</c>: <c>group * factor(month) + (1 | id)</c>.
/// A fixed term joins its factors with one operator (<c>*</c> or <c>:</c>); mixing them in one
/// term is an error, since <c>a * b : c</c> reads differently in R than most people expect.
/// A factor is a name, <c>factor(x)</c>, a call such as <c>log(bili)</c>, or a quotient such as <c>age / 10</c>
/// (R would need <c>I(age / 10)</c>): <c>+</c>, <c>*</c> and <c>:</c> belong to the formula.
/// </summary>
public static partial class StudyParser
{
    private static readonly Parser<ExpressionSyntax> FactorOperand = Defer(() => Unary!);

    private static readonly Parser<ExpressionSyntax> FactorExpression = BinaryChain(
        FactorOperand, Operators(("/", BinaryOperator.Divide)));

    /// <summary><c>factor(x)</c> (as a factor) or any other factor expression.</summary>
    private static readonly Parser<FormulaFactorSyntax> FormulaFactor =
        FactorExpression.Named("a variable, factor(...) or a random term '('").Select(e =>
            e is CallExpressionSyntax { Function.Name: "factor", Arguments.Length: 1 } call
                ? new FormulaFactorSyntax(call.Arguments[0], true, call.Span)
                : new FormulaFactorSyntax(e, false, e.Span));

    private static readonly Parser<(FormulaOperator Operator, TextSpan Span)> FormulaTermOperator =
        Symbol("*").Select(s => (FormulaOperator.Crossed, s))
            .XOr(Symbol(":").Select(s => (FormulaOperator.Interaction, s)));

    /// <summary><c>a</c>, <c>a * b</c>, <c>a : b : c</c>; one operator kind per term.</summary>
    private static readonly Parser<FormulaTermSyntax> FixedTerm = input =>
    {
        var first = FormulaFactor(input);
        if (!first.WasSuccessful)
        {
            return Result.Failure<FormulaTermSyntax>(first.Remainder, first.Message, first.Expectations);
        }

        var factors = new List<FormulaFactorSyntax> { first.Value };
        var op = FormulaOperator.None;
        var remainder = first.Remainder;
        while (true)
        {
            var next = FormulaTermOperator(remainder);
            if (!next.WasSuccessful)
            {
                break;
            }

            if (op != FormulaOperator.None && next.Value.Operator != op)
            {
                var expected = op == FormulaOperator.Crossed ? "'*'" : "':'";
                return Fail<FormulaTermSyntax>(remainder, expected + " (one kind of operator per term; write a * b + a : c as two terms)");
            }

            op = next.Value.Operator;
            var factor = FormulaFactor(next.Remainder);
            if (!factor.WasSuccessful)
            {
                return Result.Failure<FormulaTermSyntax>(factor.Remainder, factor.Message, factor.Expectations);
            }

            factors.Add(factor.Value);
            remainder = factor.Remainder;
        }

        var span = TextSpan.FromBounds(first.Value.Span.Start, factors[factors.Count - 1].Span.End);
        return Result.Success<FormulaTermSyntax>(new FixedTermSyntax(factors.ToImmutableArray(), op, span), remainder);
    };

    /// <summary>The literal <c>0</c> of a slope-only random term, <c>(0 + x | id)</c>.</summary>
    private static Parser<TextSpan> Zero => input =>
    {
        var window = Window(input);
        var start = Lexeme.SkipTrivia(window.Source, window.Position, window.End);
        if (start < window.End && window.Source[start] == '0' && Lexeme.ScanNumberLexeme(window.Source, start, window.End) == start + 1)
        {
            return Result.Success(new TextSpan(start, 1), window.At(start + 1));
        }

        return Fail<TextSpan>(input, "'0'");
    };

    /// <summary>
    /// The bar of a random term: <c>|</c>, or lme4's double bar <c>||</c> (no space between), which makes the term's effects
    /// uncorrelated; true for the double bar.
    /// </summary>
    private static Parser<bool> RandomBar(string expectation) => input =>
    {
        var window = Window(input);
        var start = Lexeme.SkipTrivia(window.Source, window.Position, window.End);
        if (start < window.End && window.Source[start] == '|')
        {
            var doubled = start + 1 < window.End && window.Source[start + 1] == '|';
            return Result.Success(doubled, window.At(start + (doubled ? 2 : 1)));
        }

        return Fail<bool>(input, expectation);
    };

    /// <summary>
    /// <c>(1 | g)</c>, <c>(1 + x | g)</c>, <c>(x | g)</c> (intercept implied, as in lme4) or <c>(0 + x | g)</c> (slope only); with
    /// <c>||</c> for <c>|</c>, lme4's uncorrelated form (<c>(x || g)</c> is <c>(1 | g) + (0 + x | g)</c>).
    /// </summary>
    private static readonly Parser<FormulaTermSyntax> RandomTerm = Node(
        from open in Symbol("(")
        from effects in One.Then(_ => Opt(Symbol("+").Then(_ => Identifier("a slope variable after '1 +'")))).Select(s => (Intercept: true, Slope: s))
            .XOr(Zero.Then(_ => Symbol("+", "'+' after '0'")).Then(_ => Identifier("a slope variable after '0 +'")).Select(s => (Intercept: false, Slope: (IdentifierSyntax?)s)))
            .XOr(Identifier("a slope variable").Select(v => (Intercept: true, Slope: (IdentifierSyntax?)v)))
            .Named("'1', '0 +' or a slope variable")
        from doubleBar in RandomBar(effects.Slope is null ? "'+' or '|'" : "'|' or '||'")
        from grouping in Identifier("a grouping variable after '|'")
        from close in Symbol(")", "')'")
        select (effects, doubleBar, grouping),
        (v, span) => (FormulaTermSyntax)new RandomTermSyntax(v.effects.Intercept, v.effects.Slope, v.grouping, span) { Uncorrelated = v.doubleBar });

    /// <summary>
    /// A random term when <c>(</c> is followed by <c>0</c>, <c>1</c> or <c>name |</c>; otherwise a fixed term
    /// (which may itself start with a parenthesis, <c>(age / 10)</c>).
    /// </summary>
    private static readonly Parser<FormulaTermSyntax> FormulaTerm = input =>
    {
        var window = Window(input);
        var text = window.Source;
        var start = Lexeme.SkipTrivia(text, window.Position, window.End);
        if (start < window.End && text[start] == '(')
        {
            var inner = Lexeme.SkipTrivia(text, start + 1, window.End);
            var random = inner < window.End && (text[inner] is '0' or '1')
                && Lexeme.ScanNumberLexeme(text, inner, window.End) == inner + 1;
            if (!random && inner < window.End && Lexeme.IsWordStart(text[inner]))
            {
                var afterName = Lexeme.SkipTrivia(text, Lexeme.ScanWord(text, inner, window.End), window.End);
                random = afterName < window.End && text[afterName] == '|';
            }

            if (random)
            {
                return RandomTerm(input);
            }
        }

        return FixedTerm(input);
    };

    /// <summary><c>term { "+" term }</c> after the <c>~</c>.</summary>
    private static readonly Parser<ImmutableArray<FormulaTermSyntax>> FormulaTerms =
        from first in FormulaTerm
        from rest in Symbol("+").Then(_ => FormulaTerm).XMany()
        select ImmutableArray.Create(first).AddRange(rest);
}
