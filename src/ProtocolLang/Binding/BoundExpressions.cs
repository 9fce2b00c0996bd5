using System.Collections.Immutable;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>An expression after binding: every name resolved, every node typed.</summary>
public abstract record BoundExpression(BoundType Type, TextSpan Span);

public sealed record BoundNumberLiteral(double Value, TextSpan Span) : BoundExpression(BoundType.Number, Span);

public sealed record BoundTextLiteral(string Value, TextSpan Span) : BoundExpression(BoundType.Text, Span);

public sealed record BoundBoolLiteral(bool Value, TextSpan Span) : BoundExpression(BoundType.Bool, Span);

public sealed record BoundMissingLiteral(TextSpan Span) : BoundExpression(BoundType.Missing, Span);

/// <summary>A level of a category, e.g. <c>NXP2</c> on the right of <c>antibody ==</c>.</summary>
public sealed record BoundLevel(CategoryInfo Category, int Index, TextSpan Span)
    : BoundExpression(BoundType.OfCategory(Category), Span)
{
    public string Name => Category.Levels[Index];
}

public sealed record BoundColumnReference(ColumnSymbol Column, TextSpan Span) : BoundExpression(Column.Type, Span);

/// <summary>A reference to a derived variable of the same table (by name; derives may refer to each other in any order).</summary>
public sealed record BoundDeriveReference(string Table, string Name, BoundType DeriveType, TextSpan Span)
    : BoundExpression(DeriveType, Span);

/// <summary><c>group</c>: the study's group factor (only in a mixed model's <c>where</c>).</summary>
public sealed record BoundGroupReference(TextSpan Span) : BoundExpression(BoundType.Error, Span);

/// <summary>A group name on the right of <c>group ==</c>.</summary>
public sealed record BoundGroupName(string Name, TextSpan Span) : BoundExpression(BoundType.Error, Span);

public sealed record BoundUnary(UnaryOperator Operator, BoundExpression Operand, BoundType ResultType, TextSpan Span)
    : BoundExpression(ResultType, Span);

public sealed record BoundBinary(
    BinaryOperator Operator,
    BoundExpression Left,
    BoundExpression Right,
    BoundType ResultType,
    TextSpan Span) : BoundExpression(ResultType, Span);

public sealed record BoundIsMissing(BoundExpression Operand, bool Negated, TextSpan Span) : BoundExpression(BoundType.Bool, Span);

/// <summary><c>x in (a, b)</c>; the values are constants of the operand's type.</summary>
public sealed record BoundIn(BoundExpression Operand, ImmutableArray<BoundExpression> Values, bool Negated, TextSpan Span)
    : BoundExpression(BoundType.Bool, Span);

public sealed record BoundCall(BuiltinFunction Function, ImmutableArray<BoundExpression> Arguments, TextSpan Span)
    : BoundExpression(BoundType.Number, Span);

public sealed record BoundConditional(
    BoundExpression Condition,
    BoundExpression WhenTrue,
    BoundExpression WhenFalse,
    BoundType ResultType,
    TextSpan Span) : BoundExpression(ResultType, Span);

/// <summary>The summaries of a child table per subject (issue 12): <c>first(visits.score where week == 0)</c>.</summary>
public enum AggregateFunction
{
    First,
    Last,
    Min,
    Max,
    Mean,
    Sum,
    Count,
    Any,
    All,
}

/// <summary>
/// An aggregate over the rows of child table <paramref name="Table"/> that belong to one subject; only in a
/// derived variable of the subject table, computed once per subject before criteria and groups.
/// </summary>
/// <param name="Value">Over the child row; null for <c>count(table)</c>.</param>
/// <param name="Where">Over the child row: the rows it is true for are summarised (false or missing: left out); null = all.</param>
/// <param name="Order">The child's time column that orders <c>first</c>/<c>last</c>; null for the others.</param>
public sealed record BoundAggregate(
    AggregateFunction Function,
    string Table,
    BoundExpression? Value,
    BoundExpression? Where,
    ColumnSymbol? Order,
    BoundType ResultType,
    TextSpan Span) : BoundExpression(ResultType, Span);

/// <summary>An expression that failed to bind (already reported).</summary>
public sealed record BoundErrorExpression(TextSpan Span) : BoundExpression(BoundType.Error, Span);
