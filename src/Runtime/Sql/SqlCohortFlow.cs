using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Runtime.Sql;

/// <summary>The subject flow as an engine counts it: what <c>StudyRun.Cohort</c> counts in memory, from one GROUP BY.</summary>
/// <param name="Rows">The subject rows the engine read.</param>
/// <param name="ExcludedBy">Per criterion, in order: the subjects it excluded (the first criterion a subject fails).</param>
/// <param name="ExcludedMissing">Per criterion: of those, the ones whose predicate was missing.</param>
/// <param name="GroupN">Per group, in declared order: its subjects (in exactly one group).</param>
public sealed record SqlFlowCounts(long Rows, long[] ExcludedBy, long[] ExcludedMissing, long Unassigned, long Overlapping, long[] GroupN);

/// <summary>
/// Builds and reads the one query that counts the subject flow in an engine. Per subject row it computes the first
/// criterion it fails (an include whose predicate is not true, an exclude whose predicate is true — as
/// <c>StudyRun.Cohort</c>), whether that predicate was missing, how many groups it is in and the first of them; the
/// engine then counts the rows per combination, so only a handful of rows come back whatever the table's size.
/// </summary>
public static class SqlCohortFlow
{
    /// <param name="from">
    /// Writes the rows' source (a quoted table name, or a table function whose values it binds through the renderer's
    /// dialect); called after the predicates are rendered, so its parameters follow theirs as its text does.
    /// </param>
    /// <exception cref="InvalidOperationException">A criterion or group has no SQL form (the reason is in the message).</exception>
    public static string Query(CohortSql cohort, Func<SqlRenderer, string> from, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(renderer);
        if (cohort.Unmapped() is { } unmapped)
        {
            throw new InvalidOperationException("The subject flow cannot be counted by " + renderer.Dialect.Name + ": " + unmapped + ".");
        }

        // Rendered in the order of the text (the subject's columns, then the missing flag, then the source), so that
        // every positional parameter stands where its value belongs.
        var subjects = SubjectColumns(cohort, renderer);
        var missing = new StringBuilder("CASE");
        foreach (var criterion in cohort.Criteria)
        {
            missing.Append(" WHEN ").Append(Fails(criterion, renderer)).Append(" THEN ");
            missing.Append(criterion.Kind == CriterionKind.Include ? "(" + renderer.Render(criterion.Predicate!) + " IS NULL)" : renderer.Dialect.False);
        }

        missing.Append(" ELSE ").Append(renderer.Dialect.False).Append(" END");
        var d = renderer.Dialect;
        var keys = d.Alias("reason") + ", " + d.Alias("missing") + ", " + d.Alias("matched") + ", " + d.Alias("first_group");
        return "SELECT " + keys + ", COUNT(*) AS " + d.Alias("n") + " FROM (SELECT " + subjects + ", "
            + (cohort.Criteria.Count == 0 ? d.False : missing.ToString()) + " AS " + d.Alias("missing") + " FROM " + from(renderer)
            + ") AS " + d.Alias("subjects") + " GROUP BY " + keys + " ORDER BY " + keys;
    }

    /// <summary>
    /// The select list that classifies one subject row, as <c>StudyRun.Cohort</c> does, under <see cref="SqlDialect.Alias"/> names: <c>reason</c> (the first criterion
    /// it fails, -1 for none), <c>matched</c> (how many groups it is in) and <c>first_group</c> (the first of them, -1 for
    /// none; a dialect may give another value where matched is not 1, where no query reads it: <see cref="SqlDialect.FirstGroup"/>).
    /// A subject is analysed when reason = -1 and matched = 1, in group first_group.
    /// </summary>
    /// <exception cref="InvalidOperationException">A criterion or group has no SQL form.</exception>
    public static string SubjectColumns(CohortSql cohort, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(renderer);
        if (cohort.Unmapped() is { } unmapped)
        {
            throw new InvalidOperationException("The subject flow cannot be counted by " + renderer.Dialect.Name + ": " + unmapped + ".");
        }

        var reason = new StringBuilder("CASE");
        for (var c = 0; c < cohort.Criteria.Count; c++)
        {
            reason.Append(" WHEN ").Append(Fails(cohort.Criteria[c], renderer)).Append(" THEN ").Append(c);
        }

        reason.Append(" ELSE -1 END");

        // No groups block: everyone is in the one group "overall".
        var matched = cohort.Groups.Count == 0
            ? "1"
            : string.Join(" + ", cohort.Groups.Select(g => renderer.Dialect.Indicator(renderer.IsTrue(g.Predicate!))));
        var first = cohort.Groups.Count == 0
            ? "0"
            : renderer.Dialect.FirstGroup(cohort.Groups.Select(g => renderer.IsTrue(g.Predicate!)).ToList());
        var d = renderer.Dialect;
        return (cohort.Criteria.Count == 0 ? "-1" : reason.ToString()) + " AS " + d.Alias("reason") + ", " + matched + " AS " + d.Alias("matched") + ", "
            + first + " AS " + d.Alias("first_group");
    }

    /// <summary>The condition that keeps the analysed subjects of <see cref="SubjectColumns"/>: no criterion failed, exactly one group.</summary>
    public static string Analysed(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.Alias("reason") + " = -1 AND " + dialect.Alias("matched") + " = 1";
    }

    /// <summary>True when the subject fails the criterion: an include whose predicate is not true, an exclude whose predicate is.</summary>
    private static string Fails(SqlCriterion criterion, SqlRenderer renderer) =>
        criterion.Kind == CriterionKind.Include ? "(NOT " + renderer.IsTrue(criterion.Predicate!) + ")" : renderer.IsTrue(criterion.Predicate!);

    /// <summary>Runs the flow query on <paramref name="engine"/> and adds up its rows.</summary>
    public static SqlFlowCounts Count(SqlEngine engine, CohortSql cohort, Func<SqlRenderer, string> from)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = Query(cohort, from, renderer);
        var rows = new List<(int, bool, int, int, long)>();
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            rows.Add(((int)SqlEngine.Integer(row[0]), Convert.ToBoolean(row[1], CultureInfo.InvariantCulture), (int)SqlEngine.Integer(row[2]),
                (int)SqlEngine.Integer(row[3]), SqlEngine.Integer(row[4])));
        }

        return Count(cohort, rows);
    }

    /// <summary>Adds up the query's rows: (reason, missing, matched, first group, count).</summary>
    public static SqlFlowCounts Count(CohortSql cohort, IEnumerable<(int Reason, bool Missing, int Matched, int FirstGroup, long N)> rows)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(rows);
        var excludedBy = new long[cohort.Criteria.Count];
        var excludedMissing = new long[cohort.Criteria.Count];
        var groupN = new long[Math.Max(cohort.Groups.Count, 1)];
        long total = 0, unassigned = 0, overlapping = 0;
        foreach (var (reason, missing, matched, firstGroup, n) in rows)
        {
            total += n;
            if (reason >= 0)
            {
                excludedBy[reason] += n;
                excludedMissing[reason] += missing ? n : 0;
            }
            else if (matched == 0)
            {
                unassigned += n;
            }
            else if (matched > 1)
            {
                overlapping += n;
            }
            else
            {
                groupN[firstGroup] += n;
            }
        }

        return new SqlFlowCounts(total, excludedBy, excludedMissing, unassigned, overlapping, groupN);
    }
}
