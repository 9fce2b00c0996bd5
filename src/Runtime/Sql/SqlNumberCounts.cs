using System;
using System.Collections.Generic;
using System.Globalization;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// The value counts of a number (<see cref="SqlValueCounts.Query"/>) held in columns: the distinct values as one
/// <c>double[]</c> and each group's counts as one <c>long[]</c> aligned with it, so 10^7 distinct values cost
/// 8 + 8 × groups bytes each and no object per value or subject (<see cref="ValueCounts"/> boxes its values).
/// </summary>
/// <param name="Values">The distinct non-missing values, ascending.</param>
/// <param name="Counts">Per group: the count of each value, aligned with <see cref="Values"/> (zeros where absent).</param>
/// <param name="Missing">Per group: the analysed subjects whose value is missing (NULL in the engine).</param>
public sealed record NumberCounts(double[] Values, long[][] Counts, long[] Missing)
{
    /// <summary>The sample of group <paramref name="group"/> (its non-zero counts).</summary>
    public CountedValues Of(int group) => Pool([group]);

    /// <summary>The pooled sample of <paramref name="groups"/> (the overall column of a descriptive table).</summary>
    public CountedValues Pool(IReadOnlyList<int> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var values = new List<double>();
        var counts = new List<long>();
        for (int i = 0; i < Values.Length; i++)
        {
            long c = 0;
            foreach (int g in groups)
            {
                c += Counts[g][i];
            }

            if (c > 0)
            {
                values.Add(Values[i]);
                counts.Add(c);
            }
        }

        return new CountedValues(values.ToArray(), counts.ToArray());
    }
}

/// <summary>Runs the value-count query of a number and reads it into <see cref="NumberCounts"/>.</summary>
public static class SqlNumberCounts
{
    /// <summary>One GROUP BY (group, value) on <paramref name="engine"/>; values in doubles, as C# orders and ties them.</summary>
    public static NumberCounts Count(SqlEngine engine, CohortSql cohort, SqlExpr value, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = SqlValueCounts.Query(cohort, value, numeric: true, from, renderer);
        int groups = Math.Max(cohort.Groups.Count, 1);
        var values = new List<double>();
        var counts = new List<long>();   // row-major: value i, group g at i * groups + g
        var missing = new long[groups];
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            int group = (int)SqlEngine.Integer(row[0]);
            long n = SqlEngine.Integer(row[2]);
            // A NaN or an infinity is missing, as Variables.Continuous makes a non-finite number in memory.
            if (row[1] is not { } raw || !double.IsFinite(Convert.ToDouble(raw, CultureInfo.InvariantCulture)))
            {
                missing[group] += n;
                continue;
            }

            // Rows come ordered by value: a new value starts a new row of counts.
            double v = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
            if (values.Count == 0 || !(values[^1] == v))
            {
                values.Add(v);
                for (int g = 0; g < groups; g++)
                {
                    counts.Add(0);
                }
            }

            counts[((values.Count - 1) * groups) + group] += n;
        }

        var byGroup = new long[groups][];
        for (int g = 0; g < groups; g++)
        {
            byGroup[g] = new long[values.Count];
            for (int i = 0; i < values.Count; i++)
            {
                byGroup[g][i] = counts[(i * groups) + g];
            }
        }

        return new NumberCounts(values.ToArray(), byGroup, missing);
    }
}
