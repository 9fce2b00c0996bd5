using System;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using Engines.Tests;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// The example study run from each of the four sources a table can have: its CSV files, Parquet files (written from the
/// CSVs by DuckDB, read through DuckDB), the PostgreSQL server's copies and the two-shard ClickHouse cluster's
/// Distributed tables. The CSV run is the reference.
/// </summary>
public sealed class FourSourceRuns : IDisposable
{
    internal const string ClickHouseSubjects = "clickhouse \"warehouse\" table \"protocollang.subjects\"";

    internal const string ClickHouseVisits = "clickhouse \"warehouse\" table \"protocollang.visits\"";

    public FourSourceRuns()
    {
        PostgresServer.EnsureRunning();
        ClickHouseCluster.Require();
        Studies = new EngineStudies();
        Csv = Studies.Run(Studies.CopyExample("csv"), "csv");

        var parquet = Studies.CopyExample("parquet");
        var data = Path.Combine(Path.GetDirectoryName(parquet)!, "data");
        foreach (var table in new[] { "subjects", "visits" })
        {
            WriteParquet(Path.Combine(data, table + ".csv"), Path.Combine(data, table + ".parquet"));
        }

        var text = File.ReadAllText(parquet)
            .Replace("from \"data/subjects.csv\"", "from parquet \"data/subjects.parquet\"", StringComparison.Ordinal)
            .Replace("from \"data/visits.csv\"", "from parquet \"data/visits.parquet\"", StringComparison.Ordinal);
        File.WriteAllText(parquet, text);
        Parquet = Studies.Run(parquet, "parquet");

        Postgres = Studies.Run(
            Studies.ExampleFrom("postgres", PostgresRuns.Subjects, PostgresRuns.Visits, EngineStudies.ConnectionsFile("ci", PostgresServer.ConnectionString)),
            "postgres");
        ClickHouseStudy = Studies.ExampleFrom("clickhouse", ClickHouseSubjects, ClickHouseVisits,
            EngineStudies.ConnectionsFile("warehouse", ClickHouseCluster.ReaderConnectionString()));
        ClickHouse = Studies.Run(ClickHouseStudy, "clickhouse");
    }

    internal EngineStudies Studies { get; }

    internal RunRecord Csv { get; }

    internal RunRecord Parquet { get; }

    internal RunRecord Postgres { get; }

    internal RunRecord ClickHouse { get; }

    internal string ClickHouseStudy { get; }

    public void Dispose() => Studies.Dispose();

    /// <summary>The CSV as a Parquet file of the types DuckDB infers, the CSV then deleted (so the run cannot read it).</summary>
    private static void WriteParquet(string csv, string parquet)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();

        // COPY ... TO takes no parameter for its target; both paths are the test's own temporary files.
        command.CommandText = $"COPY (SELECT * FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}', header = true)) TO '{parquet.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        File.Delete(csv);
    }
}

public sealed class FourSourceRunTests(FourSourceRuns runs) : IClassFixture<FourSourceRuns>
{
    [Fact]
    public void ParquetPostgresAndClickHouseGiveTheCsvRunsAnalysesProblemsAndFlow()
    {
        Assert.True(runs.Csv.Exit == 0, runs.Csv.Error);
        using var expected = runs.Csv.Results();
        Assert.True(expected.RootElement.GetProperty("analyses").GetArrayLength() > 10, "the example runs its analyses");
        foreach (var (name, run) in new[] { ("parquet", runs.Parquet), ("postgres", runs.Postgres), ("clickhouse", runs.ClickHouse) })
        {
            Assert.True(run.Exit == 0, name + ": " + run.Error);
            using var actual = run.Results();
            foreach (var section in new[] { "analyses", "problems" })
            {
                ResultsComparison.AssertSame(expected.RootElement.GetProperty(section), actual.RootElement.GetProperty(section), name + "." + section);
            }

            ResultsComparison.AssertSame(
                ResultsComparison.WithoutSources(expected.RootElement.GetProperty("flow")),
                ResultsComparison.WithoutSources(actual.RootElement.GetProperty("flow")),
                name + ".flow");
        }
    }

    [Fact]
    public void ClickHouseProvenanceNamesTheEngineConnectionTableRowsAndOrderedQuery()
    {
        using var results = runs.ClickHouse.Results();

        var sources = results.RootElement.GetProperty("dataSources").EnumerateArray().ToArray();
        Assert.Equal(
            [("subjects", "clickhouse", "warehouse", "protocollang.subjects", 67), ("visits", "clickhouse", "warehouse", "protocollang.visits", 332)],
            sources.Select(s => (s.GetProperty("table").GetString(), s.GetProperty("engine").GetString(), s.GetProperty("connection").GetString(),
                s.GetProperty("sourceTable").GetString(), s.GetProperty("rowsRead").GetInt32())));
        Assert.StartsWith("SELECT `id`, `antibody`", sources[0].GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(" FROM `protocollang`.`subjects` ORDER BY `id`", sources[0].GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(" FROM `protocollang`.`visits` ORDER BY `id`, `month`, `ck`, `cmas`, `il10`, `ifng`", sources[1].GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Empty(results.RootElement.GetProperty("dataFiles").EnumerateArray());
    }

    [Fact]
    public void TheReportsAppendixAndTheFlowNameTheClickHouseTables()
    {
        var report = File.ReadAllText(Path.Combine(runs.ClickHouse.OutputDirectory, "report.md"));
        using var results = runs.ClickHouse.Results();

        Assert.Contains("| `subjects` | `clickhouse \"warehouse\" table \"protocollang.subjects\"` | 67 | ", report, StringComparison.Ordinal);
        Assert.Contains("SELECT `id`, `antibody`", report, StringComparison.Ordinal);
        var tables = results.RootElement.GetProperty("flow").GetProperty("tables").EnumerateArray()
            .Select(t => (t.GetProperty("table").GetString(), t.GetProperty("source").GetString()));
        Assert.Equal([("subjects", FourSourceRuns.ClickHouseSubjects), ("visits", FourSourceRuns.ClickHouseVisits)], tables);
    }

    [Fact]
    public void NoOutputOfTheClickHouseRunHoldsTheReadersPassword()
    {
        var written = runs.ClickHouse.EverythingWritten();

        Assert.Contains("protocollang.subjects", written, StringComparison.Ordinal);
        Assert.DoesNotContain(ClickHouseCluster.ReaderPassword, written, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", written, StringComparison.Ordinal);
    }
}
