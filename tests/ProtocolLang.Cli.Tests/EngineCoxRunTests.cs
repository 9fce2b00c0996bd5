using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;
using Xunit;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>compute in engine</c> with Cox models and stratified and pairwise log-rank tests: the example's subjects as Parquet
/// and as CSV read through DuckDB give the in-memory run's results.json numbers (1e-9 relative, the same iteration
/// count), except what an engine fit cannot give (the concordance), which results.json and the report say plainly.
/// </summary>
public sealed class EngineCoxRunTests : IDisposable
{
    /// <summary>Group, numeric, category and bool covariates; cmas is missing for 22 subjects; Efron and Breslow; strata.</summary>
    internal const string Analyses = """
          model cox Relapse ~ group + age + sex + cmas reference group = NXP2_ADM, sex = M ties efron zph none
          model cox Relapse ~ group + age + sex reference NXP2_ADM ties breslow zph none
          model cox Relapse ~ group + age + cmas strata sex ties efron zph none
          model cox Relapse ~ age + mas + sex strata onset, calcinosis ties breslow zph none
          test logrank Relapse by group strata sex
          test logrank Relapse by group pairwise adjust holm
          test logrank Relapse by group strata onset pairwise adjust bh
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CoxAndStratifiedAndPairwiseLogRankOverParquetEqualTheInMemoryRun()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, parquet: true);

        AssertSameAnalyses(memory, engine);
    }

    [Fact]
    public void CoxAndStratifiedAndPairwiseLogRankOverCsvThroughDuckDbEqualTheInMemoryRun()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine-csv", "\"data/subjects.csv\"", compute: true);

        AssertSameAnalyses(memory, engine);
    }

    [Fact]
    public void AnEngineCoxRecordsItsQueriesAndWhatCameBackAndSaysItHasNoConcordance()
    {
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, parquet: true, formats: "json,md,html");

        Assert.True(engine.Exit == 0, engine.Error);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(engine.OutputDirectory, "results.json")))!;
        var cox = results["analyses"]!.AsArray().First(a => a!["kind"]!.GetValue<string>() == "cox")!["cox"]!;
        var cost = cox["engine"]!;
        Assert.Equal(1 + cox["iterations"]!.GetValue<int>(), cost["queries"]!.GetValue<int>()); // the first query (means and β = 0), then one per iteration
        Assert.Equal("values", cost["receivedUnit"]!.GetValue<string>());
        Assert.True(cost["received"]!.GetValue<long>() > cost["rowsReceived"]!.GetValue<long>(), "each row brings several values");
        Assert.Contains("concordance", cost["notAvailable"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(cox["concordance"]);
        Assert.Null(cox["proportionalHazards"]);

        var report = File.ReadAllText(Path.Combine(engine.OutputDirectory, "report.md"));
        Assert.Contains("| Concordance (Harrell's C, SE) | not available from an engine |", report, StringComparison.Ordinal);
        Assert.Contains("Fitted in the engine from per-time sums", report, StringComparison.Ordinal);
        Assert.Contains("| Engine queries (rows received; values received) |", report, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(engine.OutputDirectory, "report.html"));
        Assert.Contains("not available from an engine", html, StringComparison.Ordinal);
        Assert.Contains("Fitted in the engine from per-time sums", html, StringComparison.Ordinal);
    }

    private static void AssertSameAnalyses(RunRecord memory, RunRecord engine)
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
            if (e["kind"]!.GetValue<string>() == "cox")
            {
                // The engine fit has no concordance (null there, a number in memory), and its method says so.
                Assert.Null(a["cox"]!["concordance"]);
                Assert.Equal(e["method"]!.GetValue<string>().Replace("; concordance with SE as R concordance(fit)", "; fitted in the engine from per-time sums (no concordance)", StringComparison.Ordinal),
                    a["method"]!.GetValue<string>());
                Assert.NotNull(a["cox"]!["engine"]);
                foreach (var node in new[] { e, a })
                {
                    node.AsObject().Remove("method");
                    node["cox"]!.AsObject().Remove("concordance");
                    node["cox"]!.AsObject().Remove("concordanceStandardError");
                    node["cox"]!.AsObject().Remove("engine");
                }
            }

            EngineRunTests.AssertClose(e, a, "analyses[" + i + "]");
        }

        // The data reach what is tested: subjects left out for a missing covariate, strata, pairs.
        Assert.Equal(expected[0]!["cox"]!["excluded"]!.GetValue<int>(), actual[0]!["cox"]!["excluded"]!.GetValue<int>());
        Assert.True(actual[0]!["cox"]!["excluded"]!.GetValue<int>() > 0, "cmas is missing for some subjects");
        Assert.Equal(6, actual[5]!["logRank"]!["pairs"]!.AsArray().Count);
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
