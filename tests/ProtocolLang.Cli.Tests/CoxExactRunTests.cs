using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The cox kind's <c>ties exact</c> end to end: a .study over survival::lung (tests/Runtime.Tests/Reference/data/lung.csv)
/// on follow-up in whole months (up to 19 deaths share a month), run by the CLI, against
/// <c>coxph(Surv(months, status == 2) ~ ..., ties = "exact")</c> from tests/Reference/r/cox.R (cases lung_months_exact and
/// lung_months_exact_strata_sex) at 1e-6 relative. The category sex enters as the dummy sex2 where R has the number sex:
/// a shift of a covariate changes neither its coefficient, SE, the likelihood nor cox.zph.
/// </summary>
public sealed class CoxExactRunTests
{
    private const double Tolerance = 1e-6;

    // R: pmax(1, round(time / 30.4375)); 30.4375 = 487/16, so no integer time is a half-integer number of months.
    private const string Study = """
        study LungExact {
          table lung from "lung.csv" {
            inst: integer optional
            time: number unit "days"
            status: integer
            age: number unit "years"
            sex: category(1 "Male", 2 "Female")
            ph_ecog: number optional
            ph_karno: number optional
            pat_karno: number optional
            meal_cal: number optional
            wt_loss: number optional
            derive months = max(1, round(time / 30.4375))
          }
          groups {
            male "Male": sex == 1
            female "Female": sex == 2
          }
          outcome Death "Death": time_to_event(months, status == 2)
          model cox Death ~ age + sex + ph_ecog ties exact as lung_months_exact
          model cox Death ~ age + ph_ecog strata sex ties exact as lung_months_exact_strata_sex
          model cox Death ~ age + sex + ph_ecog as lung_months_efron
        }

        """;

    private static readonly Lazy<(JsonNode Results, string Report)> Run = new(RunStudy);

    [Theory]
    [InlineData("lung_months_exact")]
    [InlineData("lung_months_exact_strata_sex")]
    public void TiesExactMatchesCoxphTiesExact(string name)
    {
        JsonElement r = Fixture(name);
        JsonNode analysis = Analysis(name);
        JsonNode cox = analysis["cox"]!;

        Assert.Equal("exact", (string)cox["ties"]!);
        Assert.Contains("coxph(ties = \"exact\")", (string)analysis["method"]!, StringComparison.Ordinal);
        Assert.Contains("; ties = exact", (string)analysis["specification"]!, StringComparison.Ordinal);
        Assert.Equal(((int)Number(r, "n"), (int)Number(r, "nevent"), (int)Number(r, "iter")), ((int)cox["n"]!, (int)cox["events"]!, (int)cox["iterations"]!));
        JsonArray terms = cox["terms"]!.AsArray();
        Assert.Equal(Strings(r, "terms").Select(StudyName), terms.Select(t => (string)t!["term"]!));
        foreach ((string key, string field) in new[] { ("coef", "coefficient"), ("se", "standardError"), ("z", "z"), ("p", "pValue"), ("hr", "hazardRatio"), ("hr_low", "hazardRatioLow"), ("hr_high", "hazardRatioHigh") })
        {
            double[] expected = Numbers(r, key);
            for (int j = 0; j < expected.Length; j++)
            {
                Close(expected[j], terms[j]![field], $"{name} {key} {j}");
            }
        }

        double[] loglik = Numbers(r, "loglik");
        Close(loglik[0], cox["logLikelihoodNull"], name + " loglik null");
        Close(loglik[1], cox["logLikelihood"], name + " loglik");
        foreach ((string test, string field) in new[] { ("lr", "likelihoodRatio"), ("wald", "wald"), ("score", "score") })
        {
            JsonElement expected = r.GetProperty(test);
            Close(Number(expected, "statistic"), cox[field]!["statistic"], $"{name} {test}");
            Assert.Equal((int)Number(expected, "df"), (int)cox[field]!["degreesOfFreedom"]!);
            Close(Number(expected, "p"), cox[field]!["pValue"], $"{name} {test} p");
        }

        Close(Number(r, "concordance"), cox["concordance"], name + " concordance");
        Close(Number(r, "concordance_se"), cox["concordanceStandardError"], name + " concordance SE");
        Close(Number(r, "aic"), cox["aic"], name + " AIC");
        double[] vcov = Numbers(r, "vcov");
        double[] ours = cox["vcov"]!.AsArray().SelectMany(row => row!.AsArray().Select(v => (double)v!)).ToArray();
        Assert.Equal(vcov.Length, ours.Length);
        for (int i = 0; i < vcov.Length; i++)
        {
            Close(vcov[i], JsonValue.Create(ours[i]), $"{name} vcov {i}");
        }
    }

    [Theory]
    [InlineData("lung_months_exact")]
    [InlineData("lung_months_exact_strata_sex")]
    public void TiesExactProportionalHazardsTestMatchesCoxZphOfTheExactFit(string name)
    {
        JsonElement r = Fixture(name).GetProperty("zph");
        JsonArray tests = Analysis(name)["cox"]!["proportionalHazards"]!["tests"]!.AsArray();

        Assert.Equal(Strings(r, "terms").Select(t => t.Replace("ph.ecog", "ph_ecog", StringComparison.Ordinal)), tests.Select(t => (string)t!["term"]!));
        double[] chisq = Numbers(r, "chisq");
        double[] p = Numbers(r, "p");
        for (int i = 0; i < tests.Count; i++)
        {
            Close(chisq[i], tests[i]!["chiSquare"], $"{name} zph chisq {i}");
            Close(p[i], tests[i]!["pValue"], $"{name} zph p {i}");
        }
    }

    [Fact]
    public void OnTiedMonthsTheExactLikelihoodIsNotEfrons()
    {
        JsonNode efron = Analysis("lung_months_efron")["cox"]!;
        JsonNode exact = Analysis("lung_months_exact")["cox"]!;

        Assert.Equal("efron", (string)efron["ties"]!);
        Close(Numbers(Fixture("lung_months_efron"), "coef")[1], efron["terms"]![1]!["coefficient"], "efron sex coef");
        double efronSex = (double)efron["terms"]![1]!["coefficient"]!;
        double exactSex = (double)exact["terms"]![1]!["coefficient"]!;
        Assert.True(Math.Abs(exactSex - efronSex) > 0.01 * Math.Abs(efronSex), $"exact {exactSex} vs efron {efronSex}");
    }

    [Fact]
    public void TheReportsMethodsTextNamesCoxphTiesExact()
    {
        string report = Run.Value.Report;

        Assert.Contains("Cox proportional hazards, exact partial likelihood for tied times, R survival::coxph(ties = \"exact\")", report, StringComparison.Ordinal);
        Assert.Contains("Cox proportional hazards, Efron ties, R survival::coxph", report, StringComparison.Ordinal);
    }

    /// <summary>R's column name as the study spells the same column.</summary>
    private static string StudyName(string r) => r == "sex" ? "sex2" : r.Replace("ph.ecog", "ph_ecog", StringComparison.Ordinal);

    private static JsonElement Fixture(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "cox.expected.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).Clone();
    }

    private static (JsonNode, string) RunStudy()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("lung");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", "lung.csv"), Path.Combine(folder, "lung.csv"));
        File.WriteAllText(Path.Combine(folder, "lung.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "lung.study"), Path.Combine(folder, "out"), "md,json", temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Output);
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!, File.ReadAllText(Path.Combine(folder, "out", "report.md")));
    }

    private static JsonNode Analysis(string id)
    {
        JsonNode found = Run.Value.Results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static string[] Strings(JsonElement e, string property) => e.GetProperty(property).EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static double[] Numbers(JsonElement e, string property) => e.GetProperty(property) switch
    {
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(v => v.GetDouble()).ToArray(),
        var v => [v.GetDouble()],
    };

    private static double Number(JsonElement e, string property) => Numbers(e, property)[0];

    private static void Close(double expected, JsonNode? actual, string quantity)
    {
        Assert.NotNull(actual);
        double value = (double)actual;
        Assert.True(Math.Abs(value - expected) <= Tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {value:R} (relative tolerance {Tolerance})"));
    }
}
