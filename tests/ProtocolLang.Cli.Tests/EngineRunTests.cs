using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;
using Xunit;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>compute in engine</c> end to end: the example's subject table as Parquet (written by DuckDB, the CSV then deleted)
/// run with the statement gives the results.json numbers of the same study run in memory from the CSV (1e-9 relative),
/// and the run says its rows stayed in the engine: no data file was read, and the data source lists its queries.
/// </summary>
public sealed class EngineRunTests : IDisposable
{
    private const string Analyses = """
          model kaplan_meier Relapse by group at 12, 24, 36
          model kaplan_meier Relapse at 6, 30 conf_type log_log
          test logrank Relapse by group
          test logrank Relapse rho 1
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AnEngineRunOverParquetGivesTheInMemoryRunsFlowAndAnalyses()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false, Analyses);
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, Analyses, parquet: true);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        var expected = Results(memory);
        var actual = Results(engine);
        Assert.Equal(4, actual["analyses"]!.AsArray().Count);
        AssertClose(expected["analyses"]!, actual["analyses"]!, "analyses");
        AssertClose(WithoutSubjectLists(expected["flow"]!), WithoutSubjectLists(actual["flow"]!), "flow");
        Assert.True(actual["flow"]!["cohort"]!["unassigned"]!.GetValue<int>() > 0, "the example leaves subjects unassigned, so the flow check can fail");
    }

    [Fact]
    public void AnEngineRunRecordsThatItsRowsStayedInTheEngineWithEveryQuery()
    {
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, Analyses, parquet: true);

        Assert.True(engine.Exit == 0, engine.Error);
        var results = Results(engine);
        Assert.Empty(results["dataFiles"]?.AsArray() ?? []);
        var source = results["dataSources"]!.AsArray().Single()!;
        Assert.True(source["computedInEngine"]!.GetValue<bool>());
        Assert.Equal("duckdb", source["engine"]!.GetValue<string>());
        var queries = source["queries"]!.AsArray();
        // The value check, the duplicate-key check, the flow, then one for the four analyses: each reads the events per
        // (group, time), and a run asks the engine the same query once.
        Assert.Equal(4, queries.Count);
        Assert.Equal(queries.Count, queries.Select(q => q!["text"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(queries.Skip(1), q => Assert.Contains("GROUP BY", q!["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(queries, q => Assert.True(q!["milliseconds"]!.GetValue<double>() >= 0));
        Assert.DoesNotContain("NXP2", source["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEngineRunOverTheCsvFileReadsItThroughDuckDbWithTheSameNumbers()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false, Analyses);
        var engine = Run("engine-csv", "\"data/subjects.csv\"", compute: true, Analyses);

        Assert.True(engine.Exit == 0, engine.Error);
        AssertClose(Results(memory)["analyses"]!, Results(engine)["analyses"]!, "analyses");
        Assert.Contains("read_csv", Results(engine)["dataSources"]![0]!["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportsAppendixSaysTheRunWasComputedInTheEngineAndListsEachQuery()
    {
        var engine = Run("engine-md", "parquet \"data/subjects.parquet\"", compute: true, Analyses, parquet: true, formats: "md");

        Assert.True(engine.Exit == 0, engine.Error);
        var report = File.ReadAllText(Path.Combine(engine.OutputDirectory, "report.md"));
        Assert.Contains("duckdb, data/subjects.parquet: computed in the engine, no row read into memory", report, StringComparison.Ordinal);
        Assert.Contains("4 queries of sufficient statistics, below", report, StringComparison.Ordinal);
        Assert.Contains("| query 4 |", report, StringComparison.Ordinal);
        Assert.Contains("SELECT \"#first_group\", \"#t\", \"#s\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConsoleSaysWhereTheRowsWent()
    {
        var memory = Run("memory-parquet", "parquet \"data/subjects.parquet\"", compute: false, Analyses, parquet: true);
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, Analyses, parquet: true);
        var csv = Run("memory", "\"data/subjects.csv\"", compute: false, Analyses);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.Contains("subjects: its rows were read into memory from data/subjects.parquet; 'compute in engine' keeps them in the engine.", memory.Out, StringComparison.Ordinal);
        Assert.Contains("subjects: computed in the engine (duckdb, data/subjects.parquet) from 4 queries of sufficient statistics; no row was read into memory.", engine.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("compute in engine", csv.Out, StringComparison.Ordinal);
    }

    /// <summary>Writes the study (the example's subject table, criteria, groups and outcome) into its own folder and runs it.</summary>
    private RunRecord Run(string name, string from, bool compute, string analyses, bool parquet = false, string formats = "json")
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var csv = Path.Combine(folder, "data", "subjects.csv");
        File.Copy(RepositoryPaths.Combine("examples", "Nxp2Jdm", "data", "subjects.csv"), csv);
        if (parquet)
        {
            DataSourceRuns.WriteParquet(csv, Path.Combine(folder, "data", "subjects.parquet"));
        }

        var study = Path.Combine(folder, "engine.study");
        File.WriteAllText(study, StudyText(from, compute, analyses));
        var captured = new CapturedOutput();
        var output = Path.Combine(folder, "report");
        var exit = RunCommand.Execute(new RunRequest(study, output, formats, _temp.Combine("cache")), captured.Output);
        return new RunRecord(exit, output, captured.Out.ToString(), captured.Error.ToString());
    }

    internal static string StudyText(string from, bool compute, string analyses) => $$"""
        study EngineRun {
          title "Relapse by antibody group"
          version "1.0"
        {{(compute ? "  compute in engine\n" : string.Empty)}}
          table subjects from {{from}} key id {
            id: text
            antibody: category(NXP2, MDA5, TIF1g) optional
            onset: category(juvenile, adult)
            age: number range 0..100
            sex: category(F, M)
            ck: number range 0..
            cmas: number range 0..52 optional
            mas: bool
            myocardial: bool
            dysphagia: bool
            calcinosis: bool
            relapse_months: number range 0.. optional
            relapsed: bool
          }

          include "Complete antibody testing": antibody is not missing
          exclude "Missing follow-up time": relapse_months is missing

          groups {
            NXP2_JDM  "NXP2+ JDM"      : antibody == NXP2  and onset == juvenile
            MDA5_JDM  "MDA5+ JDM"      : antibody == MDA5  and onset == juvenile
            TIF1g_JDM "TIF1γ+ JDM"     : antibody == TIF1g and onset == juvenile
            NXP2_ADM  "NXP2+ adult DM" : antibody == NXP2  and onset == adult
          }

          outcome Relapse "Relapse": time_to_event(relapse_months, relapsed) horizon 36

        {{analyses}}
          report "report" formats json
        }
        """;

    private static JsonNode Results(RunRecord run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")))!;

    /// <summary>The flow without the lists of unassigned and overlapping subjects, which an engine counts but does not list.</summary>
    private static JsonNode WithoutSubjectLists(JsonNode flow)
    {
        var copy = flow.DeepClone();
        copy["cohort"]!.AsObject().Remove("unassignedSubjects");
        copy["cohort"]!.AsObject().Remove("overlappingSubjects");
        foreach (var table in copy["tables"]!.AsArray())
        {
            table!.AsObject().Remove("source");
        }

        return copy;
    }

    /// <summary>Equal trees, numbers within 1e-9 relative (absolute near zero).</summary>
    internal static void AssertClose(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, path + ": expected null, found " + actual?.ToJsonString());
                return;
            case JsonObject o:
                var a = Assert.IsType<JsonObject>(actual, exactMatch: false);
                Assert.Equal(o.Select(p => p.Key).Order(StringComparer.Ordinal), a.Select(p => p.Key).Order(StringComparer.Ordinal));
                foreach (var (key, value) in o)
                {
                    AssertClose(value, a[key], path + "." + key);
                }

                return;
            case JsonArray e:
                var array = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(e.Count == array.Count, $"{path}: {e.Count} items expected, {array.Count} found");
                for (var i = 0; i < e.Count; i++)
                {
                    AssertClose(e[i], array[i], path + "[" + i + "]");
                }

                return;
            default:
                if (expected.GetValueKind() == JsonValueKind.Number)
                {
                    var x = expected.GetValue<double>();
                    var y = actual!.GetValue<double>();
                    Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{path}: {x} expected, {y} found");
                }
                else
                {
                    Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: {expected.ToJsonString()} expected, {actual?.ToJsonString()} found");
                }

                return;
        }
    }
}
