using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using Engines.Tests;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;
using ProtocolLang.Runtime.Sql;
using Xunit;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// The duplicate-key check on the two-shard cluster. When the Distributed table is sharded by a hash of the study's key,
/// a key's rows all went to one shard, so the check runs on each shard (<c>distributed_group_by_no_merge</c>) and still
/// finds a key held twice within a shard; when it is sharded by anything else (<c>rand()</c>), the check merges every
/// shard's keys and finds a key held once on each shard. The sharding key is read from <c>system.tables.engine_full</c>.
/// </summary>
public sealed class ClickHouseDuplicateKeyTests : IDisposable
{
    private readonly string _table = "s13_chspeed_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "s13-chspeed-" + Guid.NewGuid().ToString("N")[..12]);

    public ClickHouseDuplicateKeyTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, ConnectionResolver.FileName), EngineStudies.ConnectionsFile("warehouse", ClickHouseCluster.ConnectionString()));
    }

    public void Dispose()
    {
        try
        {
            foreach (var shard in new[] { ClickHouseCluster.Shard1, ClickHouseCluster.Shard2 })
            {
                Execute($"DROP TABLE IF EXISTS protocollang.{_table}", shard);
                Execute($"DROP TABLE IF EXISTS protocollang.{_table}_local", shard);
            }
        }
        catch (ClickHouseException)
        {
            // The cluster is gone: the test itself has said so already.
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void AKeyHeldTwiceWithinOneShardIsFoundByTheCheckRunOnEachShard()
    {
        ClickHouseCluster.Require();
        Create("cityHash64(id)");
        // Through the Distributed table: both rows of K7 go to the shard cityHash64('K7') picks.
        Execute($"INSERT INTO protocollang.{_table} VALUES ('K1', 1.), ('K2', 2.), ('K7', 3.), ('K3', 4.), ('K7', 5.), ('K4', 6.)", ClickHouseCluster.Shard1,
            "insert_distributed_sync=1");

        using var source = EngineSource.Open(Table(), null, new ConnectionResolver(_folder));
        var problems = EngineDataCheck.Values(source.Engine, Table(), source.From, source.KeysStayOnOneShard);

        Assert.True(source.KeysStayOnOneShard, "sharded by cityHash64 of the key");
        var problem = Assert.Single(problems);
        Assert.Equal(DataProblemCodes.EngineDuplicateKey, problem.Code);
        Assert.Contains("1 key value(s) held by more than one row (counted in the engine); e.g. the row with key 'K7'", problem.Message, StringComparison.Ordinal);
        var checks = source.Queries.Skip(1).ToList();
        Assert.Equal(2, checks.Count); // the hash screen found a repeat, so the exact check ran
        Assert.All(checks, q => Assert.EndsWith("SETTINGS distributed_group_by_no_merge = 1", q.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void ATableNotShardedByTheKeyKeepsTheMergedCheckAndFindsAKeyHeldOnceOnEachShard()
    {
        ClickHouseCluster.Require();
        Create("rand()");
        Execute($"INSERT INTO protocollang.{_table}_local VALUES ('K1', 1.), ('K7', 3.)", ClickHouseCluster.Shard1);
        Execute($"INSERT INTO protocollang.{_table}_local VALUES ('K2', 2.), ('K7', 5.)", ClickHouseCluster.Shard2);

        using var source = EngineSource.Open(Table(), null, new ConnectionResolver(_folder));
        var problems = EngineDataCheck.Values(source.Engine, Table(), source.From, source.KeysStayOnOneShard);

        Assert.False(source.KeysStayOnOneShard, "sharded by rand()");
        var problem = Assert.Single(problems);
        Assert.Contains("1 key value(s) held by more than one row (counted in the engine); e.g. the row with key 'K7'", problem.Message, StringComparison.Ordinal);
        Assert.All(source.Queries, q => Assert.DoesNotContain("distributed_group_by_no_merge", q.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void KeysWithoutARepeatPassBothChecksWithTheScreenAlone()
    {
        ClickHouseCluster.Require();
        Create("cityHash64(id)");
        Execute($"INSERT INTO protocollang.{_table} VALUES ('K1', 1.), ('K2', 2.), ('K3', 3.), ('K4', 4.)", ClickHouseCluster.Shard1, "insert_distributed_sync=1");

        using var source = EngineSource.Open(Table(), null, new ConnectionResolver(_folder));

        Assert.Empty(EngineDataCheck.Values(source.Engine, Table(), source.From, source.KeysStayOnOneShard));
        Assert.Equal(2, source.Queries.Count); // the value counts and the hash screen: no exact GROUP BY of the keys
        Assert.Contains("uniqExact(cityHash64(`id`))", source.Queries[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Distributed(protocollang_two_shards, protocollang, subjects_local, cityHash64(id))", "cityHash64(id)", true)]
    [InlineData("Distributed('c', 'db', 't', `id`)", "`id`", true)]
    [InlineData("Distributed(c, db, t, sipHash64(`id`), 'policy')", "sipHash64(`id`)", true)]
    [InlineData("Distributed(c, db, t, rand())", "rand()", false)]
    [InlineData("Distributed(c, db, t, rand(id))", "rand(id)", false)]
    [InlineData("Distributed(c, db, t, cityHash64(id, arm))", "cityHash64(id, arm)", false)]
    [InlineData("Distributed(c, db, t, cityHash64(ident))", "cityHash64(ident)", false)]
    public void TheShardingKeyIsReadFromTheEngineAndTrustedOnlyWhenItIsAHashOfTheKeyAlone(string engine, string sharding, bool keyOnly)
    {
        Assert.Equal(sharding, EngineSource.ShardingKey(engine));
        Assert.Equal(keyOnly, EngineSource.IsKeyOnly(sharding, "id"));
    }

    [Fact]
    public void ADistributedTableWithoutAShardingKeyHasNone() =>
        Assert.Null(EngineSource.ShardingKey("Distributed(c, db, t)"));

    private TableSchema Table() => new("subjects", "warehouse", "id", null, null, [new ColumnSchema("id", ColumnKind.Text), new ColumnSchema("x", ColumnKind.Number)])
    {
        SourceKind = DataSourceKind.ClickHouse,
        SourceTable = "protocollang." + _table,
    };

    private void Create(string sharding)
    {
        foreach (var shard in new[] { ClickHouseCluster.Shard1, ClickHouseCluster.Shard2 })
        {
            Execute($"CREATE TABLE protocollang.{_table}_local (id String, x Float64) ENGINE = MergeTree ORDER BY id", shard);
            Execute($"CREATE TABLE protocollang.{_table} AS protocollang.{_table}_local ENGINE = Distributed(protocollang_two_shards, protocollang, {_table}_local, {sharding})", shard);
        }
    }

    /// <summary>Runs <paramref name="sql"/>; with <paramref name="settings"/> as URL parameters (18.16's INSERT has no SETTINGS clause).</summary>
    private static string Execute(string sql, string url, string? settings = null)
    {
        if (settings is null)
        {
            using var http = ClickHouseCluster.Http(url);
            return http.Execute(sql);
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = client.PostAsync(url + "/?" + settings, new StringContent(sql)).GetAwaiter().GetResult();
        string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
