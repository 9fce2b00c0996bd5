using System;
using System.IO;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ProtocolLang.Cli.Commands;
using Xunit;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Under <c>compute in engine</c> the rows never reach the cell checks, so the engine checks them: a Parquet file (written
/// by DuckDB from the rows given) with an out-of-range value, an unknown level, a missing required value, a NaN or a
/// duplicate key stops the run, naming the source, the column, the count and one example key; level names that look
/// like SQL stay data.
/// </summary>
public sealed class EngineDataCheckTests : IDisposable
{
    private const string Header = "id,arm,age,t,e";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AValueOutOfRangeStopsTheRunWithItsCountAndAnExampleKey()
    {
        var run = Run("range", "S1,A,30,5,true", "S2,B,130,6,false", "S3,B,140,7,true");

        Assert.NotEqual(0, run.Exit);
        Assert.Contains("PL4062", run.Error, StringComparison.Ordinal);
        Assert.Contains("column 'age': 2 value(s) outside the range 0..100", run.Error, StringComparison.Ordinal);
        Assert.Contains("key 'S2'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Combine("range"), "report", "results.json")), "a failed check writes no results");
    }

    [Fact]
    public void AnUnknownLevelStopsTheRun()
    {
        var run = Run("level", "S1,A,30,5,true", "S2,C,40,6,false");

        Assert.NotEqual(0, run.Exit);
        Assert.Contains("PL4063", run.Error, StringComparison.Ordinal);
        Assert.Contains("column 'arm': 1 value(s) that are not one of its levels", run.Error, StringComparison.Ordinal);
        Assert.Contains("key 'S2'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateKeyStopsTheRun()
    {
        var run = Run("duplicate", "S1,A,30,5,true", "S2,B,40,6,false", "S2,A,41,7,true");

        Assert.NotEqual(0, run.Exit);
        Assert.Contains("PL4065", run.Error, StringComparison.Ordinal);
        Assert.Contains("column 'id': 1 key value(s) held by more than one row", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRequiredValueAndANotFiniteNumberStopTheRun()
    {
        var run = Run("missing", "S1,A,,5,true", "S2,B,40,nan,false", "S3,A,41,7,true");

        Assert.NotEqual(0, run.Exit);
        Assert.Contains("PL4064", run.Error, StringComparison.Ordinal);
        Assert.Contains("column 'age': 1 missing value(s) in a required column", run.Error, StringComparison.Ordinal);
        Assert.Contains("PL4066", run.Error, StringComparison.Ordinal);
        Assert.Contains("column 't': 1 value(s) that are not finite numbers", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidRowsPassTheCheckAndAreAllCounted()
    {
        var run = Run("valid", "S1,A,30,5,true", "S2,B,40,6,false", "S3,A,41,7,true");

        Assert.True(run.Exit == 0, run.Error);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")))!;
        Assert.Equal(3, results["flow"]!["cohort"]!["rowsRead"]!.GetValue<int>());
        Assert.Equal(3, results["flow"]!["cohort"]!["analysed"]!.GetValue<int>());
    }

    [Fact]
    public void LevelNamesThatLookLikeSqlStayData()
    {
        const string hostile = "x'); DROP TABLE subjects; --";
        var run = RunWithLevel("hostile", hostile, "S1,\"" + hostile + "\",30,5,true", "S2,B,40,6,false", "S3,\"" + hostile + "\",41,7,false");

        Assert.True(run.Exit == 0, run.Error);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")))!;
        var groups = results["flow"]!["cohort"]!["groups"]!.AsArray();
        Assert.Equal(2, groups[0]!["n"]!.GetValue<int>());
        Assert.Equal(1, groups[1]!["n"]!.GetValue<int>());
        Assert.DoesNotContain("DROP", results["dataSources"]![0]!["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private RunRecord Run(string name, params string[] rows) => RunWithLevel(name, "A", rows);

    /// <summary>Writes the rows as Parquet through DuckDB (the CSV deleted), a study over it in engine mode, and runs it.</summary>
    private RunRecord RunWithLevel(string name, string firstLevel, params string[] rows)
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var csv = Path.Combine(folder, "data", "subjects.csv");
        File.WriteAllText(csv, Header + "\n" + string.Join("\n", rows) + "\n");
        var parquet = Path.Combine(folder, "data", "subjects.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Typed as the study declares them; COPY takes no parameter for its target, which is the test's own temporary file.
            command.CommandText = "COPY (SELECT * FROM read_csv(?, header = true, nullstr = '', types = {'id': 'VARCHAR', 'arm': 'VARCHAR', 'age': 'DOUBLE', 't': 'DOUBLE', 'e': 'BOOLEAN'})) TO '"
                + parquet.Replace("'", "''", StringComparison.Ordinal) + "' (FORMAT parquet)";
            var parameter = command.CreateParameter();
            parameter.Value = csv;
            command.Parameters.Add(parameter);
            command.ExecuteNonQuery();
        }

        File.Delete(csv);
        var level = "\"" + firstLevel.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var study = Path.Combine(folder, "check.study");
        File.WriteAllText(study, $$"""
            study Check {
              compute in engine
              table subjects from parquet "data/subjects.parquet" key id {
                id: text
                arm: category({{level}}, "B")
                age: number range 0..100
                t: number range 0..
                e: bool
              }
              groups {
                A "First arm": arm == {{level}}
                B "Arm B": arm == "B"
              }
              outcome Death "Death": time_to_event(t, e)
              test logrank Death by group
              report "report" formats json
            }
            """);
        var captured = new CapturedOutput();
        var output = Path.Combine(folder, "report");
        var exit = RunCommand.Execute(new RunRequest(study, output, "json", _temp.Combine("cache")), captured.Output);
        return new RunRecord(exit, output, captured.Out.ToString(), captured.Error.ToString());
    }
}
