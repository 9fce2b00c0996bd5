using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// Child-table aggregates in a subject-level derive (issue 12, item 5):
/// <c>first(visits.score where week == 0)</c>, <c>count(visits where score is not missing)</c>,
/// <c>any(visits.ck > 1000)</c>. The argument names the child table (<c>table.column</c>, or the bare table
/// name for <c>count</c>); inside the parentheses bare names are that table's columns and derives.
/// </summary>
public sealed partial class Binder
{
    private static readonly Dictionary<string, AggregateFunction> Aggregates = new(System.StringComparer.Ordinal)
    {
        ["first"] = AggregateFunction.First,
        ["last"] = AggregateFunction.Last,
        ["min"] = AggregateFunction.Min,
        ["max"] = AggregateFunction.Max,
        ["mean"] = AggregateFunction.Mean,
        ["sum"] = AggregateFunction.Sum,
        ["count"] = AggregateFunction.Count,
        ["any"] = AggregateFunction.Any,
        ["all"] = AggregateFunction.All,
    };

    /// <summary>The aggregate a call means, or null. <c>min(a, b)</c> and <c>max(a, b)</c> stay the scalar functions.</summary>
    private static AggregateFunction? AggregateCall(CallExpressionSyntax syntax)
    {
        if (!Aggregates.TryGetValue(syntax.Function.Name, out var function))
        {
            return null;
        }

        var scalar = function is AggregateFunction.Min or AggregateFunction.Max
            && syntax.Arguments.Length == 2 && syntax.Over is null && syntax.Where is null;
        return scalar ? null : function;
    }

    /// <summary><c>over</c>/<c>where</c> in a call of an ordinary function (bound as if they were absent).</summary>
    private void ReportAggregateClauses(CallExpressionSyntax syntax)
    {
        const string Why = "'over' and 'where' belong to the child-table aggregates (first, last, min, max, mean, sum, count, any, all)";
        if (syntax.Over is { } over)
        {
            _diagnostics.Add(DiagnosticDescriptors.ClauseNotAllowedInCall, over.Span, "over", syntax.Function.Name, Why);
        }

        if (syntax.Where is { } where)
        {
            _diagnostics.Add(DiagnosticDescriptors.ClauseNotAllowedInCall, where.Span, "where", syntax.Function.Name, Why);
        }
    }

    private BoundExpression BindAggregate(CallExpressionSyntax syntax, AggregateFunction function, ExpressionContext context)
    {
        var name = syntax.Function.Name;
        var subjects = SubjectScope!;
        if (!context.AllowsAggregates)
        {
            _diagnostics.Add(DiagnosticDescriptors.AggregateNotInSubjectDerive, syntax.Span, name, subjects.Name);
            return new BoundErrorExpression(syntax.Span);
        }

        if (syntax.Arguments.Length != 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongArgumentCount, syntax.Span, name, "1 argument (and optional 'over' and 'where')",
                Arguments(syntax.Arguments.Length));
            return new BoundErrorExpression(syntax.Span);
        }

        var argument = syntax.Arguments[0];
        var child = AggregateTable(syntax, argument, subjects);
        if (child is null)
        {
            return new BoundErrorExpression(syntax.Span);
        }

        var inner = new ExpressionContext(child);
        var countsRows = function == AggregateFunction.Count && IsTableName(argument, child);
        var value = countsRows ? null : BindExpression(argument, inner);
        var where = syntax.Where is { } w ? BindPredicate(w.Predicate, inner, "the 'where' of '" + name + "'") : null;
        ColumnSymbol? order = null;
        if (function is AggregateFunction.First or AggregateFunction.Last)
        {
            order = AggregateOrder(syntax, child);
            if (order is null)
            {
                return new BoundErrorExpression(syntax.Span);
            }
        }
        else if (syntax.Over is { } over)
        {
            _diagnostics.Add(DiagnosticDescriptors.ClauseNotAllowedInCall, over.Span, "over", name,
                "only first and last take their rows in order");
        }

        var type = AggregateType(function, name, value);
        return new BoundAggregate(function, child.Name, value, where, order, type, syntax.Span);
    }

    private BoundType AggregateType(AggregateFunction function, string name, BoundExpression? value)
    {
        var what = "the value of '" + name + "'";
        switch (function)
        {
            case AggregateFunction.First:
            case AggregateFunction.Last:
                return value!.Type.Kind == TypeKind.Missing ? BoundType.Number : value.Type;
            case AggregateFunction.Count:
                return BoundType.Integer;
            case AggregateFunction.Any:
            case AggregateFunction.All:
                ExpectType(value!, BoundType.Bool, what);
                return BoundType.Bool;
            default:
                ExpectType(value!, BoundType.Number, what);
                return BoundType.Number;
        }
    }

    /// <summary>The one child table the aggregate reads, or null (reported).</summary>
    private TableScope? AggregateTable(CallExpressionSyntax syntax, ExpressionSyntax argument, TableScope subjects)
    {
        var qualifiers = new List<IdentifierSyntax>();
        if (argument is NameExpressionSyntax { Qualifier: null } bare && FindTable(bare.Name.Name) is not null
            && !subjects.Columns.ContainsKey(bare.Name.Name) && !subjects.Derives.ContainsKey(bare.Name.Name))
        {
            qualifiers.Add(bare.Name);
        }

        CollectQualifiers(argument, qualifiers);
        if (syntax.Where is { } where)
        {
            CollectQualifiers(where.Predicate, qualifiers);
        }

        var name = syntax.Function.Name;
        var children = _tables.Where(t => t.Parent == subjects.Name).Select(t => t.Name).ToList();
        var distinct = qualifiers.Select(q => q.Name).Distinct(System.StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.AggregateNeedsChildTable, argument.Span, name, subjects.Name, ChildTablesText(children));
            return null;
        }

        if (distinct.Count > 1)
        {
            var second = qualifiers.First(q => q.Name != distinct[0]);
            _diagnostics.Add(DiagnosticDescriptors.AggregateOverSeveralTables, second.Span, name, distinct[0], distinct[1]);
            return null;
        }

        var first = qualifiers[0];
        var table = FindTable(first.Name);
        if (table is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownTable, first.Span, first.Name, NameSuggestions.DidYouMean(first.Name, children));
            return null;
        }

        if (table.Parent != subjects.Name)
        {
            _diagnostics.Add(DiagnosticDescriptors.AggregateNeedsChildTable, first.Span, name, subjects.Name, ChildTablesText(children));
            return null;
        }

        return table;
    }

    private static string ChildTablesText(List<string> children) =>
        children.Count == 0 ? "none is declared" : "declared: " + string.Join(", ", children);

    private static bool IsTableName(ExpressionSyntax argument, TableScope table) =>
        argument is NameExpressionSyntax { Qualifier: null } bare && bare.Name.Name == table.Name
        && !table.Columns.ContainsKey(bare.Name.Name) && !table.Derives.ContainsKey(bare.Name.Name);

    /// <summary>The qualifiers of every <c>table.name</c> in an expression (not inside nested calls' clauses, which bind on their own).</summary>
    private static void CollectQualifiers(ExpressionSyntax expression, List<IdentifierSyntax> into) =>
        into.AddRange(expression.Names().Where(n => n.Qualifier is not null).Select(n => n.Qualifier!));

    /// <summary>
    /// The column that orders <c>first</c>/<c>last</c>: <c>over column</c>, else the time column of the
    /// repeated outcomes declared on the table when they all use one.
    /// </summary>
    private ColumnSymbol? AggregateOrder(CallExpressionSyntax syntax, TableScope child)
    {
        var name = syntax.Function.Name;
        if (syntax.Over is { } over)
        {
            var column = over.Column;
            if (!child.Columns.TryGetValue(column.Name, out var symbol))
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownColumn, column.Span, column.Name, child.Name,
                    NameSuggestions.DidYouMean(column.Name, child.ColumnList.Select(c => c.Name)));
                return null;
            }

            if (!symbol.Type.IsNumeric && symbol.Type.Kind is not TypeKind.Date and not TypeKind.Error)
            {
                _diagnostics.Add(DiagnosticDescriptors.TypeMismatch, column.Span, "the 'over' column of '" + name + "'",
                    "a number or a date", symbol.Type.Display);
                return null;
            }

            return symbol;
        }

        var times = _study.Declarations.OfType<OutcomeSyntax>()
            .Select(o => o.Kind)
            .OfType<RepeatedOutcomeSyntax>()
            .Where(r => r.Table.Name == child.Name)
            .Select(r => r.Time.Name)
            .Distinct(System.StringComparer.Ordinal)
            .ToList();
        if (times.Count == 1 && child.Columns.TryGetValue(times[0], out var time) && (time.Type.IsNumeric || time.Type.Kind == TypeKind.Date))
        {
            return time;
        }

        var why = times.Count == 0
            ? "no repeated outcome on it names a time column"
            : "its repeated outcomes use " + (times.Count == 1 ? "time column '" + times[0] + "', which is not a number or date column" : "several time columns (" + string.Join(", ", times) + ")");
        _diagnostics.Add(DiagnosticDescriptors.AggregateNeedsOrder, syntax.Function.Span, name, child.Name, why);
        return null;
    }
}
