using System.IO;
using System.Linq;
using System.Text.Json;
using DuckDB.NET.Data;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Studies.Nxp2Jdm;
using Xunit;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The example's criteria and groups as the generator writes them for an engine (<c>CohortSql</c>), counted by DuckDB
/// over the example's subjects file in one GROUP BY, give the subject flow the in-memory run recorded in results.json.
/// </summary>
public sealed class Nxp2JdmEngineFlowTests
{
    [Fact]
    public void DuckDbCountsTheSubjectFlowTheInMemoryRunCounted()
    {
        var csv = RepositoryPaths.Combine("examples", "Nxp2Jdm", "data", "subjects.csv");
        var counts = CountInDuckDb(Nxp2JdmStudy.CohortSql, csv);

        using var results = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", "results.json")));
        var cohort = results.RootElement.GetProperty("flow").GetProperty("cohort");
        Assert.Equal(cohort.GetProperty("rowsRead").GetInt64() - cohort.GetProperty("invalidRows").GetInt64(), counts.Rows);
        var criteria = cohort.GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(criteria.Select(c => c.GetProperty("excluded").GetInt64()), counts.ExcludedBy);
        Assert.Equal(criteria.Select(c => c.GetProperty("excludedMissing").GetInt64()), counts.ExcludedMissing);
        Assert.Equal(cohort.GetProperty("unassigned").GetInt64(), counts.Unassigned);
        Assert.Equal(cohort.GetProperty("overlapping").GetInt64(), counts.Overlapping);
        Assert.Equal(cohort.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("n").GetInt64()), counts.GroupN);
        Assert.True(counts.ExcludedBy.Sum() > 0 && counts.Unassigned > 0, "the example's flow excludes and leaves unassigned some subjects, so the check can fail");
    }

    [Fact]
    public void TheFlowQueryBindsTheLevelNamesAsParametersNotAsText()
    {
        var renderer = new SqlRenderer(DuckDbDialect.Instance);
        var sql = SqlCohortFlow.Query(Nxp2JdmStudy.CohortSql, r => r.Dialect.Bind("subjects.csv", r.Parameters), renderer);

        Assert.DoesNotContain("NXP2", sql, System.StringComparison.Ordinal);
        Assert.DoesNotContain("juvenile", sql, System.StringComparison.Ordinal);
        Assert.Contains("NXP2", renderer.Parameters.OfType<string>());
        Assert.Equal(sql.Count(c => c == '?'), renderer.Parameters.Count);
        Assert.Equal("subjects.csv", renderer.Parameters[^1]);
    }

    private static SqlFlowCounts CountInDuckDb(CohortSql cohortSql, string csv)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return SqlCohortFlow.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql,
            r => "read_csv(" + r.Dialect.Bind(csv, r.Parameters) + ", header = true, nullstr = ['', 'NA'])");
    }
}
