using System.Collections.Generic;
using System.Collections.Immutable;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// Model formulas as in R/lme4: <c>log(y) ~ group * factor(month) + (1 | id)</c>.
/// A fixed term joins its factors with one operator (<c>*</c> or <c>:</c>); mixing them in one
/// term is an error, since <c>a * b : c</c> reads differently in R than most people expect.
/// </summary>
public static partial class StudyParser
{
    /// <summary><c>y</c> or <c>transform(y)</c>.</summary>
    private static readonly Parser<ResponseSyntax> Response = Node(
        from first in Identifier("a response variable")
        from inner in (
            from open in Symbol("(")
            from variable in Identifier("a variable inside the transform")
            from close in Symbol(")", "')'")
            select variable).XOptional()
        select (first, inner),
        (v, span) => v.inner.IsDefined
            ? new ResponseSyntax(v.first, v.inner.Get(), span)
            : new ResponseSyntax(null, v.first, span));

    private static readonly Parser<FormulaFactorSyntax> FactorCall = Node(
        from keyword in Keyword("factor")
        from open in Symbol("(")
        from variable in Identifier("a variable inside factor(...)")
        from close in Symbol(")", "')'")
        select variable,
        (variable, span) => new FormulaFactorSyntax(variable, true, span));

    /// <summary><c>factor(x)</c> or <c>x</c>; <c>Or</c> backtracks so a variable named <c>factor</c> works.</summary>
    private static readonly Parser<FormulaFactorSyntax> FormulaFactor =
        FactorCall.Or(Identifier("a variable, factor(...) or a random term '('")
            .Select(v => new FormulaFactorSyntax(v, false, v.Span)));

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

    /// <summary><c>(1 | g)</c>, <c>(1 + x | g)</c> or <c>(x | g)</c>; the intercept is always implied, as in lme4.</summary>
    private static readonly Parser<FormulaTermSyntax> RandomTerm = Node(
        from open in Symbol("(")
        from slope in One.Then(_ => Opt(Symbol("+").Then(_ => Identifier("a slope variable after '1 +'"))))
            .XOr(Identifier("a slope variable").Select(v => (IdentifierSyntax?)v))
            .Named("'1' or a slope variable")
        from bar in Symbol("|", slope is null ? "'+' or '|'" : "'|'")
        from grouping in Identifier("a grouping variable after '|'")
        from close in Symbol(")", "')'")
        select (slope, grouping),
        (v, span) => (FormulaTermSyntax)new RandomTermSyntax(true, v.slope, v.grouping, span));

    private static readonly Parser<FormulaTermSyntax> FormulaTerm = RandomTerm.XOr(FixedTerm);

    private static readonly Parser<FormulaSyntax> Formula = Node(
        from response in Response
        from tilde in Symbol("~", "'~' after the response")
        from first in FormulaTerm
        from rest in Symbol("+").Then(_ => FormulaTerm).XMany()
        select (response, terms: ImmutableArray.Create(first).AddRange(rest)),
        (v, span) => new FormulaSyntax(v.response, v.terms, span));
}
