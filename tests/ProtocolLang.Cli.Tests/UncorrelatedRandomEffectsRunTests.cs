using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

using static ProtocolLang.Cli.Tests.LmerFixtureAssertions;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Uncorrelated random intercept and slope (issue 13) through the CLI: <c>(week || id)</c> and <c>(1 | id) + (0 + week | id)</c>
/// on the simulated trial's data are one model, lmerTest's <c>score ~ arm * week + (week || id)</c>
/// (tests/Reference/r/mixed_uncorrelated.R → tests/Runtime.Tests/Reference/mixed_uncorrelated.expected.json), at 1e-6
/// relative: coefficients with Satterthwaite df, type III tests, REML criterion, sigma, both θ (1e-6 absolute, as the
/// kernel's tests), VarCorr (two SDs, no correlation); with <c>df kr</c> pbkrtest's adjusted SEs and KR df.
/// </summary>
public sealed class UncorrelatedRandomEffectsRunTests : IDisposable
{
    // The preamble's 1e-6 relative: R fits with tight nloptwrap settings, so its optimiser is not the limit.
    private const double Tolerance = 1e-6;

    private const string Study = """
        study Uncorrelated {
          table subjects from "trial_subjects.csv" key id {
            id: text
            arm: category(control "Control", treatment "Treatment")
            sex: category(1 "Male", 2 "Female")
            age: number unit "years"
            adherent: bool
            deviated: bool
            time_weeks: number
            status: integer
          }
          table visits from "trial_visits.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          outcome ScoreCourse "Score over time": repeated visits.score over week
          model mixed ScoreCourse ~ arm * week + (week || id) as double_bar
          model mixed ScoreCourse ~ arm * week + (1 | id) + (0 + week | id) as two_terms
          model mixed ScoreCourse ~ arm * week + (week || id) df kr as double_bar_kr
        }

        """;

    private static readonly Lazy<JsonElement> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "mixed_uncorrelated.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "trial_uncorrelated_reml").Clone();
    });

    private readonly TempFolder _temp = new();
    private readonly Lazy<JsonNode> _results;

    public UncorrelatedRandomEffectsRunTests() => _results = new(Run);

    [Theory]
    [InlineData("double_bar")]
    [InlineData("two_terms")]
    public void BothSpellingsFitLmersDoubleBarModel(string id)
    {
        JsonElement r = Fixture.Value;
        JsonNode analysis = Analysis(id);

        AssertFitEqualsR(r, analysis, id, Tolerance);
        JsonNode mixed = analysis["mixed"]!;
        Assert.Equal("ScoreCourse ~ arm + week + arm:week + (1 | id) + (0 + week | id)", (string)mixed["formula"]!);
        double[] theta = Numbers(r, "theta");
        JsonArray fitTheta = mixed["fit"]!["theta"]!.AsArray();
        Assert.Equal(theta.Length, fitTheta.Count);
        for (int k = 0; k < theta.Length; k++)
        {
            Assert.True(Math.Abs(theta[k] - (double)fitTheta[k]!) <= 1e-6, $"theta[{k}]: expected {theta[k]}, got {fitTheta[k]}");
        }

        // VarCorr: the intercept's and the slope's SD, each its own term of id (R's grp id, id.1), no correlation; then σ.
        JsonElement vc = r.GetProperty("varcorr");
        double[] sd = Numbers(vc, "sdcor");
        JsonArray rows = mixed["varianceComponents"]!.AsArray();
        Assert.Equal(Strings(vc, "var1"), rows.Select(c => (string)c!["name"]!));
        Assert.Equal(["id", "id", "Residual"], rows.Select(c => (string)c!["grouping"]!));
        for (int k = 0; k < sd.Length; k++)
        {
            double actual = (double)rows[k]!["standardDeviation"]!;
            Assert.True(Math.Abs(actual - sd[k]) <= Tolerance * sd[k], $"{id} VarCorr SD[{k}]: expected {sd[k]}, got {actual}");
            Assert.Null(rows[k]!["correlation"]);
        }
    }

    [Fact]
    public void KenwardRogerOfTheUncorrelatedModelMatchesPbkrtest()
    {
        JsonElement r = Fixture.Value.GetProperty("kenward_roger");
        JsonNode mixed = Analysis("double_bar_kr")["mixed"]!;

        Assert.Equal("kenward_roger", (string)mixed["degreesOfFreedom"]!);
        JsonElement co = r.GetProperty("coefficients");
        JsonArray fixedEffects = mixed["fixedEffects"]!.AsArray();
        Assert.Equal(Strings(co, "names"), fixedEffects.Select(f => (string)f!["term"]!));
        foreach ((string field, string name) in new[] { ("estimate", "estimate"), ("se", "standardError"), ("df", "degreesOfFreedom"), ("t", "t") })
        {
            double[] expected = Numbers(co, field);
            for (int k = 0; k < expected.Length; k++)
            {
                double actual = (double)fixedEffects[k]![name]!;
                Assert.True(Math.Abs(actual - expected[k]) <= Tolerance * Math.Abs(expected[k]), $"KR {field}[{k}]: expected {expected[k]}, got {actual}");
            }
        }

        AssertTermTestsEqualR(r.GetProperty("anova"), mixed["typeIII"]!.AsArray(), "double_bar_kr", Tolerance);
    }

    public void Dispose() => _temp.Dispose();

    private JsonNode Run()
    {
        string folder = _temp.Combine("uncorrelated");
        Directory.CreateDirectory(folder);
        foreach (string csv in new[] { "trial_subjects.csv", "trial_visits.csv" })
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, "uncorrelated.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "uncorrelated.study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Out);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private JsonNode Analysis(string id)
    {
        JsonNode? found = _results.Value["analyses"]!.AsArray().SingleOrDefault(a => (string)a!["id"]! == id);
        Assert.True(found is not null, $"no analysis {id}");
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }
}
