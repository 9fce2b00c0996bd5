using System;
using System.Collections.Generic;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// A child table's line of the subject flow, counted by the engine: its rows, the rows of subjects not analysed per
/// reason (the criterion the subject failed first, in no group, in more than one group, or no such subject), and the
/// rows kept, with the in-memory flow's stages and texts (<c>StudyRun.ChildRows</c>): one GROUP BY over the child rows
/// left-joined to the subject table's classification.
/// </summary>
public static class SqlChildFlow
{
    public static string Query(CohortSql cohort, SqlChildSource source, SqlRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(renderer);
        var d = renderer.Dialect;
        var child = source.Child(renderer);
        var classify = SqlCohortFlow.SubjectColumns(cohort, renderer);
        var subjects = source.Subjects(renderer);
        var key = d.QuoteIdentifier(source.SubjectKey);
        var link = d.QuoteIdentifier(source.Link);
        var count = "CAST(COUNT(*) AS " + d.IntegerType + ")";
        string hasParent = d.Alias("has_parent"), reason = d.Alias("reason"), matched = d.Alias("matched");
        if (d is ClickHouseDialect)
        {
            // 18.16 fills an unmatched left-join row with defaults, not NULL: the constant 1 on the subject side tells them apart.
            return "SELECT " + hasParent + ", " + reason + ", " + matched + ", " + count + " FROM " + child + " GLOBAL ANY LEFT JOIN (SELECT " + key + " AS " + link
                + ", " + reason + ", " + matched + ", toUInt8(1) AS " + hasParent + " FROM (SELECT " + key + ", " + classify + " FROM " + subjects + ")) USING " + link
                + " GROUP BY " + hasParent + ", " + reason + ", " + matched;
        }

        string rows = d.Alias("child_rows"), analysed = d.Alias("analysed"), subjectKey = d.Alias("subject_key");
        return "SELECT CASE WHEN " + analysed + "." + subjectKey + " IS NULL THEN 0 ELSE 1 END AS " + hasParent + ", " + analysed + "." + reason + ", "
            + analysed + "." + matched + ", " + count + " FROM " + child + " AS " + rows + " LEFT JOIN (SELECT " + key + " AS " + subjectKey + ", " + classify
            + " FROM " + subjects + ") AS " + analysed + " ON " + rows + "." + link + " = " + analysed + "." + subjectKey + " GROUP BY 1, 2, 3";
    }

    /// <summary>The child table's flow: rows read, the rows of subjects not analysed per reason (ordered by the reason's text, as in memory), rows kept.</summary>
    public static TableFlow Count(SqlEngine engine, CohortSql cohort, SqlChildSource source, string table, string label, string subjectTable)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cohort);
        var renderer = new SqlRenderer(engine.Dialect);
        var sql = Query(cohort, source, renderer);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int read = 0, kept = 0;
        foreach (var row in engine.Query(sql, renderer.Parameters))
        {
            int n = checked((int)SqlEngine.Integer(row[3]));
            read += n;
            string? reason = SqlEngine.Integer(row[0]) == 0 ? $"subject not among the valid rows of '{subjectTable}'"
                : SqlEngine.Integer(row[1]) is var failed and >= 0 ? Criterion(cohort.Criteria[(int)failed])
                : SqlEngine.Integer(row[2]) switch
                {
                    0 => "subject in no group",
                    1 => null,
                    _ => "subject in more than one group",
                };
            if (reason is null)
            {
                kept += n;
            }
            else
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + n;
            }
        }

        var excluded = new List<ExclusionCount>();
        foreach (var (reason, n) in reasons)
        {
            excluded.Add(new ExclusionCount("subject_not_analysed", reason, n));
        }

        return new TableFlow(table, label.Replace('\\', '/'), read, excluded, kept);
    }

    private static string Criterion(SqlCriterion criterion) =>
        criterion.Kind == CriterionKind.Include ? $"subject not included: {criterion.Label}" : $"subject excluded: {criterion.Label}";
}
