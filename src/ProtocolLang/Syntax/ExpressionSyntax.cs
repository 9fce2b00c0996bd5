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

/// <summary><c>f(a, b)</c>; the binder checks the function name and arity.</summary>
public sealed record CallExpressionSyntax(IdentifierSyntax Function, ImmutableArray<ExpressionSyntax> Arguments, TextSpan Span)
    : ExpressionSyntax(Span);

/// <summary><c>if c then a else b</c></summary>
public sealed record ConditionalExpressionSyntax(
    ExpressionSyntax Condition,
    ExpressionSyntax WhenTrue,
    ExpressionSyntax WhenFalse,
    TextSpan Span) : ExpressionSyntax(Span);
