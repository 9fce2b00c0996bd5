using System;
using System.Collections.Generic;
using System.Globalization;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// The in-memory rule that a child row's link names a subject (PL4015, an invalid row: the run stops under
/// <c>on_invalid fail</c>), checked by the engine: one query counts the child rows whose link matches no key of the
/// subject table (a missing link included) and gives the smallest such link as the example, so only one row comes back.
/// </summary>
/// <remarks>
/// DuckDB and PostgreSQL: a <c>LEFT JOIN</c> and <c>IS NULL</c>. ClickHouse 18.16 fills an unmatched row of a left join with
/// the column's default rather than NULL (<c>join_use_nulls = 0</c>), so the subject side carries a constant 1 that is 0
/// exactly where no subject matched; the join is <c>GLOBAL</c> for the reason <see cref="SqlChildRows"/> gives.
/// </remarks>
public static class SqlChildCheck
{
    public static string Query(SqlChildSource source, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(renderer);
        var d = renderer.Dialect;
        var child = source.Child(renderer);
        var subjects = source.Subjects(renderer);
        var key = d.QuoteIdentifier(source.SubjectKey);
        var link = d.QuoteIdentifier(source.Link);
        string hasParent = d.Alias("has_parent");
        if (d is ClickHouseDialect)
        {
            return "SELECT count(), min(toString(" + link + ")) FROM " + child + " GLOBAL ANY LEFT JOIN (SELECT " + key + " AS " + link
                + ", toUInt8(1) AS " + hasParent + " FROM " + subjects + ") USING " + link + " WHERE " + hasParent + " = 0";
        }

        string rows = d.Alias("child_rows"), parents = d.Alias("parents"), subjectKey = d.Alias("subject_key");
        return "SELECT CAST(COUNT(*) AS " + d.IntegerType + "), MIN(CAST(" + rows + "." + link + " AS VARCHAR)) FROM " + child + " AS " + rows + " LEFT JOIN (SELECT "
            + key + " AS " + subjectKey + " FROM " + subjects + ") AS " + parents + " ON " + rows + "." + link + " = " + parents + "." + subjectKey
            + " WHERE " + parents + "." + subjectKey + " IS NULL";
    }

    /// <summary>The child rows without a subject, as one PL4015 problem naming the count and an example link (none when every row has its subject).</summary>
    /// <param name="childLabel">The child table's source, as its problems name it.</param>
    public static List<DataProblem> UnknownParents(SqlEngine engine, SqlChildSource source, string childTable, string childLabel, string subjectTable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = Query(source, renderer);
        var problems = new List<DataProblem>();
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            long count = SqlEngine.Integer(row[0]);
            if (count > 0)
            {
                string example = row[1] is string text && text.Length > 0 ? $"; for example '{text}'" : "; for example a missing link";
                problems.Add(new DataProblem(DataProblemCodes.UnknownParent, childLabel, 0, source.Link, string.Create(CultureInfo.InvariantCulture,
                    $"table '{childTable}': {StudyDataException.Plural(checked((int)count), "row")} whose '{source.Link}' is not a key of table '{subjectTable}' (counted in the engine){example}")));
            }
        }

        return problems;
    }
}
