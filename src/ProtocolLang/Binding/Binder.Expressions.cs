using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    /// <summary>The table an expression belongs to: bare names are its columns and derives.</summary>
    private sealed record ExpressionContext(TableScope Table)
    {
        /// <summary>True in a derive of the subject table: the one place a child-table aggregate may stand.</summary>
        public bool AllowsAggregates { get; init; }
    }

    private BoundExpression BindExpression(ExpressionSyntax syntax, ExpressionContext context) => syntax switch
    {
        NumberLiteralExpressionSyntax n => new BoundNumberLiteral(n.Number.Value, n.Span),
        StringLiteralExpressionSyntax s => new BoundTextLiteral(s.String.Value, s.Span),
        BoolLiteralExpressionSyntax b => new BoundBoolLiteral(b.Value, b.Span),
        MissingLiteralExpressionSyntax m => new BoundMissingLiteral(m.Span),
        NameExpressionSyntax name => BindName(name, context),
        ParenthesizedExpressionSyntax p => BindExpression(p.Inner, context),
        UnaryExpressionSyntax u => BindUnary(u, context),
        BinaryExpressionSyntax b => BindBinary(b, context),
        IsMissingExpressionSyntax m => BindIsMissing(m, context),
        InExpressionSyntax i => BindIn(i, context),
        CallExpressionSyntax c => BindCall(c, context),
        ConditionalExpressionSyntax c => BindConditional(c, context),
        _ => new BoundErrorExpression(syntax.Span),
    };

    /// <summary>Binds an expression that must be bool (criteria, group predicates, conditions).</summary>
    private BoundExpression BindPredicate(ExpressionSyntax syntax, ExpressionContext context, string what)
    {
        var bound = BindExpression(syntax, context);
        ExpectType(bound, BoundType.Bool, what);
        return bound;
    }

    private void ExpectType(BoundExpression bound, BoundType expected, string what)
    {
        if (bound.Type.IsLenient || bound.Type.Kind == expected.Kind || (expected.IsNumeric && bound.Type.IsNumeric))
        {
            return;
        }

        _diagnostics.Add(DiagnosticDescriptors.TypeMismatch, bound.Span, what, expected.Display, bound.Type.Display);
    }

    private BoundExpression BindName(NameExpressionSyntax syntax, ExpressionContext context)
    {
        var table = context.Table;
        if (syntax.Qualifier is { } qualifier)
        {
            var named = FindTable(qualifier.Name);
            if (named is null)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownTable, qualifier.Span, qualifier.Name,
                    NameSuggestions.DidYouMean(qualifier.Name, _tables.Select(t => t.Name)));
                return new BoundErrorExpression(syntax.Span);
            }

            if (!ReferenceEquals(named, table))
            {
                _diagnostics.Add(DiagnosticDescriptors.CrossTableReference, syntax.Span, table.Name, named.Name);
                return new BoundErrorExpression(syntax.Span);
            }
        }

        var name = syntax.Name.Name;
        if (table.Columns.TryGetValue(name, out var column))
        {
            return new BoundColumnReference(column, syntax.Span);
        }

        if (table.Derives.TryGetValue(name, out var slot))
        {
            var type = BindDerive(table, slot);
            return new BoundDeriveReference(table.Name, name, type, syntax.Span);
        }

        if (syntax.Qualifier is null && name == "group")
        {
            _diagnostics.Add(DiagnosticDescriptors.GroupNotAllowedHere, syntax.Span);
            return new BoundErrorExpression(syntax.Span);
        }

        if (syntax.Qualifier is null && RHabitConstant(syntax.Name) is { } habit)
        {
            return habit;
        }

        _diagnostics.Add(DiagnosticDescriptors.UnknownColumn, syntax.Name.Span, name, table.Name,
            NameSuggestions.DidYouMean(name, table.AllNames));
        return new BoundErrorExpression(syntax.Span);
    }

    /// <summary>R's <c>TRUE</c>, <c>FALSE</c> and <c>NA</c> where no column has the name: a hint, then the value meant (NA: an error expression).</summary>
    private BoundExpression? RHabitConstant(IdentifierSyntax name)
    {
        switch (name.Name)
        {
            case "TRUE":
                _diagnostics.Add(DiagnosticDescriptors.RLogicalConstant, name.Span, name.Name, "true");
                return new BoundBoolLiteral(true, name.Span);
            case "FALSE":
                _diagnostics.Add(DiagnosticDescriptors.RLogicalConstant, name.Span, name.Name, "false");
                return new BoundBoolLiteral(false, name.Span);
            case "NA":
                // An error, not the missing literal: 'x == NA' would otherwise be reported twice.
                _diagnostics.Add(DiagnosticDescriptors.RMissingConstant, name.Span);
                return new BoundErrorExpression(name.Span);
            default:
                return null;
        }
    }

    private BoundExpression BindUnary(UnaryExpressionSyntax syntax, ExpressionContext context)
    {
        var operand = BindExpression(syntax.Operand, context);
        if (syntax.Operator == UnaryOperator.Not)
        {
            ExpectType(operand, BoundType.Bool, "the operand of 'not'");
            return new BoundUnary(UnaryOperator.Not, operand, BoundType.Bool, syntax.Span);
        }

        if (!operand.Type.IsNumeric && !operand.Type.IsLenient)
        {
            _diagnostics.Add(DiagnosticDescriptors.OperatorTypeMismatch, syntax.Span, "-", "a number", operand.Type.Display);
        }

        return new BoundUnary(UnaryOperator.Negate, operand, BoundType.Number, syntax.Span);
    }

    private BoundExpression BindBinary(BinaryExpressionSyntax syntax, ExpressionContext context)
    {
        var left = BindExpression(syntax.Left, context);
        switch (syntax.Operator)
        {
            case BinaryOperator.And:
            case BinaryOperator.Or:
            {
                var word = syntax.Operator == BinaryOperator.And ? "and" : "or";
                var right = BindExpression(syntax.Right, context);
                ExpectType(left, BoundType.Bool, "the operand of '" + word + "'");
                ExpectType(right, BoundType.Bool, "the operand of '" + word + "'");
                return new BoundBinary(syntax.Operator, left, right, BoundType.Bool, syntax.Span);
            }

            case BinaryOperator.Equal:
            case BinaryOperator.NotEqual:
            {
                if (left is BoundErrorExpression && syntax.Left is NameExpressionSyntax { Qualifier: null, Name.Name: "group" })
                {
                    // 'group == X' outside a model: already reported; X is a group name, not a column.
                    return left;
                }

                var right = BindComparand(syntax.Right, left.Type, context);
                if (left is BoundMissingLiteral || right is BoundMissingLiteral)
                {
                    _diagnostics.Add(DiagnosticDescriptors.MissingAsComparand, syntax.Span);
                }
                else if (!left.Type.IsComparableWith(right.Type))
                {
                    _diagnostics.Add(DiagnosticDescriptors.IncompatibleComparison, syntax.OperatorSpan, left.Type.Display, right.Type.Display);
                }

                return new BoundBinary(syntax.Operator, left, right, BoundType.Bool, syntax.Span);
            }

            case BinaryOperator.Less:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.Greater:
            case BinaryOperator.GreaterOrEqual:
            {
                var right = BindExpression(syntax.Right, context);
                if (left is BoundMissingLiteral || right is BoundMissingLiteral)
                {
                    _diagnostics.Add(DiagnosticDescriptors.MissingAsComparand, syntax.Span);
                }
                else if (!IsOrdered(left.Type, right.Type))
                {
                    _diagnostics.Add(DiagnosticDescriptors.OperatorTypeMismatch, syntax.OperatorSpan, OperatorText(syntax.Operator),
                        "two numbers or two dates", left.Type.Display + " and " + right.Type.Display);
                }

                return new BoundBinary(syntax.Operator, left, right, BoundType.Bool, syntax.Span);
            }

            default:
            {
                var right = BindExpression(syntax.Right, context);
                var leftOk = left.Type.IsNumeric || left.Type.IsLenient;
                var rightOk = right.Type.IsNumeric || right.Type.IsLenient;
                if (!leftOk || !rightOk)
                {
                    _diagnostics.Add(DiagnosticDescriptors.OperatorTypeMismatch, syntax.OperatorSpan, OperatorText(syntax.Operator),
                        "numbers", left.Type.Display + " and " + right.Type.Display);
                }

                if (syntax.Operator == BinaryOperator.Divide && IsLiteralZero(right))
                {
                    _diagnostics.Add(DiagnosticDescriptors.DivisionByLiteralZero, syntax.Span, Snippet(syntax.Span));
                }

                return new BoundBinary(syntax.Operator, left, right, BoundType.Number, syntax.Span);
            }
        }
    }

    /// <summary><c>0</c>, <c>0.0</c>, <c>-0</c> or <c>(0)</c>: a divisor that makes every row undefined.</summary>
    private static bool IsLiteralZero(BoundExpression expression) => expression switch
    {
        BoundNumberLiteral { Value: 0 } => true,
        BoundUnary { Operator: UnaryOperator.Negate } negate => IsLiteralZero(negate.Operand),
        _ => false,
    };

    private static bool IsOrdered(BoundType left, BoundType right)
    {
        if (left.Kind == TypeKind.Error || right.Kind == TypeKind.Error)
        {
            return true;
        }

        return (left.IsNumeric && right.IsNumeric) || (left.Kind == TypeKind.Date && right.Kind == TypeKind.Date);
    }

    private static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "and",
        _ => "or",
    };

    /// <summary>
    /// The right of <c>==</c>, <c>!=</c> or a value of <c>in</c>: against a category, a bare name, a number or a string is a level,
    /// written as in the declaration (<c>sex == F</c>, <c>sex == 1</c>, <c>rx == "Lev+5FU"</c>).
    /// </summary>
    private BoundExpression BindComparand(ExpressionSyntax syntax, BoundType against, ExpressionContext context)
    {
        if (against.Kind == TypeKind.Category && LevelLiteral(syntax) is { } literal)
        {
            var category = against.Category!;
            var index = category.IndexOfLiteral(literal.Text, literal.Number);
            if (index >= 0)
            {
                return new BoundLevel(category, index, syntax.Span);
            }

            _diagnostics.Add(DiagnosticDescriptors.UnknownLevel, syntax.Span, literal.Text, category.Column,
                string.Join(", ", category.Levels), NameSuggestions.DidYouMean(literal.Text, category.Levels));
            return new BoundErrorExpression(syntax.Span);
        }

        if (against.Kind == TypeKind.Category && syntax is NameExpressionSyntax { Qualifier: null } name)
        {
            var category = against.Category!;
            var index = category.Levels.IndexOf(name.Name.Name);
            if (index >= 0)
            {
                return new BoundLevel(category, index, syntax.Span);
            }

            if (!context.Table.Columns.ContainsKey(name.Name.Name) && !context.Table.Derives.ContainsKey(name.Name.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownLevel, name.Name.Span, name.Name.Name, category.Column,
                    string.Join(", ", category.Levels), NameSuggestions.DidYouMean(name.Name.Name, category.Levels));
                return new BoundErrorExpression(syntax.Span);
            }
        }

        return BindExpression(syntax, context);
    }

    /// <summary>A number (<c>2</c>, <c>-1</c>) or string literal compared with a category: the level's text and, for a number, its value.</summary>
    private static (string Text, double? Number)? LevelLiteral(ExpressionSyntax syntax) => syntax switch
    {
        NumberLiteralExpressionSyntax n => (n.Number.Text, n.Number.Value),
        StringLiteralExpressionSyntax s => (s.String.Value, null),
        UnaryExpressionSyntax { Operator: UnaryOperator.Negate, Operand: NumberLiteralExpressionSyntax n } => ("-" + n.Number.Text, -n.Number.Value),
        _ => null,
    };

    private BoundExpression BindIsMissing(IsMissingExpressionSyntax syntax, ExpressionContext context)
    {
        var operand = BindExpression(syntax.Operand, context);
        if (operand is BoundColumnReference { Column.Optional: false } column)
        {
            _diagnostics.Add(DiagnosticDescriptors.RequiredNeverMissing, syntax.Span, column.Column.Name,
                syntax.Negated ? "not " : string.Empty, syntax.Negated ? "true" : "false");
        }

        return new BoundIsMissing(operand, syntax.Negated, syntax.Span);
    }

    private BoundExpression BindIn(InExpressionSyntax syntax, ExpressionContext context)
    {
        var operand = BindExpression(syntax.Operand, context);
        var values = ImmutableArray.CreateBuilder<BoundExpression>(syntax.Values.Length);
        foreach (var valueSyntax in syntax.Values)
        {
            var value = BindComparand(valueSyntax, operand.Type, context);
            if (value.Type.Kind == TypeKind.Error)
            {
                values.Add(value);
                continue;
            }

            if (!IsConstant(value))
            {
                _diagnostics.Add(DiagnosticDescriptors.InValueNotConstant, value.Span);
            }
            else if (!operand.Type.IsComparableWith(value.Type) || value is BoundMissingLiteral)
            {
                _diagnostics.Add(DiagnosticDescriptors.IncompatibleComparison, value.Span, operand.Type.Display, value.Type.Display);
            }

            values.Add(value);
        }

        return new BoundIn(operand, values.ToImmutable(), syntax.Negated, syntax.Span);
    }

    private static bool IsConstant(BoundExpression value) => value switch
    {
        BoundNumberLiteral or BoundTextLiteral or BoundBoolLiteral or BoundLevel => true,
        BoundUnary { Operator: UnaryOperator.Negate, Operand: BoundNumberLiteral } => true,
        _ => false,
    };

    private BoundExpression BindCall(CallExpressionSyntax syntax, ExpressionContext context)
    {
        if (AggregateCall(syntax) is { } aggregate)
        {
            return BindAggregate(syntax, aggregate, context);
        }

        ReportAggregateClauses(syntax);
        var arguments = syntax.Arguments.Select(a => BindExpression(a, context)).ToImmutableArray();
        var function = BuiltinFunctionInfo.Find(syntax.Function.Name);
        if (function is null)
        {
            var names = BuiltinFunctionInfo.All.Select(f => f.Name).ToArray();
            _diagnostics.Add(DiagnosticDescriptors.UnknownFunction, syntax.Function.Span, syntax.Function.Name,
                NameSuggestions.DidYouMean(syntax.Function.Name, names), string.Join(", ", names));
            return new BoundErrorExpression(syntax.Span);
        }

        if (arguments.Length < function.MinArity || arguments.Length > function.MaxArity)
        {
            var expected = function.MinArity == function.MaxArity
                ? Arguments(function.MinArity)
                : function.MinArity.ToString(System.Globalization.CultureInfo.InvariantCulture) + " or " + Arguments(function.MaxArity);
            _diagnostics.Add(DiagnosticDescriptors.WrongArgumentCount, syntax.Span, function.Name, expected, Arguments(arguments.Length));
            return new BoundErrorExpression(syntax.Span);
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            ExpectType(arguments[i], function.Parameters[i],
                "argument " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " of '" + function.Name + "'");
        }

        return new BoundCall(function.Function, arguments, syntax.Span);
    }

    private static string Arguments(int count) =>
        count.ToString(System.Globalization.CultureInfo.InvariantCulture) + (count == 1 ? " argument" : " arguments");

    private BoundExpression BindConditional(ConditionalExpressionSyntax syntax, ExpressionContext context)
    {
        var condition = BindPredicate(syntax.Condition, context, "the condition of 'if'");
        var whenTrue = BindExpression(syntax.WhenTrue, context);
        var whenFalse = BindExpression(syntax.WhenFalse, context);
        var type = UnifyBranches(whenTrue.Type, whenFalse.Type);
        if (type is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.BranchTypeMismatch, syntax.Span, whenTrue.Type.Display, whenFalse.Type.Display);
            type = BoundType.Error;
        }

        return new BoundConditional(condition, whenTrue, whenFalse, type, syntax.Span);
    }

    private static BoundType? UnifyBranches(BoundType a, BoundType b)
    {
        if (a.Kind == TypeKind.Error || b.Kind == TypeKind.Error)
        {
            return BoundType.Error;
        }

        if (a.Kind == TypeKind.Missing)
        {
            return b.Kind == TypeKind.Integer ? BoundType.Number : b;
        }

        if (b.Kind == TypeKind.Missing)
        {
            return a.Kind == TypeKind.Integer ? BoundType.Number : a;
        }

        if (a.IsNumeric && b.IsNumeric)
        {
            return BoundType.Number;
        }

        return a.IsComparableWith(b) ? a : null;
    }
}
