using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Interactions and group sets as terms in Cox formulas, end to end: one .study file over survival::lung
/// (tests/Runtime.Tests/Reference/data/lung.csv) writes each R case's formula, the CLI runs it, and results.json is
/// compared with coxph at 1e-6 relative: coefficients, SE, z, p, hazard ratios with their CI, log-likelihoods and the
/// likelihood-ratio, Wald and score tests. The references are tests/Reference/r/cox_interactions.R (a * b with a factor
/// and a number, two numbers, two factors; Efron and Breslow) and cox_interaction_terms.R (a:b without a factor's main
/// effect, R's variable order in a label, log(age) as an operand, a three-way *, a named group set as a factor with and
/// without `reference`); the study's `group` in an interaction is checked against the first of them. Term names are checked too, with R's spelling of the same columns translated (R writes
/// <c>factor(sex)2</c> and <c>ph.ecog</c> where the study has the category <c>sex</c> and the column <c>ph_ecog</c>).
/// </summary>
public sealed class CoxInteractionRunTests
{
    private const double Tolerance = 1e-6;

    // lung codes status 1 = censored, 2 = dead, and sex 1 = male, 2 = female. ecogf is R's two-level factor(ph.ecog >= 1)
    // as a bool (its dummy is TRUE where R's is 1); the group set ecog is R's three-level factor (0, 1, 2 or more).
    // R fits every case on the complete cases of time, status, age, sex and ph.ecog, so the one model without ph_ecog
    // says `where ph_ecog is not missing`.
    private const string Study = """
        study LungInteractions {
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
          }
          derive ecogf = ph_ecog >= 1
          groups {
            male "Male": sex == 1
            female "Female": sex == 2
          }
          groups ecog {
            e0 "ECOG 0": ph_ecog == 0
            e1 "ECOG 1": ph_ecog == 1
            e2 "ECOG 2 or more": ph_ecog >= 2
          }
          outcome Death "Death": time_to_event(time, status == 2)
          model cox Death ~ sex * ph_ecog + age as lung_factor_sex_star_ecog_plus_age
          model cox Death ~ age + ph_ecog + age:ph_ecog as lung_numeric_age_colon_ecog
          model cox Death ~ sex * ecogf + age as lung_factor_sex_star_factor_ecog
          model cox Death ~ sex * ph_ecog + age ties breslow as lung_breslow_factor_sex_star_ecog
          model cox Death ~ age + sex:ph_ecog as lung_age_plus_sex_colon_ecog
          model cox Death ~ ph_ecog + age + sex:ph_ecog as lung_ecog_age_ecog_colon_sex
          model cox Death ~ log(age) * sex where ph_ecog is not missing as lung_log_age_star_sex
          model cox Death ~ age * sex * ph_ecog as lung_three_way_age_sex_ecog
          model cox Death ~ ecog + age as lung_group_set_ecog_plus_age
          model cox Death ~ ecog * sex + age reference ecog = e1 as lung_group_set_ecog_ref_e1_star_sex
          model cox Death ~ age * ph_ecog within sex as cox_within_sex
          model cox Death ~ group * ph_ecog + age as cox_group_star_ecog
        }

        """;

    private static readonly Lazy<JsonNode> Results = new(RunStudy);

    private static readonly Lazy<Dictionary<string, JsonElement>> Fixtures = new(() =>
        LoadFixture("cox_interactions").Concat(LoadFixture("cox_interaction_terms")).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    public static TheoryData<string> Cases => new(
        "lung_factor_sex_star_ecog_plus_age", "lung_numeric_age_colon_ecog", "lung_factor_sex_star_factor_ecog", "lung_breslow_factor_sex_star_ecog",
        "lung_age_plus_sex_colon_ecog", "lung_ecog_age_ecog_colon_sex", "lung_log_age_star_sex", "lung_three_way_age_sex_ecog",
        "lung_group_set_ecog_plus_age", "lung_group_set_ecog_ref_e1_star_sex");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ACoxFormulaWrittenInTheLanguageMatchesCoxph(string name) => AssertMatchesCoxph(name, name, StudyName);

    // The study's groups are the two sexes, so group * ph_ecog is R's factor(sex) * ph.ecog with the groups' names as levels.
    [Fact]
    public void TheStudysGroupInAnInteractionMatchesCoxphOnTheSameFactor() =>
        AssertMatchesCoxph("lung_factor_sex_star_ecog_plus_age", "cox_group_star_ecog", r => StudyName(r).Replace("sex2", "groupfemale", StringComparison.Ordinal));

    private static void AssertMatchesCoxph(string name, string id, Func<string, string> studyName)
    {
        JsonElement r = Fixtures.Value[name];
        JsonNode cox = Analysis(Results.Value, id)["cox"]!;

        Assert.Equal(((int)Number(r, "n"), (int)Number(r, "nevent")), ((int)cox["n"]!, (int)cox["events"]!));
        JsonArray terms = cox["terms"]!.AsArray();
        Assert.Equal(Strings(r, "terms").Select(studyName), terms.Select(t => (string)t!["term"]!));
        Assert.All(terms, t => Assert.Equal("ok", (string)t!["status"]!));
        AllClose(Numbers(r, "coef"), terms, "coefficient", name + " coef");
        AllClose(Numbers(r, "se"), terms, "standardError", name + " se");
        AllClose(Numbers(r, "z"), terms, "z", name + " z");
        AllClose(Numbers(r, "p"), terms, "pValue", name + " p");
        AllClose(Numbers(r, "hr"), terms, "hazardRatio", name + " hr");
        AllClose(Numbers(r, "hr_low"), terms, "hazardRatioLow", name + " hr low");
        AllClose(Numbers(r, "hr_high"), terms, "hazardRatioHigh", name + " hr high");
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
    }

    [Fact]
    public void InteractionTermsAreLabelledWithTheDeclaredLevelLabels()
    {
        JsonArray terms = Analysis(Results.Value, "lung_group_set_ecog_ref_e1_star_sex")["cox"]!["terms"]!.AsArray();
        Assert.Equal(
            ["ecog: ECOG 0 vs ECOG 1", "ecog: ECOG 2 or more vs ECOG 1", "sex: Female vs Male", "age (per 1 years)", "ecog: ECOG 0 × sex: Female", "ecog: ECOG 2 or more × sex: Female"],
            terms.Select(t => (string)t!["label"]!));

        Assert.Equal("Female × ph_ecog", (string)Analysis(Results.Value, "cox_group_star_ecog")["cox"]!["terms"]![3]!["label"]!);

        JsonArray zph = Analysis(Results.Value, "lung_factor_sex_star_ecog_plus_age")["cox"]!["proportionalHazards"]!["tests"]!.AsArray();
        Assert.Equal(["sex", "ph_ecog", "age", "sex:ph_ecog", "GLOBAL"], zph.Select(t => (string)t!["term"]!));
        Assert.Equal([1, 1, 1, 1, 4], zph.Select(t => (int)(double)t!["degreesOfFreedom"]!));
    }

    [Fact]
    public void AnInteractionModelRepeatedWithinAFactorFitsOnEachLevel()
    {
        foreach (string level in new[] { "1", "2" })
        {
            JsonNode analysis = Analysis(Results.Value, "cox_within_sex." + level);
            Assert.Equal(["age", "ph_ecog", "age:ph_ecog"], analysis["cox"]!["terms"]!.AsArray().Select(t => (string)t!["term"]!));
        }

        Assert.Equal(227, new[] { "1", "2" }.Sum(level => (int)Analysis(Results.Value, "cox_within_sex." + level)["cox"]!["n"]!));
    }

    /// <summary>R's column name as the study spells the same column.</summary>
    private static string StudyName(string r) => r
        .Replace("factor(sex)", "sex", StringComparison.Ordinal)
        .Replace("ph.ecog", "ph_ecog", StringComparison.Ordinal)
        .Replace("ecogf1", "ecogfTRUE", StringComparison.Ordinal)
        .Replace("ecog_e1", "ecog", StringComparison.Ordinal);

    private static JsonNode RunStudy()
    {
        var temp = new TempFolder();
        string folder = temp.Combine("lung");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", "lung.csv"), Path.Combine(folder, "lung.csv"));
        File.WriteAllText(Path.Combine(folder, "lung.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "lung.study"), Path.Combine(folder, "out"), "json", temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Output);
        JsonNode results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
        temp.Dispose();
        return results;
    }

    private static JsonNode Analysis(JsonNode results, string id)
    {
        JsonNode? found = results["analyses"]!.AsArray().SingleOrDefault(a => (string)a!["id"]! == id);
        Assert.True(found is not null, $"no analysis {id}; ids: {string.Join(", ", results["analyses"]!.AsArray().Select(a => (string)a!["id"]!))}");
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static Dictionary<string, JsonElement> LoadFixture(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", name + ".expected.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }

    /// <summary>A fixture number; fixture_io.R writes NA, NaN and infinities as strings.</summary>
    private static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array when element.GetArrayLength() == 1 => Number(element[0]),
        _ => double.NaN,
    };

    private static double Number(JsonElement parent, string name) => Number(parent.GetProperty(name));

    private static double[] Numbers(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(Number).ToArray() : [Number(value)];
    }

    private static string[] Strings(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => e.GetString()!).ToArray() : [value.GetString()!];
    }

    private static void AllClose(double[] expected, JsonArray rows, string field, string quantity)
    {
        Assert.True(expected.Length == rows.Count, $"{quantity}: R has {expected.Length} values, results.json {rows.Count}");
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], rows[i]![field], $"{quantity}[{i}]");
        }
    }

    /// <summary>Relative difference at most 1e-6; an R NA must be null in results.json.</summary>
    private static void Close(double expected, JsonNode? actualNode, string quantity)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(actualNode is null, $"{quantity}: R has NA, results.json {actualNode?.ToJsonString()}");
            return;
        }

        Assert.True(actualNode is not null, $"{quantity}: R has {expected.ToString("R", CultureInfo.InvariantCulture)}, results.json null");
        double actual = (double)actualNode;
        double allowed = expected == 0 ? 1e-300 : Tolerance * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= allowed,
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative tolerance {Tolerance})"));
    }
}
