using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engines.Tests;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// <c>model linear</c> under <c>compute in engine</c> against the real PostgreSQL server and the two-shard ClickHouse
/// cluster (whose sums add per shard): the results.json numbers equal the same study run in memory from the example's
/// CSV (1e-9 relative), the group, a category with a named reference, bools, numbers, an interaction, a log response,
/// missing values and every ANOVA type included; and <c>model logistic</c>, whose IRLS runs one query per iteration
/// (the same iteration count), except its profile-likelihood intervals (not computed from an engine).
/// </summary>
public sealed class EngineLinearServerTests : IDisposable
{
    private const string Analyses = """
          model linear age ~ group + sex + cmas reference group = NXP2_ADM, sex = M
          model linear cmas ~ group * sex + age anova type2
          model linear log(ck) ~ group + age + mas + sex anova type3
          model linear ck ~ age * cmas + dysphagia
        """;

    private const string LogisticAnalyses = """
          model logistic relapsed ~ group + age + sex reference group = NXP2_ADM
          model logistic dysphagia ~ cmas + mas + onset
        """;

    private readonly EngineStudies _studies = new();

    public void Dispose() => _studies.Dispose();

    [Fact]
    public void LinearModelsOnPostgresEqualTheInMemoryRun()
    {
        PostgresServer.EnsureRunning();
        AssertSame(Run("memory", "\"data/subjects.csv\"", null), Run("postgres", PostgresRuns.Subjects, EngineStudies.ConnectionsFile("ci", PostgresServer.ConnectionString)));
    }

    [Fact]
    public void LinearModelsOnTheTwoShardClickHouseClusterEqualTheInMemoryRun()
    {
        ClickHouseCluster.Require();
        AssertSame(Run("memory", "\"data/subjects.csv\"", null),
            Run("clickhouse", FourSourceRuns.ClickHouseSubjects, EngineStudies.ConnectionsFile("warehouse", ClickHouseCluster.ReaderConnectionString())));
    }

    [Fact]
    public void LogisticModelsOnPostgresAndTheClickHouseClusterEqualTheInMemoryRun()
    {
        PostgresServer.EnsureRunning();
        ClickHouseCluster.Require();
        var memory = Run("memory-glm", "\"data/subjects.csv\"", null, LogisticAnalyses);
        AssertSameGlm(memory, Run("postgres-glm", PostgresRuns.Subjects, EngineStudies.ConnectionsFile("ci", PostgresServer.ConnectionString), LogisticAnalyses));
        AssertSameGlm(memory, Run("clickhouse-glm", FourSourceRuns.ClickHouseSubjects,
            EngineStudies.ConnectionsFile("warehouse", ClickHouseCluster.ReaderConnectionString()), LogisticAnalyses));
    }

    private static void AssertSameGlm(RunRecord memory, RunRecord engine)
    {
        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        var e = JsonNode.Parse(expected.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        var a = JsonNode.Parse(actual.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        Assert.Equal(2, a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            var glm = a[i]!["glm"]!;
            Assert.Equal(2 + glm["iterations"]!.GetValue<int>(), glm["engine"]!["queries"]!.GetValue<int>());
            foreach (var node in new[] { e[i]!, a[i]! })
            {
                node.AsObject().Remove("method");
                node["glm"]!.AsObject().Remove("engine");
                foreach (var c in node["glm"]!["coefficients"]!.AsArray())
                {
                    foreach (var field in new[] { "profileLow", "profileHigh", "ratioProfileLow", "ratioProfileHigh" })
                    {
                        c!.AsObject().Remove(field);
                    }
                }
            }
        }

        using var left = JsonDocument.Parse(e.ToJsonString());
        using var right = JsonDocument.Parse(a.ToJsonString());
        ResultsComparison.AssertSame(left.RootElement, right.RootElement, "analyses");
    }

    private static void AssertSame(RunRecord memory, RunRecord engine)
    {
        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        var e = JsonNode.Parse(expected.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        var a = JsonNode.Parse(actual.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        Assert.Equal(4, a.Count);
        foreach (var node in a)
        {
            Assert.Equal("ok", node!["status"]!.GetValue<string>());
            Assert.True(node["linear"]!["engine"]!["queries"]!.GetValue<int>() >= 2);
            node["linear"]!.AsObject().Remove("engine");
        }

        Assert.True(a[0]!["linear"]!["excluded"]!.GetValue<int>() > 0, "cmas is missing for some subjects");
        Assert.Equal(["I", "II", "III", "I"], a.Select(x => x!["linear"]!["anova"]!["type"]!.GetValue<string>()).ToArray());
        using var left = JsonDocument.Parse(e.ToJsonString());
        using var right = JsonDocument.Parse(a.ToJsonString());
        ResultsComparison.AssertSame(left.RootElement, right.RootElement, "analyses");
    }

    private RunRecord Run(string name, string from, string? connections, string analyses = Analyses)
    {
        var study = _studies.CopyExample(name);
        var folder = Path.GetDirectoryName(study)!;
        var text = $$"""
            study EngineRun {
            {{(connections is not null ? "  compute in engine" : string.Empty)}}
            {{EngineStudies.SubjectTable(from)}}
              include "Complete antibody testing": antibody is not missing
              exclude "Missing follow-up time": relapse_months is missing
              groups {
                NXP2_JDM  "NXP2+ JDM"      : antibody == NXP2  and onset == juvenile
                MDA5_JDM  "MDA5+ JDM"      : antibody == MDA5  and onset == juvenile
                TIF1g_JDM "TIF1γ+ JDM"     : antibody == TIF1g and onset == juvenile
                NXP2_ADM  "NXP2+ adult DM" : antibody == NXP2  and onset == adult
              }
            {{analyses}}
              report "report" formats json
            }
            """;
        File.WriteAllText(Path.Combine(folder, "engine.study"), text);
        File.Delete(study);
        if (connections is not null)
        {
            Directory.Delete(Path.Combine(folder, "data"), recursive: true);
            File.WriteAllText(Path.Combine(folder, "protocollang.connections.json"), connections);
        }

        return _studies.Run(Path.Combine(folder, "engine.study"), name);
    }
}
