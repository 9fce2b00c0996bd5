using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary><c>response ~ term + term + (1 | id)</c>, as in R's model formulas.</summary>
public sealed record FormulaSyntax(ResponseSyntax Response, ImmutableArray<FormulaTermSyntax> Terms, TextSpan Span)
    : SyntaxNode(Span);

/// <summary><c>Outcome</c> or <c>transform(Outcome)</c>, e.g. <c>log(CKCourse)</c>.</summary>
public sealed record ResponseSyntax(IdentifierSyntax? Transform, IdentifierSyntax Variable, TextSpan Span) : SyntaxNode(Span);

public abstract record FormulaTermSyntax(TextSpan Span) : SyntaxNode(Span);

public enum FormulaOperator
{
    /// <summary>A single factor, no operator.</summary>
    None,

    /// <summary><c>a * b</c>: main effects and their interaction.</summary>
    Crossed,

    /// <summary><c>a : b</c>: the interaction only.</summary>
    Interaction,
}

/// <summary>A fixed-effect term: one factor, or factors joined by one operator.</summary>
public sealed record FixedTermSyntax(ImmutableArray<FormulaFactorSyntax> Factors, FormulaOperator Operator, TextSpan Span)
    : FormulaTermSyntax(Span);

/// <summary>
/// <c>group</c>, <c>age</c>, <c>factor(month)</c>, or an expression such as <c>log(bili)</c> or <c>age / 10</c>.
/// <see cref="Expression"/> is what is inside <c>factor(...)</c> when <see cref="AsFactor"/>.
/// </summary>
public sealed record FormulaFactorSyntax(ExpressionSyntax Expression, bool AsFactor, TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>The variable's name when the factor is a plain name (<c>age</c>, <c>factor(month)</c>); else null.</summary>
    public IdentifierSyntax? Variable => Expression is NameExpressionSyntax { Qualifier: null } name ? name.Name : null;
}

/// <summary>
/// <c>(1 | id)</c>, <c>(1 + month | id)</c>, <c>(month | id)</c> (intercept implied, as lme4) or <c>(0 + month | id)</c>
/// (slope only: <see cref="Intercept"/> false); <see cref="Uncorrelated"/> for lme4's double bar, <c>(month || id)</c>.
/// </summary>
public sealed record RandomTermSyntax(bool Intercept, IdentifierSyntax? Slope, IdentifierSyntax Grouping, TextSpan Span)
    : FormulaTermSyntax(Span)
{
    /// <summary>Written with <c>||</c>: the intercept and the slope are independent terms, <c>(1 | id) + (0 + month | id)</c>.</summary>
    public bool Uncorrelated { get; init; }
}
