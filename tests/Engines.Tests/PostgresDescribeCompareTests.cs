using System;
using System.IO;
using System.Text.Json;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// <c>describe</c> and <c>compare</c> under <c>compute in engine</c> against the real PostgreSQL server's
/// <c>public.subjects</c>: Table 1 (numbers with missing values, categories, yes/no) and a comparison per test the engine
/// computes equal the same study run in memory from the example's CSV (1e-9 relative), box-plot figures included.
/// </summary>
public sealed class PostgresDescribeCompareTests : IDisposable
{
    private const string Analyses = """
          describe age, sex, ck, cmas, mas, myocardial by group
          describe ck, cmas, dysphagia by group statistics mean_sd, mean_se, median_iqr, range, percent_ci
          compare ck: NXP2_JDM vs each using mann_whitney adjust holm
          compare cmas: NXP2_JDM vs (MDA5_JDM, TIF1g_JDM) using t_test
          compare age: NXP2_JDM vs NXP2_ADM using welch
          compare mas, myocardial, dysphagia, calcinosis across groups using fisher
          compare sex: NXP2_JDM vs NXP2_ADM using chi_square
          compare ck, cmas across groups using kruskal_wallis
        """;

    private readonly EngineStudies _studies = new();

    public PostgresDescribeCompareTests() => PostgresServer.EnsureRunning();

    public void Dispose() => _studies.Dispose();

    [Fact]
    public void DescribeAndCompareOnPostgresGiveTheInMemoryRunsNumbers()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine", PostgresRuns.Subjects, compute: true);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        using var expected = memory.Results();
        using var actual = engine.Results();
        Assert.Equal(8, actual.RootElement.GetProperty("analyses").GetArrayLength());
        foreach (var analysis in actual.RootElement.GetProperty("analyses").EnumerateArray())
        {
            Assert.Equal("ok", analysis.GetProperty("status").GetString());
        }

        ResultsComparison.AssertSame(expected.RootElement.GetProperty("analyses"), actual.RootElement.GetProperty("analyses"), "analyses");
        ResultsComparison.AssertSame(expected.RootElement.GetProperty("figures"), actual.RootElement.GetProperty("figures"), "figures");
        Assert.True(actual.RootElement.GetProperty("dataSources")[0].GetProperty("computedInEngine").GetBoolean());
    }

    private RunRecord Run(string name, string from, bool compute)
    {
        var study = _studies.CopyExample(name);
        var folder = Path.GetDirectoryName(study)!;
        var text = $$"""
            study EngineTables {
            {{(compute ? "  compute in engine" : string.Empty)}}
            {{EngineStudies.SubjectTable(from)}}
              include "Complete antibody testing": antibody is not missing
              groups {
                NXP2_JDM  "NXP2+ JDM"      : antibody == NXP2  and onset == juvenile
                MDA5_JDM  "MDA5+ JDM"      : antibody == MDA5  and onset == juvenile
                TIF1g_JDM "TIF1γ+ JDM"     : antibody == TIF1g and onset == juvenile
                NXP2_ADM  "NXP2+ adult DM" : antibody == NXP2  and onset == adult
              }
            {{Analyses}}
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
