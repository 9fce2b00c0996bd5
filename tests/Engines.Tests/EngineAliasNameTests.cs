using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engines.Tests;
using Xunit;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// Study columns named as the engine queries once named their own columns (x3, c1, t, s, reason, k): on ClickHouse, which
/// resolves an alias anywhere in a query, such a column had read the query's own alias (PL2287 refused them). The queries'
/// names are now <c>SqlDialect.Alias</c> names (quoted, with a '#' no study identifier holds), so on the two-shard
/// cluster, PostgreSQL and DuckDB (a CSV through <c>read_csv</c>) the engine run equals the in-memory run of the same rows:
/// the flow, Kaplan-Meier, Table 1 and a Cox model whose covariates x3, reason, c1 and k sit at other positions
/// (x3 is the query's second covariate, c1 its fourth). The tables are the test's own (<c>s14_chspeed_*</c>), dropped afterwards.
/// </summary>
public sealed class EngineAliasNameTests : IDisposable
{
    private const int Subjects = 40;
    private readonly string _table = "s14_chspeed_" + Guid.NewGuid().ToString("N")[..12];
    private readonly EngineStudies _studies = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "s14-chspeed-" + Guid.NewGuid().ToString("N")[..12]);

    public EngineAliasNameTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            foreach (var shard in new[] { ClickHouseCluster.Shard1, ClickHouseCluster.Shard2 })
            {
                ClickHouse($"DROP TABLE IF EXISTS protocollang.{_table}", shard);
                ClickHouse($"DROP TABLE IF EXISTS protocollang.{_table}_local", shard);
            }
        }
        catch (Exception e) when (e is Runtime.Data.Engines.ClickHouseException or System.Net.Http.HttpRequestException)
        {
            // The cluster is gone: the test itself has said so already.
        }

        try
        {
            PostgresServer.Execute($"DROP TABLE IF EXISTS public.{_table}");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Xunit.Sdk.XunitException)
        {
            // The server is gone: the test itself has said so already.
        }

        _studies.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void ColumnsNamedLikeTheQueriesOwnNamesReadTheTableOnClickHouse()
    {
        ClickHouseCluster.Require();
        foreach (var shard in new[] { ClickHouseCluster.Shard1, ClickHouseCluster.Shard2 })
        {
            ClickHouse($"CREATE TABLE protocollang.{_table}_local (id String, arm String, x3 Float64, t Float64, s UInt8, reason Float64, c1 Float64, k Float64) "
                + "ENGINE = MergeTree ORDER BY id", shard);
            ClickHouse($"CREATE TABLE protocollang.{_table} AS protocollang.{_table}_local ENGINE = Distributed(protocollang_two_shards, protocollang, {_table}_local, cityHash64(id))", shard);
        }

        // Every value is a multiple of 0.25, exact in binary, so 18.16's inexact parsing of VALUES cannot change one.
        ClickHouse($"INSERT INTO protocollang.{_table} VALUES " + string.Join(", ", Rows().Select(r =>
            $"('{r.Id}', '{r.Arm}', {Number(r.X3)}, {Number(r.T)}, {(r.S ? 1 : 0)}, {Number(r.Reason)}, {Number(r.C1)}, {Number(r.K)})")), ClickHouseCluster.Shard1, "insert_distributed_sync=1");

        AssertEqualsInMemory("clickhouse", $"clickhouse \"warehouse\" table \"protocollang.{_table}\"",
            EngineStudies.ConnectionsFile("warehouse", ClickHouseCluster.ConnectionString()));
    }

    [Fact]
    public void ColumnsNamedLikeTheQueriesOwnNamesReadTheTableOnPostgres()
    {
        PostgresServer.Execute($"CREATE TABLE public.{_table} (id text, arm text, x3 double precision, t double precision, s boolean, reason double precision, "
            + "c1 double precision, k double precision)");
        PostgresServer.Execute($"INSERT INTO public.{_table} VALUES " + string.Join(", ", Rows().Select(r =>
            $"('{r.Id}', '{r.Arm}', {Number(r.X3)}, {Number(r.T)}, {(r.S ? "true" : "false")}, {Number(r.Reason)}, {Number(r.C1)}, {Number(r.K)})")));

        AssertEqualsInMemory("postgres", $"postgres \"ci\" table \"public.{_table}\"", EngineStudies.ConnectionsFile("ci", PostgresServer.ConnectionString));
    }

    [Fact]
    public void ColumnsNamedLikeTheQueriesOwnNamesReadTheTableOnDuckDb()
    {
        AssertEqualsInMemory("duckdb", "\"data/subjects.csv\"", null);
    }

    private void AssertEqualsInMemory(string name, string from, string? connections)
    {
        var memory = Run(name + "-memory", "\"data/subjects.csv\"", compute: false, null);
        var engine = Run(name + "-engine", from, compute: true, connections);

        Assert.True(memory.Exit == 0, memory.Out + memory.Error);
        Assert.True(engine.Exit == 0, engine.Out + engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        Assert.True(actual.RootElement.GetProperty("dataSources")[0].GetProperty("computedInEngine").GetBoolean(), "computed in the engine");
        Assert.Equal(3, actual.RootElement.GetProperty("analyses").GetArrayLength());
        var inMemory = JsonNode.Parse(expected.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        var inEngine = JsonNode.Parse(actual.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        // What only one side has: the in-memory Cox's concordance, the engine Cox's record of its queries, and the method
        // line that says which (as ClickHouseEngineRunTests).
        Assert.Contains("fitted in the engine from per-time sums (no concordance)", inEngine[2]!["method"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var side in new[] { inMemory, inEngine })
        {
            side[2]!.AsObject().Remove("method");
            var cox = side[2]!["cox"]!.AsObject();
            cox.Remove("concordance");
            cox.Remove("concordanceStandardError");
            cox.Remove("engine");
        }

        using var left = JsonDocument.Parse(inMemory.ToJsonString());
        using var right = JsonDocument.Parse(inEngine.ToJsonString());
        ResultsComparison.AssertSame(left.RootElement, right.RootElement, "analyses");
        Assert.Equal(5, left.RootElement[2].GetProperty("cox").GetProperty("terms").GetArrayLength());
        ResultsComparison.AssertSame(CohortCounts(expected), CohortCounts(actual), "flow.cohort");
        // The criterion on 'reason' excluded the subjects whose reason is 9.5: the flow read the column, not its own alias.
        Assert.Equal(Subjects - Rows().Count(r => r.Reason > 9), actual.RootElement.GetProperty("flow").GetProperty("cohort").GetProperty("analysed").GetInt32());
        Assert.Equal(2, Rows().Count(r => r.Reason > 9));
    }

    private RunRecord Run(string name, string from, bool compute, string? connections)
    {
        var folder = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var csv = new StringBuilder("id,arm,x3,t,s,reason,c1,k\n");
        foreach (var r in Rows())
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Id},{r.Arm},{Number(r.X3)},{Number(r.T)},{(r.S ? "true" : "false")},{Number(r.Reason)},{Number(r.C1)},{Number(r.K)}\n");
        }

        File.WriteAllText(Path.Combine(folder, "data", "subjects.csv"), csv.ToString());
        if (connections is not null)
        {
            File.WriteAllText(Path.Combine(folder, "protocollang.connections.json"), connections);
        }

        var text = $$"""
            study Aliases {
            {{(compute ? "  compute in engine" : string.Empty)}}
              table subjects from {{from}} key id {
                id: text
                arm: category(A, B)
                x3: number
                t: number range 0..
                s: bool
                reason: number
                c1: number
                k: number
              }
              exclude "High reason": reason > 9
              groups {
                A "A": arm == A
                B "B": arm == B
              }
              outcome Death "Death": time_to_event(t, s)
              model kaplan_meier Death by group at 5, 10
              describe x3, reason, c1, k, s by group
              model cox Death ~ group + x3 + reason + c1 + k reference group = A ties efron zph none
              report "report" formats json
            }
            """;
        File.WriteAllText(Path.Combine(folder, "aliases.study"), text);
        return _studies.Run(Path.Combine(folder, "aliases.study"), name);
    }

    /// <summary>Deterministic rows: tied times, about two thirds events, two subjects with reason 9.5 (excluded).</summary>
    private static IEnumerable<(string Id, string Arm, double X3, double T, bool S, double Reason, double C1, double K)> Rows() =>
        Enumerable.Range(0, Subjects).Select(i => (
            "S" + i.ToString("D2", CultureInfo.InvariantCulture), i % 2 == 0 ? "A" : "B", (i * 7 % 11) * 0.25, 1.0 + (i * 5 % 13), i % 3 != 0,
            (i * 3 % 20) * 0.5, (i * 11 % 9) * 0.5, 1 + ((i % 4) * 0.25) + (i % 2 == 0 ? 0.5 : 0)));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static JsonElement CohortCounts(JsonDocument results)
    {
        var cohort = JsonNode.Parse(results.RootElement.GetProperty("flow").GetProperty("cohort").GetRawText())!.AsObject();
        cohort.Remove("unassignedSubjects");
        cohort.Remove("overlappingSubjects");
        return JsonDocument.Parse(cohort.ToJsonString()).RootElement.Clone();
    }

    private static string ClickHouse(string sql, string url, string? settings = null)
    {
        if (settings is null)
        {
            using var http = ClickHouseCluster.Http(url);
            return http.Execute(sql);
        }

        using var client = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = client.PostAsync(url + "/?" + settings, new System.Net.Http.StringContent(sql)).GetAwaiter().GetResult();
        string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
