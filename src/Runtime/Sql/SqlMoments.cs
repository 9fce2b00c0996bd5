using System;
using System.Data.Common;
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
        return "SELECT first_group, CAST(COUNT(v) AS " + integer + "), " + renderer.F("avg") + "(v), " + renderer.F("var_samp") + "(v), CAST(COUNT(*) - COUNT(v) AS " + integer + ") FROM (SELECT "
            + classify + ", " + v + " AS v FROM " + from(renderer) + ") AS subjects WHERE reason = -1 AND matched = 1 GROUP BY first_group ORDER BY first_group";
    }

    /// <summary>Runs the query on an open ADO.NET connection: each group's moments (n = 0 for a group without values) and missing count.</summary>
    /// <exception cref="DbException">The engine refused the query.</exception>
    public static (GroupMoments[] Moments, long[] Missing) Count(DbConnection connection, SqlDialect dialect, CohortSql cohort, SqlExpr value, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(cohort);
        var renderer = new SqlRenderer(dialect);
        var sql = Query(cohort, value, from, renderer);
        using var command = SqlCommands.Create(connection, sql, renderer.Parameters);
        var groups = Math.Max(cohort.Groups.Count, 1);
        var moments = new GroupMoments[groups];
        Array.Fill(moments, new GroupMoments(0, double.NaN, double.NaN));
        var missing = new long[groups];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var group = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            var n = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            missing[group] = Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture);
            if (n > 0)
            {
                // VAR_SAMP of one value is NULL; the kernels' convention is 0 (the other group supplies the variance).
                moments[group] = new GroupMoments(n, reader.GetDouble(2), n < 2 || reader.IsDBNull(3) ? 0 : reader.GetDouble(3));
            }
        }

        return (moments, missing);
    }
}
