using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Syntax;

namespace ProtocolLang.Emit;

/// <summary>
/// Child-table aggregates in subject-level derives. Each aggregate is an init property of the subject row
/// (<c>Aggregate1</c>, ...), filled by <c>AddAggregates</c> from the child rows before the cohort is formed,
/// so criteria, groups and analyses read a derive that uses one like any other. One pass per aggregate
/// over the child rows grouped by subject (<c>ChildAggregates.Group</c>), one value per subject.
/// </summary>
public sealed partial class CSharpEmitter
{
    /// <summary>The aggregates of the subject table's derives, in declaration order (left to right within one).</summary>
    internal static ImmutableArray<BoundAggregate> CollectAggregates(TableSymbol subjects)
    {
        var found = ImmutableArray.CreateBuilder<BoundAggregate>();
        foreach (var derive in subjects.Derived)
        {
            var pending = new Stack<BoundExpression>();
            pending.Push(derive.Expression);
            while (pending.Count > 0)
            {
                var expression = pending.Pop();
                foreach (var child in ChildrenOf(expression).Reverse())
                {
                    pending.Push(child);
                }

                if (expression is BoundAggregate aggregate)
                {
                    found.Add(aggregate);
                }
            }
        }

        return found.ToImmutable();
    }

    /// <summary>The subexpressions evaluated on the subject row (an aggregate's own parts are over the child row).</summary>
    private static IEnumerable<BoundExpression> ChildrenOf(BoundExpression expression) => expression switch
    {
        BoundUnary u => [u.Operand],
        BoundBinary b => [b.Left, b.Right],
        BoundIsMissing m => [m.Operand],
        BoundIn i => new[] { i.Operand }.Concat(i.Values),
        BoundCall c => c.Arguments,
        BoundConditional c => [c.Condition, c.WhenTrue, c.WhenFalse],
        _ => [],
    };

    /// <summary>The child tables the aggregates read, in table order.</summary>
    private List<TableSymbol> AggregateTables() =>
        _study.Tables.Where(t => _names.Aggregates.Any(a => a.Table == t.Name)).ToList();

    private void EmitAggregateProperties(TableSymbol table, ExpressionEmitter expressions)
    {
        if (!ReferenceEquals(table, _study.SubjectTable))
        {
            return;
        }

        foreach (var aggregate in _names.Aggregates)
        {
            _w.Line();
            _w.Line("/// <summary>Aggregate <c>" + FunctionName(aggregate.Function) + "</c> over table <c>" + CSharpLiterals.CommentText(aggregate.Table)
                + "</c>, set by <c>" + _names.AddAggregates + "</c> before criteria and groups.</summary>");
            _w.Line("public " + expressions.DeriveType(aggregate.Type).Declared + " " + _names.Aggregate(aggregate) + " { get; init; }");
        }
    }

    private static string FunctionName(AggregateFunction function) => function.ToString().ToLowerInvariant();

    /// <summary><c>AddAggregates(subjects, visits, ...)</c>: the subject rows with every aggregate set.</summary>
    private void EmitAddAggregates()
    {
        if (_names.Aggregates.IsEmpty)
        {
            return;
        }

        var subjectTable = _study.SubjectTable;
        var row = SubjectRow;
        var tables = AggregateTables();
        var locals = new LocalNames(_names, "subjects", "rows", "i", "r");
        var parameters = tables.ToDictionary(t => t.Name, t => locals.Allocate(t.Name));
        var groups = tables.ToDictionary(t => t.Name, t => locals.Allocate(t.Name + "_by_subject"));
        var values = _names.Aggregates.Select(a => locals.Allocate(_names.Aggregate(a))).ToList();

        _w.Line();
        _w.Line("/// <summary>Each subject's aggregates over its child-table rows, computed once, before criteria and groups read them.</summary>");
        _w.Write("public static " + RuntimeTypes.IReadOnlyList + "<" + row + "> " + _names.AddAggregates + "(" + RuntimeTypes.IReadOnlyList + "<" + row + "> subjects");
        foreach (var table in tables)
        {
            _w.Write(", " + RuntimeTypes.IReadOnlyList + "<" + _names.Table(table.Name).Row + "> " + parameters[table.Name]);
        }

        _w.Line(")");
        _w.OpenBrace();
        foreach (var table in tables)
        {
            _w.Line("var " + groups[table.Name] + " = " + RuntimeTypes.ChildAggregates + ".Group(subjects, r => " + SubjectKeyText(subjectTable)
                + ", " + parameters[table.Name] + ", r => " + KeyText(table, table.LinkColumn!) + ");");
        }

        for (var i = 0; i < values.Count; i++)
        {
            var aggregate = _names.Aggregates[i];
            _w.Line("var " + values[i] + " = " + groups[aggregate.Table] + "." + AggregateCall(aggregate) + ";");
        }

        _w.Line("var rows = new " + row + "[subjects.Count];");
        _w.Line("for (var i = 0; i < rows.Length; i++)");
        _w.OpenBrace();
        _w.Line("rows[i] = subjects[i] with");
        _w.OpenBrace();
        for (var i = 0; i < values.Count; i++)
        {
            _w.Line(_names.Aggregate(_names.Aggregates[i]) + " = " + values[i] + "[i],");
        }

        _w.CloseBrace(";");
        _w.CloseBrace();
        _w.Line();
        _w.Line("return rows;");
        _w.CloseBrace();
    }

    /// <summary>The runtime call of one aggregate, e.g. <c>First(r => r.Week, r => ..., r => r.Score)</c>.</summary>
    private string AggregateCall(BoundAggregate aggregate)
    {
        var child = LambdaExpressions(aggregate.Table);
        var where = aggregate.Where is null ? "null" : "r => " + child.Emit(aggregate.Where);
        switch (aggregate.Function)
        {
            case AggregateFunction.First:
            case AggregateFunction.Last:
            {
                var order = aggregate.Order!;
                var time = "r => " + OrderValue(order);
                var value = aggregate.Value!;
                var type = child.TypeOf(value);
                var name = FunctionName(aggregate.Function);
                name = char.ToUpperInvariant(name[0]) + name.Substring(1);
                if (type.Kind == TypeKind.Text)
                {
                    return name + "Text(" + time + ", " + where + ", r => " + child.Emit(value) + ")";
                }

                var valueType = value.Type.Kind == TypeKind.Missing ? "double" : child.TypeName(value.Type);
                return name + "<" + valueType + ">(" + time + ", " + where + ", r => " + child.Emit(value) + ")";
            }

            case AggregateFunction.Count:
            {
                // count(visits.x) counts the rows where x is not missing: that test joins the 'where'.
                BoundExpression? kept = aggregate.Where;
                if (aggregate.Value is { } value)
                {
                    var present = new BoundIsMissing(value, Negated: true, value.Span);
                    kept = kept is null ? present : new BoundBinary(BinaryOperator.And, kept, present, BoundType.Bool, kept.Span);
                }

                return "Count(" + (kept is null ? "null" : "r => " + child.Emit(kept)) + ")";
            }

            default:
                return aggregate.Function + "(" + where + ", r => " + child.Emit(aggregate.Value!) + ")";
        }
    }

    /// <summary>The time column as the <c>double?</c> the runtime orders by (a date by its day number).</summary>
    private string OrderValue(ColumnSymbol column)
    {
        var property = "r." + _names.Property(column.Table, column.Name);
        return column.Type.Kind switch
        {
            TypeKind.Date => column.Optional ? "(double?)" + property + "?.DayNumber" : "(double?)" + property + ".DayNumber",
            TypeKind.Integer => "(double?)" + property,
            _ => property,
        };
    }

    /// <summary>What the cohort is formed from: the subject rows, with their aggregates when the study has any.</summary>
    private string SubjectRowsExpression(string readSubjects, Dictionary<string, string> childRows)
    {
        if (_names.Aggregates.IsEmpty)
        {
            return readSubjects;
        }

        return _names.AddAggregates + "(" + readSubjects + string.Concat(AggregateTables().Select(t => ", " + childRows[t.Name])) + ")";
    }
}
