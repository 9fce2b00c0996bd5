using System;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// Where a child table's rows live in an engine, and how they reach their subject: the child table's source, its link
/// column (<c>of subjects by id</c>), the subject table's source and key.
/// </summary>
/// <param name="Child">Writes the child table's source (as <see cref="SqlCohortFlow.Query"/>'s <c>from</c>).</param>
/// <param name="Link">The child's column holding its subject's key.</param>
/// <param name="Subjects">Writes the subject table's source.</param>
/// <param name="SubjectKey">The subject table's key column.</param>
public sealed record SqlChildSource(Func<SqlRenderer, string> Child, string Link, Func<SqlRenderer, string> Subjects, string SubjectKey);

/// <summary>
/// The rows of a child table that belong to analysed subjects, each with its subject's group: the child table joined in
/// SQL to the subject table's classification (<see cref="SqlCohortFlow.SubjectColumns"/>: the study's criteria and groups
/// as the subject flow counts them), so a repeated outcome is analysed over the cohort's subjects without any row
/// leaving the engine. A child row whose key names no subject, or a subject that is excluded or in no single group,
/// does not enter: the in-memory rule (rows of subjects outside the cohort are not analysed).
/// </summary>
/// <remarks>
/// The select list is written by the caller over the child's columns (unqualified) and <c>first_group</c> (as <see cref="SqlDialect.Alias"/> names it). DuckDB and
/// PostgreSQL: an inner join on the key. ClickHouse 18.16: a <c>GLOBAL ALL INNER JOIN ... USING</c>, because a join of a
/// <c>Distributed</c> table with a subquery over another is refused unless the subquery is evaluated once on the
/// initiator and sent to the shards (<c>distributed_product_mode = deny</c>, the default), 18.16 wants the strictness
/// (<c>ALL</c>) written, and <c>USING</c> is its one reliable join condition; the subject subquery therefore names its
/// key after the child's link column. The subjects' key is unique (the engine data check refuses duplicates), so ALL and
/// ANY give the same rows.
/// </remarks>
public static class SqlChildRows
{
    /// <summary>
    /// <c>SELECT select FROM child ⋈ analysed subjects</c>: <paramref name="select"/> is rendered first (its parameters
    /// come first in the text), then the child's source, the subjects' classification and the subjects' source.
    /// </summary>
    /// <exception cref="InvalidOperationException">A criterion or group has no SQL form.</exception>
    public static string Query(CohortSql cohort, SqlChildSource source, Func<SqlRenderer, string> select, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(select);
        ArgumentNullException.ThrowIfNull(renderer);
        var d = renderer.Dialect;
        var columns = select(renderer);
        var child = source.Child(renderer);
        var classify = SqlCohortFlow.SubjectColumns(cohort, renderer);
        var subjects = source.Subjects(renderer);
        var key = d.QuoteIdentifier(source.SubjectKey);
        var link = d.QuoteIdentifier(source.Link);
        string group = d.Alias("first_group"), rows = d.Alias("child_rows"), analysed = d.Alias("analysed"), subjectKey = d.Alias("subject_key");
        if (d is ClickHouseDialect)
        {
            return "SELECT " + columns + " FROM " + child + " GLOBAL ALL INNER JOIN (SELECT " + key + " AS " + link + ", " + group + " FROM (SELECT " + key + ", "
                + classify + " FROM " + subjects + ") WHERE " + SqlCohortFlow.Analysed(d) + ") USING " + link;
        }

        return "SELECT " + columns + " FROM " + child + " AS " + rows + " INNER JOIN (SELECT " + key + " AS " + subjectKey + ", " + classify + " FROM " + subjects
            + ") AS " + analysed + " ON " + rows + "." + link + " = " + analysed + "." + subjectKey + " WHERE " + analysed + "." + d.Alias("reason") + " = -1 AND "
            + analysed + "." + d.Alias("matched") + " = 1";
    }
}
