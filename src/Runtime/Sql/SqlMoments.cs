using System;
using System.Globalization;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// Means and variances pushed down: per group of the analysed subjects, the count, mean and sample variance of a
/// number (the engine's AVG and VAR_SAMP, which DuckDB, PostgreSQL and ClickHouse compute with stable updating
/// formulas rather than Σx² − (Σx)²/n, whose cancellation loses digits) and the missing values; the t-tests take them
/// as <see cref="GroupMoments"/>.
/// </summary>
public static class SqlMoments
{
    /// <param name="from">Writes the rows' source, as for <see cref="SqlCohortFlow.Query"/>.</param>
    /// <exception cref="InvalidOperationException">A criterion or group has no SQL form.</exception>
    public static string Query(CohortSql cohort, SqlExpr value, Func<SqlRenderer, string> from, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(renderer);
        var classify = SqlCohortFlow.SubjectColumns(cohort, renderer);
        var v = renderer.Double(value);
        var integer = renderer.Dialect.IntegerType;
        var d = renderer.Dialect;
        string group = d.Alias("first_group"), alias = d.Alias("v");
        return "SELECT " + group + ", CAST(COUNT(" + alias + ") AS " + integer + "), " + renderer.F("avg") + "(" + alias + "), " + renderer.F("var_samp") + "(" + alias
            + "), CAST(COUNT(*) - COUNT(" + alias + ") AS " + integer + ") FROM (SELECT " + classify + ", " + v + " AS " + alias + " FROM " + from(renderer) + ") AS "
            + d.Alias("subjects") + " WHERE " + SqlCohortFlow.Analysed(d) + " GROUP BY " + group + " ORDER BY " + group;
    }

    /// <summary>Runs the query on <paramref name="engine"/>: each group's moments (n = 0 for a group without values) and missing count.</summary>
    public static (GroupMoments[] Moments, long[] Missing) Count(SqlEngine engine, CohortSql cohort, SqlExpr value, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = Query(cohort, value, from, renderer);
        var groups = Math.Max(cohort.Groups.Count, 1);
        var moments = new GroupMoments[groups];
        Array.Fill(moments, new GroupMoments(0, double.NaN, double.NaN));
        var missing = new long[groups];
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            var group = (int)SqlEngine.Integer(row[0]);
            var n = checked((int)SqlEngine.Integer(row[1]));
            missing[group] = SqlEngine.Integer(row[4]);
            if (n > 0)
            {
                // VAR_SAMP of one value is NULL; the kernels' convention is 0 (the other group supplies the variance).
                var variance = n < 2 || row[3] is null ? 0 : Convert.ToDouble(row[3], CultureInfo.InvariantCulture);
                moments[group] = new GroupMoments(n, Convert.ToDouble(row[2], CultureInfo.InvariantCulture), variance);
            }
        }

        return (moments, missing);
    }
}
