using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

public sealed record NumberLiteralExpressionSyntax(NumberSyntax Number) : ExpressionSyntax(Number.Span);

public sealed record StringLiteralExpressionSyntax(StringSyntax String) : ExpressionSyntax(String.Span);

public sealed record BoolLiteralExpressionSyntax(bool Value, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>The literal <c>missing</c>.</summary>
public sealed record MissingLiteralExpressionSyntax(TextSpan Span) : ExpressionSyntax(Span);

/// <summary><c>name</c> or <c>table.name</c>.</summary>
public sealed record NameExpressionSyntax(IdentifierSyntax? Qualifier, IdentifierSyntax Name, TextSpan Span)
    : ExpressionSyntax(Span);

public sealed record ParenthesizedExpressionSyntax(ExpressionSyntax Inner, TextSpan Span) : ExpressionSyntax(Span);

public enum UnaryOperator
{
    Negate,
    Not,
}

public sealed record UnaryExpressionSyntax(UnaryOperator Operator, ExpressionSyntax Operand, TextSpan Span)
    : ExpressionSyntax(Span);

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

public sealed record BinaryExpressionSyntax(
    BinaryOperator Operator,
    ExpressionSyntax Left,
    ExpressionSyntax Right,
    TextSpan OperatorSpan,
    TextSpan Span) : ExpressionSyntax(Span);

/// <summary><c>expr is missing</c> / <c>expr is not missing</c>.</summary>
public sealed record IsMissingExpressionSyntax(ExpressionSyntax Operand, bool Negated, TextSpan Span) : ExpressionSyntax(Span);

/// <summary><c>expr in (a, b)</c> / <c>expr not in (a, b)</c>.</summary>
public sealed record InExpressionSyntax(
    ExpressionSyntax Operand,
    ImmutableArray<ExpressionSyntax> Values,
    bool Negated,
    TextSpan Span) : ExpressionSyntax(Span);

/// <summary>
/// <c>f(a, b)</c>; the binder checks the function name and arity. A child-table aggregate may end its
/// arguments with <c>over column</c> and <c>where predicate</c> (either order):
/// <c>first(visits.score over week where week == 0)</c>; the binder refuses them on other functions.
/// </summary>
public sealed record CallExpressionSyntax(IdentifierSyntax Function, ImmutableArray<ExpressionSyntax> Arguments, TextSpan Span)
    : ExpressionSyntax(Span)
{
    /// <summary><c>over column</c>, or null.</summary>
    public OverClauseSyntax? Over { get; init; }

    /// <summary><c>where predicate</c> over the child row, or null.</summary>
    public WhereClauseSyntax? Where { get; init; }
}

/// <summary><c>over column</c> inside an aggregate: the child table's column that orders <c>first</c>/<c>last</c>.</summary>
public sealed record OverClauseSyntax(IdentifierSyntax Column, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>where predicate</c> inside an aggregate: which child rows it summarises.</summary>
public sealed record WhereClauseSyntax(ExpressionSyntax Predicate, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>if c then a else b</c></summary>
public sealed record ConditionalExpressionSyntax(
    ExpressionSyntax Condition,
    ExpressionSyntax WhenTrue,
    ExpressionSyntax WhenFalse,
    TextSpan Span) : ExpressionSyntax(Span);
