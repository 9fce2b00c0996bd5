using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;
using Xunit;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>model linear</c> under <c>compute in engine</c>: the example's subjects as Parquet and as CSV read through DuckDB
/// give the in-memory run's results.json numbers (1e-9 relative): coefficients, SEs, R², F, AIC/BIC and the type I, II
/// and III ANOVA tables, with the subjects left out for a missing value (cmas) or a response ≤ 0 under log counted as
/// in memory, and the engine's queries recorded.
/// </summary>
public sealed class EngineLinearRunTests : IDisposable
{
    /// <summary>
/// The group, a category with a named reference, a bool, numbers, interactions; cmas is missing for some subjects, and
/// no adult with a cmas is in the analysed groups (the fifth model drops the level NXP2_ADM and adult); the last model's
/// onset is aliased (the groups are defined by it); factor() of a category is the category. Both paths must find the same.
/// </summary>
    internal const string Analyses = """
          model linear age ~ group + sex + cmas reference group = NXP2_ADM, sex = M
          model linear cmas ~ group * sex + age anova type2
          model linear log(ck) ~ group + age + mas + sex anova type3
          model linear ck ~ age * cmas + dysphagia
          model linear cmas ~ group + onset + calcinosis
          model linear age ~ group + onset + calcinosis
          model linear age ~ factor(sex) + mas
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void LinearModelsOverParquetEqualTheInMemoryRun()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, parquet: true);

        AssertSameAnalyses(memory, engine);
    }

    [Fact]
    public void LinearModelsOverCsvThroughDuckDbEqualTheInMemoryRun()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine-csv", "\"data/subjects.csv\"", compute: true);

        AssertSameAnalyses(memory, engine);
    }

    [Fact]
    public void AnEngineLinearModelRecordsItsQueriesAndWhatItCannotGive()
    {
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, parquet: true);

        Assert.True(engine.Exit == 0, engine.Error);
        var analyses = Results(engine)["analyses"]!.AsArray();
        // The design query and the cross-products; type III adds the sum-contrast cross-products.
        Assert.Equal(2, analyses[0]!["linear"]!["engine"]!["queries"]!.GetValue<int>());
        Assert.Equal(3, analyses[2]!["linear"]!["engine"]!["queries"]!.GetValue<int>());
        var cost = analyses[0]!["linear"]!["engine"]!;
        Assert.Equal("values", cost["receivedUnit"]!.GetValue<string>());
        Assert.True(cost["received"]!.GetValue<long>() > cost["rowsReceived"]!.GetValue<long>(), "each row brings several values");
        Assert.Contains("robust", cost["notAvailable"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    internal static void AssertSameAnalyses(RunRecord memory, RunRecord engine)
    {
        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        var expected = Results(memory)["analyses"]!.AsArray();
        var actual = Results(engine)["analyses"]!.AsArray();
        Assert.Equal(7, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i]!.DeepClone();
            var a = actual[i]!.DeepClone();
            Assert.Equal("ok", a["status"]!.GetValue<string>());
            Assert.NotNull(a["linear"]!["engine"]);
            a["linear"]!.AsObject().Remove("engine");
            EngineRunTests.AssertClose(e, a, "analyses[" + i + "]");
        }

        // The data reach what is tested: subjects left out for a missing cmas, an interaction, every ANOVA type.
        Assert.True(actual[0]!["linear"]!["excluded"]!.GetValue<int>() > 0, "cmas is missing for some subjects");
        Assert.Contains(actual[1]!["linear"]!["coefficients"]!.AsArray(), c => c!["term"]!.GetValue<string>().Contains(':', StringComparison.Ordinal));
        Assert.Equal(["I", "II", "III", "I", "I", "I", "I"], actual.Select(x => x!["linear"]!["anova"]!["type"]!.GetValue<string>()).ToArray());
        Assert.Contains("onset adult", actual[4]!["warnings"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(actual[5]!["warnings"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "PL5080");
    }

    private static JsonNode Results(RunRecord run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")))!;

    private RunRecord Run(string name, string from, bool compute, bool parquet = false, string formats = "json")
    {
        var folder = _temp.Combine(name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var csv = Path.Combine(folder, "data", "subjects.csv");
        File.Copy(RepositoryPaths.Combine("examples", "Nxp2Jdm", "data", "subjects.csv"), csv);
        if (parquet)
        {
            DataSourceRuns.WriteParquet(csv, Path.Combine(folder, "data", "subjects.parquet"));
        }

        var study = Path.Combine(folder, "engine.study");
        File.WriteAllText(study, EngineRunTests.StudyText(from, compute, Analyses));
        var captured = new CapturedOutput();
        var output = Path.Combine(folder, "report");
        var exit = RunCommand.Execute(new RunRequest(study, output, formats, _temp.Combine("cache")), captured.Output);
        return new RunRecord(exit, output, captured.Out.ToString(), captured.Error.ToString());
    }
}
