using System;
using System.IO;
using System.Linq;
using ProtocolLang.Engines.Tests;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Studies.Nxp2Jdm;

namespace Engines.Tests;

/// <summary>
/// The example's visits table opened as a child table in its subject table's engine (<c>EngineSource.OpenChild</c>):
/// DuckDB over the two CSV files, PostgreSQL (public.subjects, clinic.visits) and the two-shard cluster. Its catalog,
/// values and links are checked there; a missing column is PL4004 naming the child table; a child table on another
/// connection is refused; and the mixed model over it is recorded among the run's queries.
/// </summary>
public sealed class EngineChildTableTests
{
    private static readonly StudySchema Example = Nxp2JdmStudy.Schema;

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    [InlineData("clickhouse")]
    public void TheExampleVisitsAreCheckedInTheEngineAndTheirMixedModelIsRecordedWithTheRunsQueries(string engine)
    {
        var (subjects, visits) = Tables(engine);
        using var source = EngineSource.Open(subjects, Path(subjects), Resolver(engine));
        int before = source.Queries.Count;

        var (rows, problems) = source.OpenChild(subjects, visits, Path(visits));

        Assert.Empty(problems);
        Assert.Equal(before + 2, source.Queries.Count);   // the value checks, the links
        var spec = new SqlMixedSpec(SqlExpr.Column("ck"), true, SqlExpr.Column("month"), "month", [0, 1, 2], null, "group",
            Nxp2JdmStudy.CohortSql.Groups.Select(g => g.Name).ToArray(), [SqlMixedVariableKind.Group, SqlMixedVariableKind.TimeAsFactor], [[0], [1], [0, 1]],
            RandomIntercept: true, RandomSlope: false, Uncorrelated: false);
        var fit = SqlMixedModel.Fit(source.Engine, Nxp2JdmStudy.CohortSql, rows, spec);
        Assert.Equal(207, fit.Fit!.Observations);
        Assert.Equal(before + 5, source.Queries.Count);
        Assert.Contains(source.Queries.Skip(before + 2), q => q.Text.Contains("GROUP BY " + source.Engine.Dialect.Alias("s") + " ORDER BY " + source.Engine.Dialect.Alias("s"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    [InlineData("clickhouse")]
    public void TheVisitsLineOfTheSubjectFlowIsCountedByTheEngineAsInMemory(string engine)
    {
        var (subjects, visits) = Tables(engine);
        using var source = EngineSource.Open(subjects, Path(subjects), Resolver(engine));
        var (rows, _) = source.OpenChild(subjects, visits, Path(visits));

        var flow = SqlChildFlow.Count(source.Engine, Nxp2JdmStudy.CohortSql, rows, visits.Name, visits.SourceLabel, subjects.Name);

        using var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(ClickHouseCluster.ExampleCsv("subjects"))!, "..", "report", "results.json")));
        var expected = results.RootElement.GetProperty("flow").GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "visits");
        Assert.Equal("visits", flow.Table);
        Assert.Equal(expected.GetProperty("rowsRead").GetInt32(), flow.RowsRead);
        Assert.Equal(expected.GetProperty("kept").GetInt32(), flow.Kept);
        Assert.Equal(expected.GetProperty("excluded").EnumerateArray().Select(e => (e.GetProperty("stage").GetString(), e.GetProperty("reason").GetString(), e.GetProperty("count").GetInt32())),
            flow.Excluded.Select(e => ((string?)e.Stage, (string?)e.Reason, e.Count)));
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    [InlineData("clickhouse")]
    public void AChildColumnTheSourceLacksIsAMissingColumnOfTheChildTable(string engine)
    {
        var (subjects, visits) = Tables(engine);
        var declared = visits with { Columns = [.. visits.Columns, visits.Columns.Single(c => c.Name == "ck") with { Name = "crp" }] };
        using var source = EngineSource.Open(subjects, Path(subjects), Resolver(engine));

        var (_, problems) = source.OpenChild(subjects, declared, Path(visits));

        var problem = Assert.Single(problems);
        if (engine == "duckdb")
        {
            // read_csv with the declared types refuses a column the file lacks; the run reports DuckDB's message, as for a subject table.
            Assert.Equal(DataProblemCodes.ServerError, problem.Code);
            Assert.Contains("table 'visits': the engine could not read the source", problem.Message, StringComparison.Ordinal);
            Assert.Contains("\"crp\"", problem.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(DataProblemCodes.MissingColumn, problem.Code);
        Assert.Equal("crp", problem.Column);
        Assert.StartsWith("table 'visits': the source has no column 'crp'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVisitOfNoSubjectStopsTheChildTableWithNoParentRowCountedInTheEngine()
    {
        string folder = Directory.CreateTempSubdirectory("s14_engmixed_").FullName;
        try
        {
            File.Copy(ClickHouseCluster.ExampleCsv("subjects"), System.IO.Path.Combine(folder, "subjects.csv"));
            File.WriteAllLines(System.IO.Path.Combine(folder, "visits.csv"),
                File.ReadAllLines(ClickHouseCluster.ExampleCsv("visits")).Append("P999,0,100,,1,1").Append("P998,1,100,,1,1"));
            var (subjects, visits) = Tables("duckdb");
            using var source = EngineSource.Open(subjects, System.IO.Path.Combine(folder, "subjects.csv"), Resolver("duckdb"));

            var (_, problems) = source.OpenChild(subjects, visits, System.IO.Path.Combine(folder, "visits.csv"));

            var problem = Assert.Single(problems);
            Assert.Equal(DataProblemCodes.UnknownParent, problem.Code);
            Assert.Equal("table 'visits': 2 rows whose 'id' is not a key of table 'subjects' (counted in the engine); for example 'P998'", problem.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AChildTableOnAnotherConnectionIsRefused()
    {
        var (subjects, visits) = Tables("postgres");
        using var source = EngineSource.Open(subjects, null, Resolver("postgres"));

        var e = Assert.Throws<ArgumentException>(() => source.OpenChild(subjects, visits with { Source = "other" }, null));

        Assert.Contains("its connection 'other' is not the subject table's 'hospital'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The example's two tables, on the engine: its CSV files (DuckDB), or the servers' tables through the connection 'hospital'.</summary>
    private static (TableSchema Subjects, TableSchema Visits) Tables(string engine)
    {
        TableSchema subjects = Example.Tables[0], visits = Example.Tables[1];
        switch (engine)
        {
            case "postgres":
                PostgresServer.EnsureRunning();
                return (subjects with { Source = "hospital", SourceKind = DataSourceKind.Postgres, SourceTable = "public.subjects" },
                    visits with { Source = "hospital", SourceKind = DataSourceKind.Postgres, SourceTable = "clinic.visits" });
            case "clickhouse":
                ClickHouseCluster.Require();
                return (subjects with { Source = "hospital", SourceKind = DataSourceKind.ClickHouse, SourceTable = "protocollang.subjects" },
                    visits with { Source = "hospital", SourceKind = DataSourceKind.ClickHouse, SourceTable = "protocollang.visits" });
            default:
                return (subjects, visits);
        }
    }

    private static string? Path(TableSchema table) =>
        table.SourceKind == DataSourceKind.Csv ? ClickHouseCluster.ExampleCsv(System.IO.Path.GetFileNameWithoutExtension(table.Source)) : null;

    /// <summary>'hospital': the PostgreSQL server for a PostgreSQL run, the cluster's first shard for a ClickHouse one.</summary>
    private static ConnectionResolver Resolver(string engine) => new(Directory.GetCurrentDirectory(), name =>
        name != "PROTOCOLLANG_CONNECTION_HOSPITAL" ? null : engine == "clickhouse" ? ClickHouseCluster.ConnectionString() : PostgresServer.ConnectionString);
}
