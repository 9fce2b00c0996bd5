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
    /// <summary>
    /// The group with a named reference, a category, bools and numbers; cmas is missing for some subjects; the last model
    /// is separated (its term is its response), so both paths must find the diverging term the same way.
    /// </summary>
    internal const string Analyses = """
          model logistic relapsed ~ group + age + sex reference group = NXP2_ADM
          model logistic dysphagia ~ cmas + mas + onset
          model poisson ck ~ group + age + myocardial
          model poisson cmas ~ sex + calcinosis + age
          model logistic dysphagia ~ age + dysphagia
        """;

    private static readonly string[] ProfileFields = ["profileLow", "profileHigh", "ratioProfileLow", "ratioProfileHigh"];

    /// <summary>
    /// Under separation the SEs are (XᵀWX)⁻¹ with weights near ε, which the warning calls not meaningful: the Cholesky
    /// of the sums and the QR of the rows agree there to ~1e-6 only; the deviance, AIC, iterations and warnings are still
    /// compared to 1e-9, the estimates to 1e-5.
    /// </summary>
    private static readonly string[] SeparatedFields = ["standardError", "statistic", "pValue", "waldLow", "waldHigh", "ratioWaldLow", "ratioWaldHigh"];


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
        Assert.Equal(5, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i]!.DeepClone();
            var a = actual[i]!.DeepClone();
            Assert.Equal("ok", a["status"]!.GetValue<string>());
            var glm = a["glm"]!;
            // The design scan, one scan per IRLS point (the start and each iteration), a Poisson model's GROUP BY of y, and
            // under separation the divergence check's 10 further iterations (its start, the fit's β, is the last query again).
            int poisson = glm["family"]!.GetValue<string>() == "poisson" ? 1 : 0;
            int divergence = a["warnings"]!.AsArray().Any(w => w!["code"]!.GetValue<string>() == "PL5086") ? 10 : 0;
            Assert.Equal(2 + glm["iterations"]!.GetValue<int>() + poisson + divergence, glm["engine"]!["queries"]!.GetValue<int>());
            Assert.Contains("profile-likelihood", glm["engine"]!["notAvailable"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("fitted in the engine", a["method"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.All(glm["coefficients"]!.AsArray(), c => Assert.Null(c!["ratioProfileLow"]));
            foreach (var node in new[] { e, a })
            {
                node.AsObject().Remove("method");
                node["glm"]!.AsObject().Remove("engine");
                foreach (var c in node["glm"]!["coefficients"]!.AsArray())
                {
                    foreach (var field in divergence > 0 ? ProfileFields.Concat(SeparatedFields) : ProfileFields)
                    {
                        c!.AsObject().Remove(field);
                        Assert.Null(c[field]);
                    }
                }
            }

            if (divergence > 0)
            {
                // Where IRLS stopped on a likelihood without a maximum: the estimates of the rows' QR and of the sums' Cholesky
                // agree to ~1e-7 there (the weights are near ε); everything else, the warnings included, to 1e-9.
                var expectedTerms = e["glm"]!["coefficients"]!.AsArray();
                var actualTerms = a["glm"]!["coefficients"]!.AsArray();
                Assert.Equal(expectedTerms.Count, actualTerms.Count);
                for (var k = 0; k < expectedTerms.Count; k++)
                {
                    double x = expectedTerms[k]!["estimate"]!.GetValue<double>(), y = actualTerms[k]!["estimate"]!.GetValue<double>();
                    Assert.True(Math.Abs(x - y) <= 1e-5 * Math.Max(1, Math.Abs(x)), $"analyses[{i}] estimate {k}: {x} expected, {y} found");
                }

                e["glm"]!.AsObject().Remove("coefficients");
                a["glm"]!.AsObject().Remove("coefficients");
            }

            EngineRunTests.AssertClose(e, a, "analyses[" + i + "]");
        }

        Assert.True(actual[1]!["glm"]!["excluded"]!.GetValue<int>() > 0, "cmas is missing for some subjects");
        Assert.True(actual.All(x => x!["glm"]!["iterations"]!.GetValue<int>() > 2), "the IRLS iterates");
        var separation = actual[4]!["warnings"]!.AsArray().Single(w => w!["code"]!.GetValue<string>() == "PL5086");
        Assert.Contains("'dysphagiaTRUE'", separation!["message"]!.GetValue<string>(), StringComparison.Ordinal);
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
