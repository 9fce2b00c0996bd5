using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// Renders a <see cref="SqlExpr"/> as one engine's SQL, keeping the runtime's meaning where SQL's differs: arithmetic in
/// doubles; division by zero, log and square root outside their domain and exp overflow give NULL (missing) instead of
/// an error or an infinity; <c>min</c>/<c>max</c> are missing when an argument is (SQL's LEAST/GREATEST skip NULLs);
/// <c>x in ()</c> is false (or missing for a missing x). Values are bound through the dialect, never written as text.
/// </summary>
public sealed class SqlRenderer(SqlDialect dialect)
{
    /// <summary>The largest x with a finite exp(x) in IEEE doubles (ln of the largest double).</summary>
    private const double MaxExpArgument = 709.782712893384;

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>The parameters bound so far, in the order the query text refers to them.</summary>
    public List<object> Parameters { get; } = [];

    public string Render(SqlExpr expression) => expression switch
    {
        SqlColumn c => Dialect.QuoteIdentifier(c.Name),
        SqlNumber n => Dialect.Number(n.Value),
        SqlText t => Dialect.Bind(t.Value, Parameters),
        SqlBool b => b.Value ? Dialect.True : Dialect.False,
        SqlMissing => "NULL",
        SqlNot not => "(NOT " + Render(not.Operand) + ")",
        SqlNegate negate => "(-" + Double(negate.Operand) + ")",
        SqlLogic logic => logic.IsAnd ? Dialect.And(Render(logic.Left), Render(logic.Right)) : Dialect.Or(Render(logic.Left), Render(logic.Right)),
        SqlCompare compare => "(" + Render(compare.Left) + Operator(compare.Op) + Render(compare.Right) + ")",
        SqlArithmeticExpr arithmetic => Arithmetic(arithmetic),
        SqlIsMissing isMissing => "(" + Render(isMissing.Operand) + (isMissing.Negated ? " IS NOT NULL)" : " IS NULL)"),
        SqlIn @in => In(@in),
        SqlCall call => Call(call),
        SqlIf @if => If(@if),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "Not an expression the SQL layer knows."),
    };

    /// <summary>The dialect's name of a standard function.</summary>
    public string F(string name) => Dialect.Function(name);

    /// <summary>A condition that is true only when <paramref name="predicate"/> is true (false and missing are not).</summary>
    public string IsTrue(SqlExpr predicate) => Dialect.IsTrue(Render(predicate));

    private static string Operator(SqlComparison op) => op switch
    {
        SqlComparison.Equal => " = ",
        SqlComparison.NotEqual => " <> ",
        SqlComparison.Less => " < ",
        SqlComparison.LessOrEqual => " <= ",
        SqlComparison.Greater => " > ",
        _ => " >= ",
    };

    /// <summary>A number in the dialect's double type (an operand of arithmetic or a function, a time).</summary>
    public string Double(SqlExpr operand) => operand is SqlNumber n ? Dialect.Number(n.Value) : Dialect.ToDouble(Render(operand));

    private string Arithmetic(SqlArithmeticExpr arithmetic)
    {
        var left = Double(arithmetic.Left);
        var right = Double(arithmetic.Right);
        return arithmetic.Op switch
        {
            SqlArithmetic.Add => "(" + left + " + " + right + ")",
            SqlArithmetic.Subtract => "(" + left + " - " + right + ")",
            SqlArithmetic.Multiply => "(" + left + " * " + right + ")",
            _ => "(" + left + " / " + F("nullif") + "(" + right + ", " + Dialect.Number(0) + "))",   // x / 0 is missing, as an infinity is in Fn
        };
    }

    private string In(SqlIn @in)
    {
        var operand = Render(@in.Operand);
        if (@in.Values.Count == 0)
        {
            return "(CASE WHEN " + operand + " IS NULL THEN NULL ELSE " + (@in.Negated ? Dialect.True : Dialect.False) + " END)";
        }

        return Dialect.In(operand, @in.Values.Select(Render).ToList(), @in.Negated);
    }

    private string Call(SqlCall call)
    {
        // Each use of an argument is rendered where it stands (left to right), so positional parameters line up.
        string A(int i) => Double(call.Arguments[i]);
        return call.Function switch
        {
            SqlFunction.Log => "(CASE WHEN " + A(0) + " > 0 THEN " + F("ln") + "(" + A(0) + ") END)",
            SqlFunction.Sqrt => "(CASE WHEN " + A(0) + " >= 0 THEN " + F("sqrt") + "(" + A(0) + ") END)",
            SqlFunction.Exp => "(CASE WHEN " + A(0) + " <= " + Dialect.Number(MaxExpArgument) + " THEN " + F("exp") + "(" + A(0) + ") END)",
            SqlFunction.Abs => F("abs") + "(" + A(0) + ")",
            SqlFunction.Min => "(CASE WHEN " + A(0) + " IS NULL OR " + A(1) + " IS NULL THEN NULL ELSE " + F("least") + "(" + A(0) + ", " + A(1) + ") END)",
            SqlFunction.Max => "(CASE WHEN " + A(0) + " IS NULL OR " + A(1) + " IS NULL THEN NULL ELSE " + F("greatest") + "(" + A(0) + ", " + A(1) + ") END)",
            SqlFunction.DaysBetween => Dialect.DaysBetween(Render(call.Arguments[0]), Render(call.Arguments[1])),
            _ => "(" + Dialect.DaysBetween(Render(call.Arguments[0]), Render(call.Arguments[1])) + " / " + Dialect.Number(365.25) + ")",
        };
    }

    private string If(SqlIf @if)
    {
        // The condition is rendered at each use (left to right), so positional parameters line up.
        return "(CASE WHEN " + Render(@if.Condition) + " THEN " + Render(@if.WhenTrue) + " WHEN NOT " + Render(@if.Condition) + " THEN " + Render(@if.WhenFalse) + " END)";
    }
}
