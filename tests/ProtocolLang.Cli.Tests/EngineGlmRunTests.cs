using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;
using Xunit;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>model logistic</c> and <c>model poisson</c> under <c>compute in engine</c>: the example's subjects as Parquet and as
/// CSV read through DuckDB give the in-memory run's results.json numbers (1e-9 relative) and the same IRLS iteration
/// count, except the profile-likelihood intervals, which an engine fit does not compute (null, and its method says so).
/// </summary>
public sealed class EngineGlmRunTests : IDisposable
{
    /// <summary>The group with a named reference, a category, bools and numbers; cmas is missing for some subjects.</summary>
    internal const string Analyses = """
          model logistic relapsed ~ group + age + sex reference group = NXP2_ADM
          model logistic dysphagia ~ cmas + mas + onset
          model poisson ck ~ group + age + myocardial
          model poisson cmas ~ sex + calcinosis + age
        """;

    private static readonly string[] ProfileFields = ["profileLow", "profileHigh", "ratioProfileLow", "ratioProfileHigh"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void LogisticAndPoissonModelsOverParquetEqualTheInMemoryRun()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine", "parquet \"data/subjects.parquet\"", compute: true, parquet: true);

        AssertSameAnalyses(memory, engine);
    }

    [Fact]
    public void LogisticAndPoissonModelsOverCsvThroughDuckDbEqualTheInMemoryRun()
    {
        var memory = Run("memory", "\"data/subjects.csv\"", compute: false);
        var engine = Run("engine-csv", "\"data/subjects.csv\"", compute: true);

        AssertSameAnalyses(memory, engine);
    }

    internal static void AssertSameAnalyses(RunRecord memory, RunRecord engine)
    {
        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        var expected = Results(memory)["analyses"]!.AsArray();
        var actual = Results(engine)["analyses"]!.AsArray();
        Assert.Equal(4, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i]!.DeepClone();
            var a = actual[i]!.DeepClone();
            Assert.Equal("ok", a["status"]!.GetValue<string>());
            var glm = a["glm"]!;
            // The design scan, one scan per IRLS point (the start and each iteration), and a Poisson model's GROUP BY of y.
            int poisson = glm["family"]!.GetValue<string>() == "poisson" ? 1 : 0;
            Assert.Equal(2 + glm["iterations"]!.GetValue<int>() + poisson, glm["engine"]!["queries"]!.GetValue<int>());
            Assert.Contains("profile-likelihood", glm["engine"]!["notAvailable"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("fitted in the engine", a["method"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.All(glm["coefficients"]!.AsArray(), c => Assert.Null(c!["ratioProfileLow"]));
            foreach (var node in new[] { e, a })
            {
                node.AsObject().Remove("method");
                node["glm"]!.AsObject().Remove("engine");
                foreach (var c in node["glm"]!["coefficients"]!.AsArray())
                {
                    foreach (var field in ProfileFields)
                    {
                        c!.AsObject().Remove(field);
                        Assert.Null(c[field]);
                    }
                }
            }

            EngineRunTests.AssertClose(e, a, "analyses[" + i + "]");
        }

        Assert.True(actual[1]!["glm"]!["excluded"]!.GetValue<int>() > 0, "cmas is missing for some subjects");
        Assert.True(actual.All(x => x!["glm"]!["iterations"]!.GetValue<int>() > 2), "the IRLS iterates");
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
        // ck and cmas are whole numbers in the example: declared as integers here, they are counts a Poisson model takes.
        File.WriteAllText(study, EngineRunTests.StudyText(from, compute, Analyses)
            .Replace("ck: number range 0..", "ck: integer range 0..", StringComparison.Ordinal)
            .Replace("cmas: number range 0..52", "cmas: integer range 0..52", StringComparison.Ordinal));
        var captured = new CapturedOutput();
        var output = Path.Combine(folder, "report");
        var exit = RunCommand.Execute(new RunRequest(study, output, formats, _temp.Combine("cache")), captured.Output);
        return new RunRecord(exit, output, captured.Out.ToString(), captured.Error.ToString());
    }
}
