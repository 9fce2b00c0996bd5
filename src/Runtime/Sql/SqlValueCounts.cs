using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// How often each distinct value of a variable occurs in each group of the analysed subjects, values in ascending
/// order, and the missing values per group: the sufficient statistics of rank tests (W and the tie term come from
/// them, <see cref="Statistics.MannWhitney.TestFromOrderedCounts"/>), exact quantiles, and the n / % tables of a
/// binary or categorical variable (Fisher, chi-square).
/// </summary>
/// <param name="Values">The distinct values, ascending (doubles for a number; text, bool or level names otherwise).</param>
/// <param name="Counts">Per group: the count of each value, aligned with <see cref="Values"/>.</param>
/// <param name="Missing">Per group: the analysed subjects whose value is missing.</param>
public sealed record ValueCounts(IReadOnlyList<object> Values, long[][] Counts, long[] Missing)
{
    /// <summary>The counts of group <paramref name="group"/> as ints, for the kernels.</summary>
    public int[] Of(int group) => Array.ConvertAll(Counts[group], c => checked((int)c));
}

/// <summary>Builds and reads the value-count query: one GROUP BY (group, value) over the analysed subjects.</summary>
public static class SqlValueCounts
{
    /// <param name="value">The variable's expression.</param>
    /// <param name="numeric">True for a number (computed in doubles, so every engine orders and ties it as C# does).</param>
    /// <param name="from">Writes the rows' source, as for <see cref="SqlCohortFlow.Query"/>.</param>
    /// <exception cref="InvalidOperationException">A criterion or group has no SQL form.</exception>
    public static string Query(CohortSql cohort, SqlExpr value, bool numeric, Func<SqlRenderer, string> from, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(renderer);
        var classify = SqlCohortFlow.SubjectColumns(cohort, renderer);
        var v = numeric ? renderer.Double(value) : renderer.Render(value);
        var d = renderer.Dialect;
        string group = d.Alias("first_group"), alias = d.Alias("v");
        return "SELECT " + group + ", " + alias + ", CAST(COUNT(*) AS " + d.IntegerType + ") AS " + d.Alias("n") + " FROM (SELECT " + classify + ", " + v + " AS " + alias
            + " FROM " + from(renderer) + ") AS " + d.Alias("subjects") + " WHERE " + SqlCohortFlow.Analysed(d) + " GROUP BY " + group + ", " + alias
            + " ORDER BY " + alias + " NULLS LAST, " + group;
    }

    /// <summary>Runs the query on <paramref name="engine"/> and aligns the counts of every group on the distinct values.</summary>
    public static ValueCounts Count(SqlEngine engine, CohortSql cohort, SqlExpr value, bool numeric, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = Query(cohort, value, numeric, from, renderer);
        var groups = Math.Max(cohort.Groups.Count, 1);
        var values = new List<object>();
        var counts = new List<long[]>();
        var missing = new long[groups];
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            var group = (int)SqlEngine.Integer(row[0]);
            var n = SqlEngine.Integer(row[2]);
            if (row[1] is not { } raw)
            {
                missing[group] += n;
                continue;
            }

            // Rows come ordered by value: a new value starts a new column of counts.
            var v = numeric ? Convert.ToDouble(raw, CultureInfo.InvariantCulture) : raw;
            if (values.Count == 0 || !Equals(values[^1], v))
            {
                values.Add(v);
                counts.Add(new long[groups]);
            }

            counts[^1][group] += n;
        }

        var byGroup = new long[groups][];
        for (var g = 0; g < groups; g++)
        {
            byGroup[g] = new long[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                byGroup[g][i] = counts[i][g];
            }
        }

        return new ValueCounts(values, byGroup, missing);
    }
}
