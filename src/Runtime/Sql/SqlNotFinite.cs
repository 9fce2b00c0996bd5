using System;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// Where a number the engine computes is missing only because a step had no finite value: in memory such a row holds
/// NaN or an infinity, is treated as missing and counted (PL5050); in SQL the same step gives NULL
/// (<see cref="SqlRenderer"/>), which alone cannot tell it from a missing input. <see cref="Predicate"/> rebuilds the
/// in-memory distinction as a condition on the row, so an engine run counts what the in-memory run counts instead of
/// dropping those subjects without a word.
/// </summary>
/// <remarks>
/// The rules follow <c>Plan.Fn</c> and IEEE arithmetic: a missing operand makes the result missing (not counted);
/// otherwise an undefined operand makes it undefined, and so do <c>x / 0</c>, <c>log</c> of a value ≤ 0, <c>sqrt</c>
/// of a negative value and <c>exp</c> above ln(double.MaxValue). A condition (<c>if</c>, a comparison) reads an
/// undefined value as missing, as <c>Fn.IsMissing</c> does, so undefinedness does not pass through it. Not followed: the
/// IEEE cases that turn an infinity back into a finite number (<c>1 / (x / 0)</c> is 0 in memory and missing here,
/// <c>min</c> of +∞ and 3), and overflow of a product or sum, which the engines report or saturate in their own ways.
/// </remarks>
public static class SqlNotFinite
{
    /// <summary>The largest x with a finite exp(x), as <see cref="SqlRenderer"/> guards it.</summary>
    private const double MaxExpArgument = 709.782712893384;

    /// <summary>A condition true exactly where <paramref name="value"/> is undefined in memory, or null where it never is.</summary>
    public static SqlExpr? Predicate(SqlExpr value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Undefined(value);
    }

    /// <summary>The query counting the analysed subjects (as <see cref="SqlMoments.Query"/> selects them) where <paramref name="predicate"/> holds.</summary>
    public static string Query(CohortSql cohort, SqlExpr predicate, Func<SqlRenderer, string> from, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(renderer);
        var classify = SqlCohortFlow.SubjectColumns(cohort, renderer);
        var d = renderer.Dialect;
        var undefined = "(CASE WHEN " + renderer.IsTrue(predicate) + " THEN 1 ELSE 0 END) AS " + d.Alias("k");
        return "SELECT CAST(COUNT(*) AS " + d.IntegerType + ") FROM (SELECT " + classify + ", " + undefined + " FROM " + from(renderer)
            + ") AS " + d.Alias("subjects") + " WHERE " + SqlCohortFlow.Analysed(d) + " AND " + d.Alias("k") + " = 1";
    }

    /// <summary>Runs <see cref="Query"/> on <paramref name="engine"/>: how many analysed subjects' values are undefined.</summary>
    public static long Count(SqlEngine engine, CohortSql cohort, SqlExpr predicate, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = Query(cohort, predicate, from, renderer);
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            return SqlEngine.Integer(row[0]);
        }

        return 0;
    }

    private static SqlExpr? Undefined(SqlExpr e) => e switch
    {
        SqlNegate negate => Undefined(negate.Operand),
        SqlArithmeticExpr a => Binary(a.Left, a.Right, a.Op == SqlArithmetic.Divide
            ? SqlExpr.Compare(SqlComparison.Equal, a.Right, SqlExpr.Number(0))
            : null),
        SqlCall { Function: SqlFunction.Log } call => Unary(call.Arguments[0], SqlComparison.LessOrEqual, 0),
        SqlCall { Function: SqlFunction.Sqrt } call => Unary(call.Arguments[0], SqlComparison.Less, 0),
        SqlCall { Function: SqlFunction.Exp } call => Unary(call.Arguments[0], SqlComparison.Greater, MaxExpArgument),
        SqlCall { Function: SqlFunction.Abs } call => Undefined(call.Arguments[0]),
        SqlCall { Function: SqlFunction.Min or SqlFunction.Max } call => Binary(call.Arguments[0], call.Arguments[1], null),
        SqlIf @if => Branches(@if),
        _ => null, // columns, constants, dates, conditions: never undefined
    };

    /// <summary>Both operands present in memory (a value or undefined), and one of them undefined or the step's own domain error.</summary>
    private static SqlExpr? Binary(SqlExpr left, SqlExpr right, SqlExpr? domainError)
    {
        SqlExpr? ul = Undefined(left);
        SqlExpr? ur = Undefined(right);
        SqlExpr? cause = Or(Or(ul, ur), domainError);
        return cause is null ? null : SqlExpr.And(SqlExpr.And(Present(left, ul), Present(right, ur)), cause);
    }

    /// <summary>The argument present in memory, and undefined itself or outside the function's domain.</summary>
    private static SqlExpr Unary(SqlExpr argument, SqlComparison outside, double bound)
    {
        SqlExpr? u = Undefined(argument);
        SqlExpr domain = SqlExpr.Compare(outside, argument, SqlExpr.Number(bound));
        return SqlExpr.And(Present(argument, u), Or(u, domain)!);
    }

    /// <summary>The branch the condition takes is undefined (a missing condition gives missing, not counted).</summary>
    private static SqlExpr? Branches(SqlIf @if)
    {
        SqlExpr? whenTrue = Undefined(@if.WhenTrue);
        SqlExpr? whenFalse = Undefined(@if.WhenFalse);
        SqlExpr? taken = whenTrue is null ? null : SqlExpr.And(@if.Condition, whenTrue);
        SqlExpr? other = whenFalse is null ? null : SqlExpr.And(SqlExpr.Not(@if.Condition), whenFalse);
        return Or(taken, other);
    }

    /// <summary>Not missing in memory: SQL has a value, or the value is undefined (NULL in SQL, NaN in memory).</summary>
    private static SqlExpr Present(SqlExpr e, SqlExpr? undefined)
    {
        SqlExpr notNull = SqlExpr.IsMissing(e, negated: true);
        return undefined is null ? notNull : SqlExpr.Or(notNull, undefined);
    }

    private static SqlExpr? Or(SqlExpr? a, SqlExpr? b) => a is null ? b : b is null ? a : SqlExpr.Or(a, b);
}
