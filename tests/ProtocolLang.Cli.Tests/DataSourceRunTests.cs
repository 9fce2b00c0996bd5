using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The example study run three times: from its CSV files, from Parquet copies and from a DuckDB database made of the
/// same CSVs by DuckDB itself (the CSV files deleted, so they cannot be what is read). Every analysis, the flow and
/// the problems must be the same in results.json; only the data files' paths and hashes may differ.
/// </summary>
public sealed class DataSourceRuns : IDisposable
{
    private readonly TempFolder _temp = new();

    public DataSourceRuns()
    {
        Cache = _temp.Combine("cache");
        Csv = Run(_temp.CopyExample("csv"), "csv");

        var parquet = _temp.CopyExample("parquet");
        var parquetData = Path.Combine(Path.GetDirectoryName(parquet)!, "data");
        foreach (var table in new[] { "subjects", "visits" })
        {
            WriteParquet(Path.Combine(parquetData, table + ".csv"), Path.Combine(parquetData, table + ".parquet"));
        }

        ParquetStudy = parquet;
        Parquet = Run(Rewrite(parquet, "from \"data/subjects.csv\"", "from parquet \"data/subjects.parquet\"",
            "from \"data/visits.csv\"", "from parquet \"data/visits.parquet\""), "parquet");

        var duckdb = _temp.CopyExample("duckdb");
        var duckdbData = Path.Combine(Path.GetDirectoryName(duckdb)!, "data");
        WriteDatabase(Path.Combine(duckdbData, "study.duckdb"), Path.Combine(duckdbData, "subjects.csv"), Path.Combine(duckdbData, "visits.csv"));
        DuckDb = Run(Rewrite(duckdb, "from \"data/subjects.csv\"", "from duckdb \"data/study.duckdb\" table \"subjects\"",
            "from \"data/visits.csv\"", "from duckdb \"data/study.duckdb\" table \"clinic.visits\""), "duckdb");
    }

    public string Cache { get; }

    public RunRecord Csv { get; }

    public RunRecord Parquet { get; }

    public RunRecord DuckDb { get; }

    /// <summary>The Parquet study (its .study file), for tests that change its data.</summary>
    public string ParquetStudy { get; }

    internal TempFolder Temp => _temp;

    public void Dispose() => _temp.Dispose();

    public RunRecord Run(string study, string name)
    {
        var captured = new CapturedOutput();
        var outDir = _temp.Combine("out-" + name);
        var exit = RunCommand.Execute(new RunRequest(study, outDir, "json", Cache), captured.Output);
        return new RunRecord(exit, outDir, captured.Out.ToString(), captured.Error.ToString());
    }

    public static void WriteParquet(string csv, string parquet)
    {
        using var connection = Open(":memory:");
        // COPY ... TO takes no parameter for its target; the path is the test's own temporary file.
        Execute(connection, $"COPY (SELECT * FROM read_csv(?, header = true)) TO '{parquet.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)", csv);
        File.Delete(csv);
    }

    private static void WriteDatabase(string database, string subjects, string visits)
    {
        using (var connection = Open(database))
        {
            Execute(connection, "CREATE TABLE subjects AS SELECT * FROM read_csv(?, header = true)", subjects);
            Execute(connection, "CREATE SCHEMA clinic");
            Execute(connection, "CREATE TABLE clinic.visits AS SELECT * FROM read_csv(?, header = true)", visits);
        }

        File.Delete(subjects);
        File.Delete(visits);
    }

    private static string Rewrite(string study, params string[] replacements)
    {
        var text = File.ReadAllText(study);
        for (var i = 0; i < replacements.Length; i += 2)
        {
            if (!text.Contains(replacements[i], StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The example study no longer has '{replacements[i]}'.");
            }

            text = text.Replace(replacements[i], replacements[i + 1], StringComparison.Ordinal);
        }

        File.WriteAllText(study, text);
        return study;
    }

    private static DuckDBConnection Open(string dataSource)
    {
        var connection = new DuckDBConnection("DataSource=" + dataSource);
        connection.Open();
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter));
        }

        command.ExecuteNonQuery();
    }
}

public sealed class DataSourceRunTests(DataSourceRuns runs) : IClassFixture<DataSourceRuns>
{
    [Fact]
    public void ParquetGivesTheCsvRunsResultsForEveryAnalysis()
    {
        AssertSameResults(runs.Csv, runs.Parquet, "data/subjects.parquet", "data/visits.parquet");
    }

    [Fact]
    public void DuckDbTablesGiveTheCsvRunsResultsForEveryAnalysis()
    {
        AssertSameResults(runs.Csv, runs.DuckDb, "data/study.duckdb", "data/study.duckdb");
    }

    [Fact]
    public void ResultsRecordTheSha256OfTheParquetFilesRead()
    {
        using var json = Results(runs.Parquet);
        var folder = Path.GetDirectoryName(runs.ParquetStudy)!;

        foreach (var file in json.RootElement.GetProperty("dataFiles").EnumerateArray())
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, file.GetProperty("path").GetString()!));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
        }
    }

    [Fact]
    public void AnOutOfRangeValueInParquetIsADataErrorNamingTheFileRowAndColumn()
    {
        var study = runs.Temp.CopyExample("bad-parquet");
        var data = Path.Combine(Path.GetDirectoryName(study)!, "data");
        var subjects = Path.Combine(data, "subjects.csv");
        File.WriteAllText(subjects, File.ReadAllText(subjects).Replace(ExampleRuns.ChangedRowBefore, "P002,NXP2,juvenile,199,M,11582,", StringComparison.Ordinal));
        DataSourceRuns.WriteParquet(subjects, Path.Combine(data, "subjects.parquet"));
        DataSourceRuns.WriteParquet(Path.Combine(data, "visits.csv"), Path.Combine(data, "visits.parquet"));
        File.Copy(runs.ParquetStudy, study, overwrite: true);
        var row = 1 + Array.FindIndex(File.ReadAllLines(RepositoryPaths.Combine("examples", "Nxp2Jdm", "data", "subjects.csv")).Skip(1).ToArray(),
            line => line.StartsWith(ExampleRuns.ChangedRowBefore, StringComparison.Ordinal));

        var run = runs.Run(study, "bad-parquet");

        Assert.Equal(ExitCodes.DataErrors, run.Exit);
        Assert.Contains(FormattableString.Invariant($"data/subjects.parquet(row {row}, column 'age'): error PL4003: value '199' is above the maximum 100 of column 'age'"),
            run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AParquetFileWithoutADeclaredColumnIsASourceMismatchWithExitCodeOne()
    {
        // The source no longer matches the declaration (a fatal problem), unlike an invalid row above: exit 1, not 2.
        var study = runs.Temp.CopyExample("parquet-no-age");
        var data = Path.Combine(Path.GetDirectoryName(study)!, "data");
        var subjects = Path.Combine(data, "subjects.csv");
        var lines = File.ReadAllLines(subjects);
        var age = Array.IndexOf(lines[0].Split(','), "age");
        File.WriteAllLines(subjects, lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != age))));
        DataSourceRuns.WriteParquet(subjects, Path.Combine(data, "subjects.parquet"));
        DataSourceRuns.WriteParquet(Path.Combine(data, "visits.csv"), Path.Combine(data, "visits.parquet"));
        File.Copy(runs.ParquetStudy, study, overwrite: true);

        var run = runs.Run(study, "parquet-no-age");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("error PL4004: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("'age'", run.Error, StringComparison.Ordinal);
    }

    private static void AssertSameResults(RunRecord csv, RunRecord other, string subjectsPath, string visitsPath)
    {
        Assert.True(csv.Exit == 0, csv.Error);
        Assert.True(other.Exit == 0, other.Error);
        using var expected = Results(csv);
        using var actual = Results(other);

        Assert.Equal(RepositoryPaths.ExampleAnalysisCount(), expected.RootElement.GetProperty("analyses").GetArrayLength());
        foreach (var section in new[] { "analyses", "problems" })
        {
            Assert.Equal(expected.RootElement.GetProperty(section).GetRawText(), actual.RootElement.GetProperty(section).GetRawText());
        }

        // The flow names each table's source, which is where the runs differ on purpose.
        Assert.Equal(WithoutSources(expected.RootElement.GetProperty("flow")), WithoutSources(actual.RootElement.GetProperty("flow")));

        var files = actual.RootElement.GetProperty("dataFiles").EnumerateArray()
            .Select(f => (f.GetProperty("table").GetString(), f.GetProperty("path").GetString(), f.GetProperty("rowsRead").GetInt32()));
        Assert.Equal([("subjects", subjectsPath, 67), ("visits", visitsPath, 332)], files);
    }

    private static string WithoutSources(JsonElement flow)
    {
        var node = JsonNode.Parse(flow.GetRawText())!;
        var sources = 0;
        void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    sources += o.Remove("source") ? 1 : 0;
                    foreach (var child in o.Select(p => p.Value).ToList())
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }

                    break;
            }
        }

        Strip(node);
        Assert.True(sources > 0, "the flow names no source: the comparison would ignore nothing");
        return node.ToJsonString();
    }

    private static JsonDocument Results(RunRecord run) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.OutputDirectory, "results.json")));
}
