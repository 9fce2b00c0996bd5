using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Syntax.Lexing;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// Expressions, loosest first: <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparison /
/// <c>is missing</c> / <c>in</c> &lt; additive &lt; multiplicative &lt; unary minus &lt; primary.
/// Binary chains are folded from a list (<c>XMany</c>), not by Sprache's recursive
/// <c>ChainOperator</c>, so a long <c>a + b + ...</c> does not deepen the stack; nesting that does
/// recurse (parentheses, <c>not</c>, <c>-</c>, <c>if</c>) is bounded before parsing.
/// </summary>
public static partial class StudyParser
{
    private static readonly Parser<ExpressionSyntax> ExpressionRef = Defer(() => Expression!);

    /// <summary><c>( expr, ... )</c> of <c>in</c>, with the span of the closing parenthesis.</summary>
    private static readonly Parser<(ImmutableArray<ExpressionSyntax> Values, TextSpan Close)> ParenthesizedExpressionList =
        from open in Symbol("(")
        from values in CommaList(ExpressionRef)
        from close in Symbol(")", "',' or ')'")
        select (values, close);

    private static readonly Parser<ExpressionSyntax> LiteralExpression =
        NumberLiteral(allowSign: false).Select(n => (ExpressionSyntax)new NumberLiteralExpressionSyntax(n))
            .XOr(StringLiteral("a string").Select(s => (ExpressionSyntax)new StringLiteralExpressionSyntax(s)))
            .XOr(Keyword("true").Select(k => (ExpressionSyntax)new BoolLiteralExpressionSyntax(true, k.Span)))
            .XOr(Keyword("false").Select(k => (ExpressionSyntax)new BoolLiteralExpressionSyntax(false, k.Span)))
            .XOr(Keyword("missing").Select(k => (ExpressionSyntax)new MissingLiteralExpressionSyntax(k.Span)));

    private static readonly Parser<ExpressionSyntax> ConditionalExpression = Node(
        from ifKeyword in Keyword("if")
        from condition in ExpressionRef
        from thenKeyword in Keyword("then")
        from whenTrue in ExpressionRef
        from elseKeyword in Keyword("else")
        from whenFalse in ExpressionRef
        select (condition, whenTrue, whenFalse),
        (v, span) => (ExpressionSyntax)new ConditionalExpressionSyntax(v.condition, v.whenTrue, v.whenFalse, span));

    private static readonly Parser<OverClauseSyntax> OverClause =
        from keyword in Keyword("over")
        from column in Identifier("a column name after 'over'")
        select new OverClauseSyntax(column, Through(keyword.Span, column.Span));

    private static readonly Parser<WhereClauseSyntax> WhereClause =
        from keyword in Keyword("where")
        from predicate in ExpressionRef
        select new WhereClauseSyntax(predicate, Through(keyword.Span, predicate.Span));

    /// <summary>
    /// <c>( [expr, ...] [over column] [where predicate] )</c> of a call (the two clauses in either order,
    /// each at most once), with the span of the closing parenthesis.
    /// </summary>
    private static readonly Parser<(ImmutableArray<ExpressionSyntax> Values, OverClauseSyntax? Over, WhereClauseSyntax? Where, TextSpan Close)> Arguments =
        from open in Symbol("(")
        from arguments in CommaList(ExpressionRef).XOptional()
        from overFirst in Opt(OverClause)
        from whereClause in Opt(WhereClause)
        from overLast in overFirst is null ? Opt(OverClause) : Sprache.Parse.Return<OverClauseSyntax?>(null)
        from close in Symbol(")", arguments.IsDefined ? "',' or ')'" : "an expression or ')'")
        select (arguments.GetOrElse(ImmutableArray<ExpressionSyntax>.Empty), overFirst ?? overLast, whereClause, close);

    /// <summary>What may follow a name in an expression: call arguments or <c>.member</c>.</summary>
    private static readonly Parser<IOption<Func<IdentifierSyntax, ExpressionSyntax>>> NameSuffix =
        Arguments.Select(a => (Func<IdentifierSyntax, ExpressionSyntax>)(name =>
                new CallExpressionSyntax(name, a.Values, Through(name.Span, a.Close)) { Over = a.Over, Where = a.Where }))
            .XOr(
                from dot in Symbol(".")
                from member in Identifier("a column name after '.'")
                select (Func<IdentifierSyntax, ExpressionSyntax>)(name =>
                    new NameExpressionSyntax(name, member, Through(name.Span, member.Span))))
            .XOptional();

    /// <summary><c>f(args)</c>, <c>table.name</c> or <c>name</c>.</summary>
    private static readonly Parser<ExpressionSyntax> NameOrCall =
        from name in ExpressionIdentifier
        from suffix in NameSuffix
        select suffix.IsDefined ? suffix.Get()(name) : new NameExpressionSyntax(null, name, name.Span);

    private static readonly Parser<ExpressionSyntax> ParenthesizedExpression = Node(
        from open in Symbol("(")
        from inner in ExpressionRef
        from close in Symbol(")", "')'")
        select inner,
        (inner, span) => (ExpressionSyntax)new ParenthesizedExpressionSyntax(inner, span));

    private static readonly Parser<ExpressionSyntax> Primary = PrimaryByFirstCharacter();

    /// <summary>
    /// The primary alternatives, chosen by the next character so that the usual case (a name)
    /// does not first fail through every literal: failures are what Sprache allocates most for.
    /// </summary>
    private static Parser<ExpressionSyntax> PrimaryByFirstCharacter()
    {
        var number = NumberLiteral(allowSign: false).Select(n => (ExpressionSyntax)new NumberLiteralExpressionSyntax(n));
        var text = StringLiteral("a string").Select(s => (ExpressionSyntax)new StringLiteralExpressionSyntax(s));
        var word = Keyword("true").Select(k => (ExpressionSyntax)new BoolLiteralExpressionSyntax(true, k.Span))
            .XOr(Keyword("false").Select(k => (ExpressionSyntax)new BoolLiteralExpressionSyntax(false, k.Span)))
            .XOr(Keyword("missing").Select(k => (ExpressionSyntax)new MissingLiteralExpressionSyntax(k.Span)))
            .XOr(ConditionalExpression)
            .XOr(NameOrCall);
        var all = LiteralExpression.XOr(ConditionalExpression).XOr(NameOrCall).XOr(ParenthesizedExpression);
        return input =>
        {
            var start = TokenStart(input);
            var window = Window(input);
            var c = start < window.End ? window.Source[start] : '\0';
            return c switch
            {
                '"' => text(input),
                '(' => ParenthesizedExpression(input),
                _ when Lexeme.IsDigit(c) => number(input),
                _ when Lexeme.IsWordStart(c) => word(input),
                _ => all(input),
            };
        };
    }

    private static readonly Parser<ExpressionSyntax> UnaryRef = Defer(() => Unary!);

    private static readonly Parser<ExpressionSyntax> Unary =
        (from minus in Symbol("-")
         from operand in UnaryRef
         select (ExpressionSyntax)new UnaryExpressionSyntax(UnaryOperator.Negate, operand, Through(minus, operand.Span)))
        .XOr(Primary)
        .Named("an expression");

    private static readonly Parser<ExpressionSyntax> Multiplicative = BinaryChain(
        Unary,
        Operators(("*", BinaryOperator.Multiply), ("/", BinaryOperator.Divide)));

    private static readonly Parser<ExpressionSyntax> Additive = BinaryChain(
        Multiplicative,
        Operators(("+", BinaryOperator.Add), ("-", BinaryOperator.Subtract)));

    private static readonly Parser<(BinaryOperator Operator, TextSpan Span)> ComparisonOperator = Operators(
        ("==", BinaryOperator.Equal),
        ("!=", BinaryOperator.NotEqual),
        ("<=", BinaryOperator.LessOrEqual),
        (">=", BinaryOperator.GreaterOrEqual),
        ("<", BinaryOperator.Less),
        (">", BinaryOperator.Greater));

    /// <summary>What may follow the left operand of a comparison; builds the node from it.</summary>
    private static readonly Parser<Func<ExpressionSyntax, ExpressionSyntax>> ComparisonTail =
        (from op in ComparisonOperator
         from right in Additive
         select (Func<ExpressionSyntax, ExpressionSyntax>)(left =>
             new BinaryExpressionSyntax(op.Operator, left, right, op.Span, Through(left.Span, right.Span))))
        .XOr(
            from isKeyword in Keyword("is")
            from not in Opt(Keyword("not"))
            from missing in Keyword("missing").Named(not is null ? "'not' or 'missing'" : "'missing'")
            select (Func<ExpressionSyntax, ExpressionSyntax>)(left =>
                new IsMissingExpressionSyntax(left, not is not null, Through(left.Span, missing.Span))))
        .XOr(
            from not in Opt(Keyword("not"))
            from inKeyword in Keyword("in")
            from list in ParenthesizedExpressionList.Named("'(' after 'in'")
            select (Func<ExpressionSyntax, ExpressionSyntax>)(left =>
                new InExpressionSyntax(left, list.Values, not is not null, Through(left.Span, list.Close))));

    private static readonly Parser<IOption<Func<ExpressionSyntax, ExpressionSyntax>>> OptionalComparisonTail =
        ComparisonTail.XOptional();

    private static readonly Parser<ExpressionSyntax> Comparison =
        from left in Additive
        from tail in OptionalComparisonTail
        select tail.IsDefined ? tail.Get()(left) : left;

    private static readonly Parser<ExpressionSyntax> NotRef = Defer(() => Not!);

    private static readonly Parser<ExpressionSyntax> Not =
        (from not in Keyword("not")
         from operand in NotRef
         select (ExpressionSyntax)new UnaryExpressionSyntax(UnaryOperator.Not, operand, Through(not.Span, operand.Span)))
        .XOr(Comparison)
        .Named("an expression");

    private static readonly Parser<ExpressionSyntax> And = BinaryChain(Not, KeywordOperator("and", BinaryOperator.And));

    private static readonly Parser<ExpressionSyntax> Or = BinaryChain(And, KeywordOperator("or", BinaryOperator.Or));

    /// <summary>The whole expression grammar: <c>expr = or</c>.</summary>
    private static readonly Parser<ExpressionSyntax> Expression = Or;

    /// <summary>One of several operator symbols, read with one scan (not one failing attempt per symbol).</summary>
    private static Parser<(BinaryOperator Operator, TextSpan Span)> Operators(params (string Symbol, BinaryOperator Operator)[] operators)
    {
        string[] expectations = ["an operator"];
        return input =>
        {
            var window = Window(input);
            var start = Lexeme.SkipTrivia(window.Source, window.Position, window.End);
            var found = Lexeme.ScanSymbol(window.Source, start, window.End);
            foreach (var (symbol, op) in operators)
            {
                if (string.Equals(found, symbol, StringComparison.Ordinal))
                {
                    return Result.Success((op, new TextSpan(start, symbol.Length)), window.At(start + symbol.Length));
                }
            }

            return Fail<(BinaryOperator, TextSpan)>(input, expectations);
        };
    }

    private static Parser<(BinaryOperator Operator, TextSpan Span)> KeywordOperator(string keyword, BinaryOperator op) =>
        Keyword(keyword).Select(k => (op, k.Span));

    /// <summary>
    /// <c>operand { op operand }</c>, folded left-associatively in a loop: one attempt at the
    /// operator per step (Sprache's <c>XMany</c> tries a failing element twice) and no recursion.
    /// </summary>
    private static Parser<ExpressionSyntax> BinaryChain(
        Parser<ExpressionSyntax> operand,
        Parser<(BinaryOperator Operator, TextSpan Span)> op) => input =>
    {
        var first = operand(input);
        if (!first.WasSuccessful)
        {
            return first;
        }

        var left = first.Value;
        var remainder = first.Remainder;
        while (true)
        {
            var o = op(remainder);
            if (!o.WasSuccessful)
            {
                return Result.Success(left, remainder);
            }

            var right = operand(o.Remainder);
            if (!right.WasSuccessful)
            {
                return right;
            }

            left = new BinaryExpressionSyntax(o.Value.Operator, left, right.Value, o.Value.Span, Through(left.Span, right.Value.Span));
            remainder = right.Remainder;
        }
    };

    private static TextSpan Through(TextSpan first, TextSpan last) => TextSpan.FromBounds(first.Start, last.End);

}
