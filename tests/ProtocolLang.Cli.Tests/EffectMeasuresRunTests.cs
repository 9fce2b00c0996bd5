using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The effect measures through the language: a .study over the simulated trial R wrote (tests/Reference/r/effect_measures.R
/// → tests/Runtime.Tests/Reference/data/effects_trial.csv) is run by the CLI, and results.json is compared with R's
/// numbers for the same data (effect_measures.expected.json, cases e2e_*) at 1e-6 relative: risk difference, relative risk,
/// Wald and conditional odds ratios, NNT, the Mantel-Haenszel measures by centre with mantelhaen.test (with and without
/// its correction), and poisson.test's rate ratio and the Wald rate difference per person-year.
/// </summary>
public sealed class EffectMeasuresRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string Study = """
        study EffectsTrial {
          table subjects from "effects_trial.csv" key id {
            id: text
            arm: category(Active, Placebo)
            centre: category(C1, C2, C3, C4)
            response: bool
            events: integer range 0..
            person_years: number range 0..
          }
          groups {
            Active "Active": arm == Active
            Placebo "Placebo": arm == Placebo
          }
          outcome Response: binary response
          outcome Events: count events
          compare Response: Active vs Placebo using risk_difference as rd
          compare Response: Active vs Placebo using relative_risk as rr
          compare Response: Active vs Placebo using odds_ratio as or_wald
          compare Response: Active vs Placebo using odds_ratio conditional as or_conditional
          compare Response: Active vs Placebo using nnt beneficial as nnt
          compare Response: Active vs Placebo using odds_ratio strata centre as mh_or
          compare Response: Active vs Placebo using odds_ratio no_correct strata centre as mh_or_no_correct
          compare Response: Active vs Placebo using relative_risk strata centre as mh_rr
          compare Response: Active vs Placebo using risk_difference strata centre as mh_rd
          compare Response: Active vs Placebo using odds_ratio conditional strata centre as exact_or
          compare Events: Active vs Placebo using rate_ratio per person_years strata centre as mh_irr
          compare Events: Active vs Placebo using rate_difference per person_years strata centre as mh_ird
          compare Events: Active vs Placebo using rate_ratio per person_years as irr
          compare Events: Active vs Placebo using rate_difference per person_years as rate_difference
        }

        """;

    private static readonly Lazy<Dictionary<string, JsonElement>> Fixture = new(LoadFixture);

    private readonly TempFolder _temp = new();

    private readonly Lazy<JsonNode> _results;

    public EffectMeasuresRunTests() => _results = new Lazy<JsonNode>(Run);

    [Theory]
    [InlineData("rd", "rd", "rd_low", "rd_high", "rd_p")]
    [InlineData("rr", "rr", "rr_low", "rr_high", "rr_p")]
    [InlineData("or_wald", "or", "or_low", "or_high", "or_p")]
    [InlineData("or_conditional", "cond_or", "cond_or_low", "cond_or_high", "fisher_p")]
    public void TwoGroupMeasuresWrittenInTheLanguageMatchR(string id, string estimate, string low, string high, string p)
    {
        JsonElement r = Case("e2e_trial_response_active_vs_placebo");
        JsonNode row = Row(id);

        Assert.Equal([(int)Number(r, "x1"), (int)Number(r, "x2")], row["summaries"]!.AsArray().Select(s => (int)s!["count"]!));
        Assert.Equal([(int)Number(r, "n1"), (int)Number(r, "n2")], row["summaries"]!.AsArray().Select(s => (int)s!["n"]!));
        // The conditional estimate is a root search (fisher.test solved tightly in R): 1e-6 still holds with room to spare.
        Close(Number(r, estimate), row["test"]!["estimate"], id + " estimate");
        Close(Number(r, low), row["test"]!["confidenceLow"], id + " low");
        Close(Number(r, high), row["test"]!["confidenceHigh"], id + " high");
        Close(Number(r, p), row["test"]!["pValue"], id + " p");
    }

    [Fact]
    public void NntIsOneOverTheRiskDifferenceWithItsLimitsInverted()
    {
        JsonElement r = Case("e2e_trial_response_active_vs_placebo");
        JsonNode nnt = Row("nnt")["effect"]!["nnt"]!;

        Assert.Equal(("nntb", false), ((string)nnt["kind"]!, (bool)nnt["crossesInfinity"]!));
        Close(Number(r, "nnt"), nnt["value"], "NNT");
        Close(Number(r, "nnt_high_limit"), nnt["low"], "NNT low = 1 / RD high");
        Close(Number(r, "nnt_low_limit"), nnt["high"], "NNT high = 1 / RD low");
    }

    [Theory]
    [InlineData("mh_or", "mh_or", "mh_or_low", "mh_or_high", "chisq_correct", "p_correct")]
    [InlineData("mh_or_no_correct", "mh_or", "mh_or_low", "mh_or_high", "chisq_no_correct", "p_no_correct")]
    [InlineData("mh_rr", "mh_rr", "mh_rr_low", "mh_rr_high", "chisq_correct", "p_correct")]
    [InlineData("mh_rd", "mh_rd", "mh_rd_low", "mh_rd_high", "chisq_correct", "p_correct")]
    public void MantelHaenszelMeasuresByCentreMatchMantelhaenTestAndTheirFormulas(string id, string estimate, string low, string high, string chisq, string p)
    {
        JsonElement r = Case("e2e_trial_response_by_centre");
        JsonNode row = Row(id);

        JsonNode strata = row["effect"]!["strata"]!;
        Assert.Equal(["C1", "C2", "C3", "C4"], strata["tables"]!.AsArray().Select(t => (string)t!["stratum"]!));
        Assert.Equal(Numbers(r, "a").Select(v => (int)v), strata["tables"]!.AsArray().Select(t => (int)t!["eventsFirst"]!));
        Close(Number(r, estimate), row["test"]!["estimate"], id + " estimate");
        Close(Number(r, low), row["test"]!["confidenceLow"], id + " low");
        Close(Number(r, high), row["test"]!["confidenceHigh"], id + " high");
        Close(Number(r, chisq), row["test"]!["statistic"], id + " chi-squared");
        Close(Number(r, p), row["test"]!["pValue"], id + " p");
    }

    [Fact]
    public void ExactConditionalOddsRatioByCentreMatchesMantelhaenTestExact()
    {
        JsonElement r = Case("e2e_trial_response_by_centre");
        JsonNode row = Row("exact_or");

        Assert.Equal("exact_conditional", (string)row["effect"]!["interval"]!);
        Assert.Equal(4, (int)row["effect"]!["strata"]!["used"]!);
        Close(Number(r, "exact_or"), row["test"]!["estimate"], "exact OR");
        Close(Number(r, "exact_or_low"), row["test"]!["confidenceLow"], "exact OR low");
        Close(Number(r, "exact_or_high"), row["test"]!["confidenceHigh"], "exact OR high");
        Close(Number(r, "exact_s"), row["test"]!["statistic"], "S");
        Close(Number(r, "exact_p"), row["test"]!["pValue"], "exact p");
    }

    [Theory]
    [InlineData("mh_irr", "mh_irr", "mh_irr_low", "mh_irr_high")]
    [InlineData("mh_ird", "mh_ird", "mh_ird_low", "mh_ird_high")]
    public void MantelHaenszelRatesByCentreMatchGreenlandRobinsInR(string id, string estimate, string low, string high)
    {
        JsonElement r = Case("e2e_trial_events_by_centre");
        JsonNode row = Row(id);

        JsonArray tables = row["effect"]!["strata"]!["tables"]!.AsArray();
        Assert.Equal(Numbers(r, "x1").Select(v => (int)v), tables.Select(t => (int)t!["eventsFirst"]!));
        for (int k = 0; k < 4; k++)
        {
            Close(Numbers(r, "t1")[k], tables[k]!["personTimeFirst"], $"person-time first, stratum {k + 1}");
            Close(Numbers(r, "t0")[k], tables[k]!["personTimeSecond"], $"person-time second, stratum {k + 1}");
        }

        Close(Number(r, estimate), row["test"]!["estimate"], id + " estimate");
        Close(Number(r, low), row["test"]!["confidenceLow"], id + " low");
        Close(Number(r, high), row["test"]!["confidenceHigh"], id + " high");
        Close(Number(r, "mh_rate_chisq"), row["test"]!["statistic"], id + " chi-squared");
        Close(Number(r, "mh_rate_p"), row["test"]!["pValue"], id + " p");
    }

    [Theory]
    [InlineData("irr", "irr", "irr_low", "irr_high", "irr_p")]
    [InlineData("rate_difference", "rate_diff", "rate_diff_low", "rate_diff_high", "rate_diff_p")]
    public void RatesPerPersonYearMatchPoissonTestAndTheWaldFormula(string id, string estimate, string low, string high, string p)
    {
        JsonElement r = Case("e2e_trial_events_per_person_years");
        JsonNode row = Row(id);

        Assert.Equal([(int)Number(r, "x1"), (int)Number(r, "x2")], row["summaries"]!.AsArray().Select(s => (int)s!["count"]!));
        Close(Number(r, "t1"), row["summaries"]![0]!["personTime"], "person-time first");
        Close(Number(r, "t2"), row["summaries"]![1]!["personTime"], "person-time second");
        Close(Number(r, estimate), row["test"]!["estimate"], id + " estimate");
        Close(Number(r, low), row["test"]!["confidenceLow"], id + " low");
        Close(Number(r, high), row["test"]!["confidenceHigh"], id + " high");
        Close(Number(r, p), row["test"]!["pValue"], id + " p");
    }

    public void Dispose() => _temp.Dispose();

    private JsonNode Row(string id)
    {
        JsonNode? analysis = _results.Value["analyses"]!.AsArray().SingleOrDefault(a => (string)a!["id"]! == id);
        Assert.True(analysis is not null, "no analysis " + id);
        Assert.Equal("ok", (string)analysis["status"]!);
        JsonNode row = Assert.Single(analysis["compare"]!["rows"]!.AsArray())!;
        Assert.Equal("ok", (string)row["status"]!);
        return row;
    }

    private JsonNode Run()
    {
        string folder = _temp.Combine("effects");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", "effects_trial.csv"), Path.Combine(folder, "effects_trial.csv"));
        File.WriteAllText(Path.Combine(folder, "effects.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "effects.study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static Dictionary<string, JsonElement> LoadFixture()
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "effect_measures.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }

    private static JsonElement Case(string name) => Fixture.Value[name];

    private static double Number(JsonElement parent, string name) => Number(parent.GetProperty(name));

    private static double Number(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetDouble() : double.NaN;

    private static double[] Numbers(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(Number).ToArray() : [Number(value)];
    }

    private static void Close(double expected, JsonNode? actual, string what)
    {
        Assert.True(actual is not null, what + ": missing in results.json");
        double value = actual.GetValue<double>();
        Assert.True(Math.Abs(value - expected) <= Tolerance * Math.Abs(expected),
            $"{what}: R {expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, results.json {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
