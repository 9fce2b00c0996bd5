using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// <c>compute in engine</c> against the real PostgreSQL server's <c>public.subjects</c>: the flow is counted and the
/// survival analyses are computed there, and the numbers equal the same study run in memory from the example's CSV
/// (1e-9 relative); the data source records that the rows stayed in the server.
/// </summary>
public sealed class PostgresEngineRunTests : IDisposable
{
    private readonly EngineStudies _studies = new();

    public PostgresEngineRunTests() => PostgresServer.EnsureRunning();

    public void Dispose() => _studies.Dispose();

    [Fact]
    public void AnEngineRunOnPostgresGivesTheInMemoryRunsFlowAndSurvivalAnalyses()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine", PostgresRuns.Subjects, compute: true);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        Assert.Equal(3, actual.RootElement.GetProperty("analyses").GetArrayLength());
        ResultsComparison.AssertSame(expected.RootElement.GetProperty("analyses"), actual.RootElement.GetProperty("analyses"), "analyses");
        ResultsComparison.AssertSame(CohortCounts(expected), CohortCounts(actual), "flow.cohort");

        var source = actual.RootElement.GetProperty("dataSources")[0];
        Assert.True(source.GetProperty("computedInEngine").GetBoolean());
        Assert.Equal("postgres", source.GetProperty("engine").GetString());
        Assert.Equal("ci", source.GetProperty("connection").GetString());
        Assert.DoesNotContain("Password", engine.EverythingWritten(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CoxAndStratifiedAndPairwiseLogRankOnPostgresEqualTheInMemoryRun()
    {
        const string analyses = """
              model cox Relapse ~ group + age + sex + cmas reference group = NXP2_ADM, sex = M ties efron zph none
              model cox Relapse ~ group + age + sex reference NXP2_ADM ties breslow zph none
              model cox Relapse ~ group + age + cmas strata sex ties efron zph none
              model cox Relapse ~ age + mas + sex strata onset, calcinosis ties breslow zph none
              test logrank Relapse by group strata sex
              test logrank Relapse by group pairwise adjust holm
              test logrank Relapse by group strata onset pairwise adjust bh
            """;
        var memory = Run("memory-cox", "\"data/subjects.csv\"", compute: false, analyses);
        var engine = Run("engine-cox", PostgresRuns.Subjects, compute: true, analyses);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        var e = JsonNode.Parse(expected.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        var a = JsonNode.Parse(actual.RootElement.GetProperty("analyses").GetRawText())!.AsArray();
        Assert.Equal(7, a.Count);
        for (var i = 0; i < 4; i++)
        {
            // An engine fit has no concordance and records its cost; everything else is the in-memory fit's.
            var cost = a[i]!["cox"]!["engine"]!;
            Assert.Equal(1 + a[i]!["cox"]!["iterations"]!.GetValue<int>(), cost["queries"]!.GetValue<int>()); // the first query, then one per iteration
            Assert.Null(a[i]!["cox"]!["concordance"]);
            foreach (var node in new[] { e[i]!, a[i]! })
            {
                node.AsObject().Remove("method");
                node["cox"]!.AsObject().Remove("concordance");
                node["cox"]!.AsObject().Remove("concordanceStandardError");
                node["cox"]!.AsObject().Remove("engine");
            }
        }

        Assert.True(a[0]!["cox"]!["excluded"]!.GetValue<int>() > 0, "cmas is missing for some subjects");
        using var left = JsonDocument.Parse(e.ToJsonString());
        using var right = JsonDocument.Parse(a.ToJsonString());
        ResultsComparison.AssertSame(left.RootElement, right.RootElement, "analyses");
    }

    /// <summary>The cohort's flow without the lists of unassigned and overlapping subjects (an engine counts them, it does not list them).</summary>
    private static JsonElement CohortCounts(JsonDocument results)
    {
        var cohort = JsonNode.Parse(results.RootElement.GetProperty("flow").GetProperty("cohort").GetRawText())!.AsObject();
        Assert.True(cohort.Remove("unassignedSubjects") && cohort.Remove("overlappingSubjects"), "the flow lists its subjects");
        return JsonDocument.Parse(cohort.ToJsonString()).RootElement.Clone();
    }

    private const string SurvivalAnalyses = """
          model kaplan_meier Relapse by group at 12, 24, 36
          test logrank Relapse by group
          test logrank Relapse rho 1
        """;

    private RunRecord Run(string name, string from, bool compute, string analyses = SurvivalAnalyses)
    {
        var study = _studies.CopyExample(name);
        var folder = Path.GetDirectoryName(study)!;
        var text = $$"""
            study EngineRun {
            {{(compute ? "  compute in engine" : string.Empty)}}
            {{EngineStudies.SubjectTable(from)}}
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
        File.WriteAllText(Path.Combine(folder, "engine.study"), text);
        File.Delete(study);
        if (compute)
        {
            Directory.Delete(Path.Combine(folder, "data"), recursive: true);
            File.WriteAllText(Path.Combine(folder, "protocollang.connections.json"), EngineStudies.ConnectionsFile("ci", PostgresServer.ConnectionString));
        }

        return _studies.Run(Path.Combine(folder, "engine.study"), name);
    }
}
