using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engines.Tests;
using ProtocolLang.Cli.Commands;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// <c>compute in engine</c> against the two-shard ClickHouse cluster: the flow is counted and the survival analyses are
/// computed on the <c>Distributed</c> table <c>protocollang.subjects</c>, and the numbers equal the same study run in memory
/// from the example's CSV (1e-9 relative); the engine's data check finds bad values (a key held on both shards among them)
/// and names source, column, count and an example key; hostile level text stays data. The tests' own tables are
/// <c>s12_ch_*</c> (a MergeTree table on each shard, a Distributed table over them on shard 1), dropped afterwards.
/// </summary>
public sealed class ClickHouseEngineRunTests : IDisposable
{
    private readonly EngineStudies _studies = new();
    private readonly string _table = "s12_ch_" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose()
    {
        _studies.Dispose();
        try
        {
            Execute($"DROP TABLE IF EXISTS protocollang.{_table}");
            foreach (var shard in new[] { ClickHouseCluster.Shard1, ClickHouseCluster.Shard2 })
            {
                Execute($"DROP TABLE IF EXISTS protocollang.{_table}_local", shard);
            }
        }
        catch (ClickHouseException)
        {
            // The cluster is gone: the test itself has said so already.
        }
    }

    [Fact]
    public void AnEngineRunOnTheTwoShardClusterGivesTheInMemoryRunsFlowAndSurvivalAnalyses()
    {
        ClickHouseCluster.Require();
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine", "clickhouse \"warehouse\" table \"protocollang.subjects\"");

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        Assert.Equal(3, actual.RootElement.GetProperty("analyses").GetArrayLength());
        ResultsComparison.AssertSame(expected.RootElement.GetProperty("analyses"), actual.RootElement.GetProperty("analyses"), "analyses");
        ResultsComparison.AssertSame(CohortCounts(expected), CohortCounts(actual), "flow.cohort");

        var source = actual.RootElement.GetProperty("dataSources")[0];
        Assert.True(source.GetProperty("computedInEngine").GetBoolean());
        Assert.Equal("clickhouse", source.GetProperty("engine").GetString());
        Assert.Equal("warehouse", source.GetProperty("connection").GetString());
        Assert.Equal("protocollang.subjects", source.GetProperty("sourceTable").GetString());
        Assert.Equal(67, source.GetProperty("rowsRead").GetInt32());
        Assert.Equal("bytes", source.GetProperty("receivedUnit").GetString());
        var queries = source.GetProperty("queries").EnumerateArray().ToList();
        // The value check, the duplicate-key screen, the flow, then one for the three analyses: Kaplan-Meier and both
        // log-rank tests read the same events per (group, time), and the run asks the engine once.
        Assert.Equal(4, queries.Count);
        Assert.All(queries, q => Assert.Contains("`protocollang`.`subjects`", q.GetProperty("text").GetString(), StringComparison.Ordinal));
        Assert.All(queries, q => Assert.True(q.GetProperty("received").GetInt64() > 0, "a ClickHouse answer has a header at least"));
        Assert.Contains("computed in the engine (clickhouse, ", engine.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(ClickHouseCluster.ReaderPassword, engine.EverythingWritten(), StringComparison.Ordinal);
    }

    [Fact]
    public void TableOneComparisonsAndCoxOnTheTwoShardClusterEqualTheInMemoryRun()
    {
        // The example's Table 1, its comparisons (ranks, means, counts) and a Cox model with group, number and category
        // terms: value counts and per-iteration sums merged across the shards give the CSV run's numbers.
        ClickHouseCluster.Require();
        const string analyses = """
              describe age, sex, ck, cmas, mas, myocardial by group
              compare ck: NXP2_JDM vs each using mann_whitney adjust holm
              compare cmas: NXP2_JDM vs (MDA5_JDM, TIF1g_JDM) using t_test
              compare mas, myocardial across groups using fisher
              compare age across groups using kruskal_wallis
              model cox Relapse ~ group + age + sex reference group = NXP2_ADM, sex = F ties efron zph none
            """;
        var memory = Run("memory-t1", "\"data/subjects.csv\"", compute: false, analyses: analyses);
        var engine = Run("engine-t1", "clickhouse \"warehouse\" table \"protocollang.subjects\"", analyses: analyses);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        Assert.Equal(6, actual.RootElement.GetProperty("analyses").GetArrayLength());
        var inMemory = JsonNode.Parse(expected.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        var inEngine = JsonNode.Parse(actual.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        // What only one side has: the in-memory Cox's concordance, the engine Cox's record of its queries, and the method
        // line that says which.
        Assert.Contains("fitted in the engine from per-time sums (no concordance)", inEngine[5]!["method"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var side in new[] { inMemory, inEngine })
        {
            side[5]!.AsObject().Remove("method");
            var cox = side[5]!["cox"]!.AsObject();
            cox.Remove("concordance");
            cox.Remove("concordanceStandardError");
            cox.Remove("engine");
        }

        using var left = JsonDocument.Parse(inMemory.ToJsonString());
        using var right = JsonDocument.Parse(inEngine.ToJsonString());
        ResultsComparison.AssertSame(left.RootElement, right.RootElement, "analyses");
        Assert.Equal("bytes", actual.RootElement.GetProperty("analyses")[5].GetProperty("cox").GetProperty("engine").GetProperty("receivedUnit").GetString());
    }

    [Fact]
    public void BadValuesAndAKeyOnBothShardsFailTheEngineRunNamingSourceColumnCountAndKey()
    {
        ClickHouseCluster.Require();
        CreateDistributed("SELECT * FROM protocollang.subjects", sharding: "rand()");
        // P001 again on shard 2 (all of the table's rows are on shard 1): a duplicate only the whole table shows, which a
        // table sharded by rand() keeps checking as a whole (ClickHouseDuplicateKeyTests); its age is out of range and
        // its mas neither 0 nor 1.
        Execute($"""
            INSERT INTO protocollang.{_table}_local SELECT id, antibody, onset, 150. AS age, sex, ck, cmas, 2 AS mas, myocardial, dysphagia, calcinosis,
            relapse_months, relapsed FROM protocollang.subjects WHERE id = 'P001'
            """, ClickHouseCluster.Shard2);

        var source = $"clickhouse \"warehouse\" table \"{_table}\"";
        var run = Run("bad-values", source);

        Assert.Equal(ExitCodes.DataErrors, run.Exit);
        Assert.True(run.Error.Contains($"{source}(column 'id'): error PL4065: table 'subjects', column 'id': 1 key value(s) held by more than one row (counted in the engine); e.g. the row with key 'P001'", StringComparison.Ordinal), run.Error);
        Assert.True(run.Error.Contains($"{source}(column 'age'): error PL4062: table 'subjects', column 'age': 1 value(s) outside the range 0..100 (counted in the engine); e.g. the row with key 'P001'", StringComparison.Ordinal), run.Error);
        Assert.True(run.Error.Contains($"{source}(column 'mas'): error PL4058: table 'subjects', column 'mas': 1 value(s) that are not 0 or 1 (a bool held as UInt8) (counted in the engine); e.g. the row with key 'P001'", StringComparison.Ordinal), run.Error);
        Assert.DoesNotContain(ClickHouseCluster.ReaderPassword, run.EverythingWritten(), StringComparison.Ordinal);
    }

    [Fact]
    public void AServerErrorInAnEngineRunIsPL4057WithoutThePassword()
    {
        ClickHouseCluster.Require();
        // A table the catalog lists but whose query fails: a Distributed table over a local table that does not exist.
        Execute($"CREATE TABLE protocollang.{_table} AS protocollang.subjects_local ENGINE = Distributed(protocollang_two_shards, protocollang, {_table}_local, cityHash64(id))");

        var run = Run("server-error", $"clickhouse \"warehouse\" table \"{_table}\"");

        Assert.Equal(ExitCodes.SourceMismatch, run.Exit);
        Assert.Contains("error PL4057: table 'subjects': the server reported an error: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ClickHouseCluster.ReaderPassword, run.EverythingWritten(), StringComparison.Ordinal);
    }

    [Fact]
    public void AHostileLevelStaysDataInAnEngineRun()
    {
        ClickHouseCluster.Require();
        const string hostile = "x'); DROP TABLE subjects; --\\ \"y\"";
        CreateDistributed($"SELECT id, antibody, onset, age, if(sex = 'F', {ClickHouseSql.Literal(hostile)}, sex) AS sex, ck, cmas, mas, myocardial, dysphagia, calcinosis, relapse_months, relapsed FROM protocollang.subjects");
        var level = "\"" + hostile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        var run = Run("hostile", $"clickhouse \"warehouse\" table \"{_table}\"", sexLevel: level);

        Assert.True(run.Exit == 0, run.Error);
        using var results = run.Results();
        var groups = results.RootElement.GetProperty("flow").GetProperty("cohort").GetProperty("groups");
        Assert.Equal(Analysed($"sex = {ClickHouseSql.Literal(hostile)}"), groups[0].GetProperty("n").GetInt32());
        Assert.Equal(Analysed("sex = 'M'"), groups[1].GetProperty("n").GetInt32());
        Assert.True(groups[0].GetProperty("n").GetInt32() > 0, "the hostile level names subjects");
        Assert.Equal("67", Execute("SELECT count() FROM protocollang.subjects").Trim());
    }

    /// <summary>The subjects of the test's table that pass the study's criteria and <paramref name="condition"/>, counted by the server itself.</summary>
    private int Analysed(string condition) => int.Parse(
        Execute($"SELECT count() FROM protocollang.{_table} WHERE antibody IS NOT NULL AND relapse_months IS NOT NULL AND {condition}").Trim(),
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cohort's flow without the lists of unassigned and overlapping subjects (an engine counts them, it does not list them).</summary>
    private static JsonElement CohortCounts(JsonDocument results)
    {
        var cohort = JsonNode.Parse(results.RootElement.GetProperty("flow").GetProperty("cohort").GetRawText())!.AsObject();
        Assert.True(cohort.Remove("unassignedSubjects") && cohort.Remove("overlappingSubjects"), "the flow lists its subjects");
        return JsonDocument.Parse(cohort.ToJsonString()).RootElement.Clone();
    }

    /// <summary>The test's own table: a MergeTree table on each shard (<paramref name="select"/>'s rows all on shard 1) and a Distributed one over both.</summary>
    private void CreateDistributed(string select, string sharding = "cityHash64(id)")
    {
        Execute($"CREATE TABLE protocollang.{_table}_local ENGINE = MergeTree ORDER BY id AS {select}");
        Execute($"CREATE TABLE protocollang.{_table}_local AS protocollang.subjects_local", ClickHouseCluster.Shard2);
        Execute($"CREATE TABLE protocollang.{_table} AS protocollang.subjects_local ENGINE = Distributed(protocollang_two_shards, protocollang, {_table}_local, {sharding})");
    }

    private static string Execute(string sql, string url = ClickHouseCluster.Shard1)
    {
        using var http = ClickHouseCluster.Http(url);
        return http.Execute(sql);
    }

    /// <summary>The example's subject table and its survival analyses (the ones an engine run computes), read from <paramref name="from"/>.</summary>
    private RunRecord Run(string name, string from, bool compute = true, string sexLevel = "F", string? analyses = null)
    {
        analyses ??= """
              model kaplan_meier Relapse by group at 12, 24, 36
              test logrank Relapse by group
              test logrank Relapse rho 1
            """;
        var study = _studies.CopyExample(name);
        var folder = Path.GetDirectoryName(study)!;
        var groups = sexLevel == "F"
            ? """
                NXP2_JDM  "NXP2+ JDM"      : antibody == NXP2  and onset == juvenile
                MDA5_JDM  "MDA5+ JDM"      : antibody == MDA5  and onset == juvenile
                TIF1g_JDM "TIF1γ+ JDM"     : antibody == TIF1g and onset == juvenile
                NXP2_ADM  "NXP2+ adult DM" : antibody == NXP2  and onset == adult
              """
            : $"""
                Female "Female": sex == {sexLevel}
                Male "Male": sex == M
              """;
        var text = $$"""
            study EngineRun {
            {{(compute ? "  compute in engine" : string.Empty)}}
            {{EngineStudies.SubjectTable(from, sexLevel)}}
              include "Complete antibody testing": antibody is not missing
              exclude "Missing follow-up time": relapse_months is missing
              groups {
            {{groups}}
              }
              outcome Relapse "Relapse": time_to_event(relapse_months, relapsed) horizon 36
            {{analyses}}
              report "report" formats json
            }
            """;
        File.WriteAllText(Path.Combine(folder, "engine.study"), text);
        File.Delete(study);
        if (compute)
        {
            Directory.Delete(Path.Combine(folder, "data"), recursive: true);
            File.WriteAllText(Path.Combine(folder, "protocollang.connections.json"),
                EngineStudies.ConnectionsFile("warehouse", ClickHouseCluster.ReaderConnectionString()));
        }

        return _studies.Run(Path.Combine(folder, "engine.study"), name);
    }
}
