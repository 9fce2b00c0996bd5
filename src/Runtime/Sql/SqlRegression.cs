using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Statistics.Linear;

namespace ProtocolLang.Runtime.Sql;

/// <summary>How a regression's variable is compared with a level in SQL.</summary>
public enum SqlValueKind
{
    Number,
    Bool,
    Text,
}

/// <summary>One level of a factor: of the study's group (<paramref name="Variable"/> −1, the group's index), a bool (true/false) or a category (its text).</summary>
public sealed record SqlLevel(int Variable, object Level);

/// <summary>
/// One factor of a design column: a number (<paramref name="Number"/>, the variable's index), the 0/1 indicator of
/// <paramref name="Plus"/>, or, with <paramref name="Minus"/>, a sum contrast (+1 at Plus, −1 at Minus, 0 elsewhere).
/// </summary>
public sealed record SqlDesignPart(int Number = -1, SqlLevel? Plus = null, SqlLevel? Minus = null);

/// <summary>A regression pushed down: its response (optionally log-transformed) and variables, as SQL.</summary>
/// <param name="Variables">The values the terms are made of, each with how it compares with a level.</param>
/// <param name="NonNegative">A count response: a value below 0 is invalid and leaves the subject out (counted as <see cref="SqlRegressionDesign.NonPositive"/>).</param>
public sealed record SqlRegressionModel(SqlExpr Response, bool LogResponse, IReadOnlyList<(SqlExpr Value, SqlValueKind Kind)> Variables, bool NonNegative = false);

/// <summary>What the first query of a regression returns.</summary>
/// <param name="N">Complete subjects: the response and every variable present (the response &gt; 0 under log).</param>
/// <param name="Excluded">Analysed subjects left out (a missing value, or a response ≤ 0 under log).</param>
/// <param name="NonPositive">Analysed subjects whose response is ≤ 0 (no log), among them.</param>
/// <param name="LevelCounts">Per asked level, the complete subjects at it.</param>
/// <param name="Sums">Per variable, Σ over the complete subjects (0 for a non-number).</param>
public sealed record SqlRegressionDesign(int N, int Excluded, int NonPositive, long[] LevelCounts, double[] Sums, double ResponseSum, double ResponseMin, double ResponseMax);

/// <summary>
/// The queries of a regression pushed down as sufficient statistics. Each subject row is classified as
/// <see cref="SqlCohortFlow"/> does and the analysed ones are kept; the raw values are x0 (the response) and x1...
/// (the variables), the response as fitted is r, and "ok" says a subject is complete (as <c>ModelMatrix</c>'s complete
/// cases). No CTE, no window function, no alias used in its own SELECT: ClickHouse 18.16, PostgreSQL and DuckDB read
/// the same text, rendered left to right so that positional parameters line up.
/// </summary>
public static class SqlRegression
{
    /// <summary>
    /// The first query: per (complete or not), the subjects, each asked level's count, Σ of each number, Σr, min r and
    /// max r, and the responses ≤ 0. One scan.
    /// </summary>
    public static SqlRegressionDesign Design(SqlEngine engine, CohortSql cohort, SqlRegressionModel model, IReadOnlyList<SqlLevel> levels, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(levels);
        var renderer = new SqlRenderer(engine.Dialect);
        var dialect = renderer.Dialect;
        var sql = new StringBuilder("SELECT ").Append(dialect.Alias("ok")).Append(", CAST(COUNT(*) AS ").Append(dialect.IntegerType).Append(')');
        foreach (var level in levels)
        {
            sql.Append(", ").Append(dialect.CountWhere(Condition(level, model, renderer)));
        }

        for (int v = 0; v < model.Variables.Count; v++)
        {
            sql.Append(model.Variables[v].Kind == SqlValueKind.Number ? ", SUM(" + X(dialect, v + 1) + ")" : ", " + dialect.Number(0));
        }

        string r = dialect.Alias("r");
        sql.Append(", SUM(" + r + "), MIN(" + r + "), MAX(" + r + "), ").Append(dialect.CountWhere(X(dialect, 0) + " " + (model.NonNegative ? "<" : "<=") + " " + dialect.Number(0))).Append(" FROM ");
        AppendKept(sql, cohort, model, from, renderer);
        sql.Append(" GROUP BY ").Append(dialect.Alias("ok")).Append(" ORDER BY ").Append(dialect.Alias("ok"));

        int n = 0, excluded = 0, nonPositive = 0;
        var counts = new long[levels.Count];
        var sums = new double[model.Variables.Count];
        double sumR = 0, min = double.NaN, max = double.NaN;
        foreach (var row in engine.Query(sql.ToString(), renderer.Parameters))
        {
            int count = checked((int)SqlEngine.Integer(row[1]));
            int at = 2 + levels.Count + model.Variables.Count;
            nonPositive += checked((int)SqlEngine.Integer(row[at + 3]));
            if (!Convert.ToBoolean(row[0], CultureInfo.InvariantCulture))
            {
                excluded += count;
                continue;
            }

            n += count;
            for (int l = 0; l < levels.Count; l++)
            {
                counts[l] += SqlEngine.Integer(row[2 + l]);
            }

            for (int v = 0; v < sums.Length; v++)
            {
                sums[v] += Number(row[2 + levels.Count + v]);
            }

            sumR += Number(row[at]);
            min = Number(row[at + 1]);
            max = Number(row[at + 2]);
        }

        return new SqlRegressionDesign(n, excluded, nonPositive, counts, sums, sumR, min, max);
    }

    /// <summary>
    /// The second query: n and the cross-products Σ(d_a − c_a)(d_b − c_b) of the design columns and the response over
    /// the complete subjects, shifted by <paramref name="shifts"/> and <paramref name="responseShift"/> (the first
    /// query's means; see <see cref="LinearCrossProducts"/> for why). One scan, (p + 1)(p + 2)/2 sums.
    /// </summary>
    public static LinearCrossProducts CrossProducts(SqlEngine engine, CohortSql cohort, SqlRegressionModel model, IReadOnlyList<IReadOnlyList<SqlDesignPart>> columns,
        double[] shifts, double responseShift, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(shifts);
        int p = columns.Count;
        var renderer = new SqlRenderer(engine.Dialect);
        var dialect = renderer.Dialect;
        var sql = new StringBuilder("SELECT CAST(COUNT(*) AS ").Append(dialect.IntegerType).Append(')');
        for (int a = 0; a <= p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                sql.Append(", SUM(").Append(C(dialect, a)).Append(" * ").Append(C(dialect, b)).Append(')');
            }
        }

        sql.Append(" FROM (SELECT ");
        for (int j = 0; j < p; j++)
        {
            sql.Append("(").Append(Column(columns[j], model, renderer)).Append(" - ").Append(Parameter(shifts[j], renderer)).Append(") AS ").Append(C(dialect, j)).Append(", ");
        }

        sql.Append("(").Append(dialect.Alias("r")).Append(" - ").Append(Parameter(responseShift, renderer)).Append(") AS ").Append(C(dialect, p)).Append(" FROM ");
        AppendKept(sql, cohort, model, from, renderer);
        sql.Append(" WHERE ").Append(dialect.Alias("ok")).Append(") AS ").Append(dialect.Alias("complete"));

        object?[] row = engine.Query(sql.ToString(), renderer.Parameters).Single();
        var sums = new double[p + 1, p + 1];
        int at = 1;
        for (int a = 0; a <= p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                sums[a, b] = sums[b, a] = Number(row[at++]);
            }
        }

        return new LinearCrossProducts(checked((int)SqlEngine.Integer(row[0])), shifts, responseShift, sums);
    }

    /// <summary>The analysed subjects with first_group, ok, r, x0 and x1... (a subquery named kept; every name an alias of <see cref="SqlDialect.Alias"/>).</summary>
    internal static void AppendKept(StringBuilder sql, CohortSql cohort, SqlRegressionModel model, Func<SqlRenderer, string> from, SqlRenderer renderer)
    {
        var dialect = renderer.Dialect;
        int k = model.Variables.Count;
        string x0 = X(dialect, 0), zero = dialect.Number(0);
        sql.Append("(SELECT ").Append(dialect.Alias("first_group")).Append(", (").Append(x0).Append(" IS NOT NULL")
            .Append(model.LogResponse ? " AND " + x0 + " > " + zero : model.NonNegative ? " AND " + x0 + " >= " + zero : string.Empty)
            .Append(string.Concat(Enumerable.Range(1, k).Select(v => " AND " + X(dialect, v) + " IS NOT NULL"))).Append(") AS ").Append(dialect.Alias("ok")).Append(", ")
            .Append(model.LogResponse ? "CASE WHEN " + x0 + " > " + zero + " THEN " + renderer.F("ln") + "(" + x0 + ") ELSE NULL END" : x0)
            .Append(" AS ").Append(dialect.Alias("r")).Append(", ").Append(x0);
        for (int v = 1; v <= k; v++)
        {
            sql.Append(", ").Append(X(dialect, v));
        }

        sql.Append(" FROM (SELECT ").Append(SqlCohortFlow.SubjectColumns(cohort, renderer)).Append(", ").Append(renderer.Double(model.Response)).Append(" AS ").Append(x0);
        for (int v = 0; v < k; v++)
        {
            var (value, kind) = model.Variables[v];
            sql.Append(", ").Append(kind == SqlValueKind.Number ? renderer.Double(value) : renderer.Render(value)).Append(" AS ").Append(X(dialect, v + 1));
        }

        sql.Append(" FROM ").Append(from(renderer)).Append(") AS ").Append(dialect.Alias("subjects")).Append(" WHERE ").Append(SqlCohortFlow.Analysed(dialect))
            .Append(") AS ").Append(dialect.Alias("kept"));
    }

    /// <summary>A design column's value over kept's columns: the product of its parts (1 for the intercept).</summary>
    internal static string Column(IReadOnlyList<SqlDesignPart> parts, SqlRegressionModel model, SqlRenderer renderer)
    {
        var dialect = renderer.Dialect;
        if (parts.Count == 0)
        {
            return dialect.Number(1);
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(text.Length == 0 ? string.Empty : " * ");
            if (part.Plus is null)
            {
                text.Append(X(dialect, part.Number + 1));
                continue;
            }

            text.Append("(CASE WHEN ").Append(Condition(part.Plus, model, renderer)).Append(" THEN ").Append(dialect.Number(1));
            if (part.Minus is not null)
            {
                text.Append(" WHEN ").Append(Condition(part.Minus, model, renderer)).Append(" THEN ").Append(dialect.Number(-1));
            }

            text.Append(" ELSE ").Append(dialect.Number(0)).Append(" END)");
        }

        return text.ToString();
    }

    /// <summary>True at the level: first_group = g, a bool's truth (or falsehood), a category's text (a parameter).</summary>
    private static string Condition(SqlLevel level, SqlRegressionModel model, SqlRenderer renderer)
    {
        if (level.Variable < 0)
        {
            return renderer.Dialect.Alias("first_group") + " = " + Index((int)level.Level);
        }

        string column = X(renderer.Dialect, level.Variable + 1);
        return model.Variables[level.Variable].Kind switch
        {
            SqlValueKind.Bool => (bool)level.Level ? renderer.Dialect.IsTrue(column) : "(NOT " + renderer.Dialect.IsTrue(column) + ")",
            SqlValueKind.Text => "(" + column + " = " + renderer.Dialect.Bind((string)level.Level, renderer.Parameters) + ")",
            _ => throw new ArgumentException($"Variable {level.Variable} is a number: it has no levels.", nameof(level)),
        };
    }

    internal static string Parameter(double value, SqlRenderer renderer) => renderer.Dialect.ToDouble(renderer.Dialect.Bind(value, renderer.Parameters));

    internal static double Number(object? value) => value is null or DBNull ? 0 : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    internal static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The query's own name of the response (0) or the model's variable i (1..), in the dialect's alias namespace (<see cref="SqlDialect.Alias"/>).</summary>
    internal static string X(SqlDialect dialect, int i) => dialect.Alias("x" + Index(i));

    /// <summary>The query's own name of design column j.</summary>
    internal static string C(SqlDialect dialect, int j) => dialect.Alias("c" + Index(j));
}
