using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Syntax;

namespace ProtocolLang.Emit;

/// <summary>
/// Writes a bound expression as C# that builds the runtime's <c>SqlExpr</c>, so an engine can compute it: the same
/// meaning as the C# lambda <see cref="ExpressionEmitter"/> writes (missing is NULL, three-valued logic, undefined
/// numbers are missing; the runtime's renderer keeps that). A derived variable is written in place of its name. Every
/// string from the study (a text value, a level name, a column name) goes through <see cref="CSharpLiterals.String"/>,
/// and at run time becomes a parameter or a quoted identifier, never SQL text. What an engine cannot compute the same
/// way (an aggregate over a child table, <c>round</c>, whose halves go to even as R's, where SQL's go away from zero)
/// gives no expression and a reason instead.
/// </summary>
internal sealed class SqlExpressionEmitter(TableSymbol table)
{
    private readonly Dictionary<string, DeriveSymbol> _derives = table.Derived.ToDictionary(d => d.Name, System.StringComparer.Ordinal);

    /// <summary>The C# that builds the expression, or null and <paramref name="unmapped"/> saying why.</summary>
    public string? TryEmit(BoundExpression expression, out string? unmapped)
    {
        unmapped = null;
        var reasons = new List<string>();
        var code = Write(expression, reasons, []);
        if (reasons.Count > 0)
        {
            unmapped = reasons[0];
            return null;
        }

        return code;
    }

    private string Write(BoundExpression expression, List<string> reasons, HashSet<string> expanding)
    {
        string W(BoundExpression e) => Write(e, reasons, expanding);
        switch (expression)
        {
            case BoundNumberLiteral n:
                return Factory("Number", CSharpLiterals.DoubleNumber(n.Value));
            case BoundTextLiteral t:
                return Factory("Text", CSharpLiterals.String(t.Value));
            case BoundBoolLiteral b:
                return Factory("Bool", b.Value ? "true" : "false");
            case BoundMissingLiteral:
                return RuntimeTypes.SqlExpr + ".Missing";
            case BoundLevel level:
                return Factory("Text", CSharpLiterals.String(level.Name));   // a category is stored as its level's name
            case BoundColumnReference c:
                return Factory("Column", CSharpLiterals.String(c.Column.Name));
            case BoundDeriveReference d when _derives.TryGetValue(d.Name, out var derive) && expanding.Add(d.Name):
                var code = W(derive.Expression);
                expanding.Remove(d.Name);
                return code;
            case BoundUnary { Operator: UnaryOperator.Not } not:
                return Factory("Not", W(not.Operand));
            case BoundUnary negate:
                return Factory("Negate", W(negate.Operand));
            case BoundBinary binary:
                return WriteBinary(binary, W);
            case BoundIsMissing isMissing:
                return Factory("IsMissing", W(isMissing.Operand), isMissing.Negated ? "true" : "false");
            case BoundIn @in:
                return Factory("In", new[] { W(@in.Operand), @in.Negated ? "true" : "false" }.Concat(@in.Values.Select(W)).ToArray());
            case BoundCall { Function: BuiltinFunction.Round }:
                reasons.Add("round() halves to even, as R does, and SQL's ROUND does not");
                return Factory("Missing");
            case BoundCall call:
                return Factory("Call", new[] { RuntimeTypes.Sql + "SqlFunction." + call.Function }.Concat(call.Arguments.Select(W)).ToArray());
            case BoundConditional conditional:
                return Factory("If", W(conditional.Condition), W(conditional.WhenTrue), W(conditional.WhenFalse));
            case BoundAggregate aggregate:
                reasons.Add($"{aggregate.Function.ToString().ToLowerInvariant()}({aggregate.Table}) summarises a child table, which no engine query computes yet");
                return Factory("Missing");
            default:
                reasons.Add("this expression has no SQL form");
                return Factory("Missing");
        }
    }

    private static string WriteBinary(BoundBinary binary, System.Func<BoundExpression, string> write)
    {
        var left = write(binary.Left);
        var right = write(binary.Right);
        return binary.Operator switch
        {
            BinaryOperator.And => Factory("And", left, right),
            BinaryOperator.Or => Factory("Or", left, right),
            BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide =>
                Factory("Arithmetic", RuntimeTypes.Sql + "SqlArithmetic." + binary.Operator, left, right),
            _ => Factory("Compare", RuntimeTypes.Sql + "SqlComparison." + binary.Operator, left, right),
        };
    }

    private static string Factory(string name, params string[] arguments) =>
        name == "Missing" && arguments.Length == 0
            ? RuntimeTypes.SqlExpr + ".Missing"
            : RuntimeTypes.SqlExpr + "." + name + "(" + string.Join(", ", arguments) + ")";
}
