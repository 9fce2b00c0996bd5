using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Marginal means of GLMs (<c>model logistic | poisson | negative_binomial ... means f</c>) and emmeans' dunnettx
/// adjustment, written in .study files and run by the CLI, against emmeans (tests/Reference/r/glm_means.R →
/// tests/Runtime.Tests/Reference/glm_means.expected.json) at 1e-6 relative: link-scale means with z intervals,
/// probabilities or rates, contrasts on the link scale and as odds or rate ratios, each adjustment's p and CI.
/// </summary>
public sealed class GlmMeansRunTests : IDisposable
{
    /// <summary>glm.nb's θ is iterated to its own tolerance (see GlmModelRunTests); every other fit is closed-form given IRLS to 1e-10.</summary>
    private const double Tolerance = 1e-6;

    private const string Breaks = """
        study Breaks {
          table looms from "warpbreaks_hours.csv" {
            breaks: integer
            wool: category(A, B)
            tension: category(L, M, H)
            hours: number
          }
          model poisson breaks ~ wool + tension means tension as wb_poisson_tension_pairwise_tukey
          model poisson breaks ~ wool + tension offset log(hours) means tension contrast reference as wb_offset_tension_reference_dunnettx
          model poisson breaks ~ wool * tension family quasi means tension, wool adjust holm as wb_quasi_tension_by_wool_holm
          model linear breaks ~ wool + tension means tension contrast reference as wb_linear_tension_reference_dunnettx
        }

        """;

    private const string Teeth = """
        study Teeth {
          table pigs from "toothgrowth_long.csv" {
            long: bool
            supp: category(OJ, VC)
            dose: number
          }
          model logistic long ~ supp + factor(dose) means dose as tg_logistic_dose_pairwise_tukey
          model logistic long ~ supp + factor(dose) means dose contrast reference adjust dunnettx as tg_logistic_dose_reference_dunnettx
        }

        """;

    private const string Quine = """
        study Quine {
          table children from "quine.csv" {
            Eth: category(A, N)
            Sex: category(F, M)
            Age: category(F0, F1, F2, F3)
            Lrn: category(AL, SL)
            Days: integer
          }
          model negative_binomial Days ~ Eth + Sex + Age + Lrn means Age contrast reference as quine_nb_age_reference_dunnettx
        }

        """;

    private static readonly Lazy<Dictionary<string, JsonElement>> Fixture = new(LoadFixture);

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("wb_poisson_tension_pairwise_tukey", "log", "tukey")]
    [InlineData("wb_offset_tension_reference_dunnettx", "log", "dunnettx")]
    [InlineData("wb_quasi_tension_by_wool_holm", "log", "holm")]
    public void PoissonMeansMatchEmmeans(string id, string scale, string adjust) =>
        AssertMeans(Fixture.Value[id], Means(Run("breaks", Breaks, "warpbreaks_hours.csv"), id, "glm"), scale, adjust);

    [Theory]
    [InlineData("tg_logistic_dose_pairwise_tukey", "tukey")]
    [InlineData("tg_logistic_dose_reference_dunnettx", "dunnettx")]
    public void LogisticMeansAreProbabilitiesAndOddsRatiosAsEmmeans(string id, string adjust) =>
        AssertMeans(Fixture.Value[id], Means(Run("teeth", Teeth, "toothgrowth_long.csv"), id, "glm"), "logit", adjust);

    [Fact]
    public void NegativeBinomialMeansAgainstTheReferenceDefaultToDunnettx() =>
        AssertMeans(Fixture.Value["quine_nb_age_reference_dunnettx"], Means(Run("quine", Quine, "quine.csv"), "quine_nb_age_reference_dunnettx", "glm"), "log", "dunnettx");

    /// <summary>A linear model's contrasts against the reference now default to dunnettx, as emmeans' trt.vs.ctrl.</summary>
    [Fact]
    public void LinearReferenceContrastsDefaultToDunnettxAsEmmeans()
    {
        JsonElement r = Fixture.Value["wb_linear_tension_reference_dunnettx"];
        JsonNode means = Means(Run("breaks", Breaks, "warpbreaks_hours.csv"), "wb_linear_tension_reference_dunnettx", "linear");

        Assert.Equal("dunnettx", (string)means["adjust"]!);
        AssertRows(r.GetProperty("link"), means["means"]!.AsArray(), "estimate", "means");
        AssertContrasts(r.GetProperty("contrasts"), means["contrasts"]!.AsArray(), "contrasts");
    }

    public void Dispose() => _temp.Dispose();

    private static void AssertMeans(JsonElement r, JsonNode means, string scale, string adjust)
    {
        Assert.Equal(scale, (string)means["scale"]!);
        Assert.Equal(adjust, (string)means["adjust"]!);
        JsonArray link = means["means"]!.AsArray();
        Assert.All(link, m => Assert.Equal("Infinity", (string)m!["degreesOfFreedom"]!));
        AssertRows(r.GetProperty("link"), link, "estimate", "link means");
        AssertRows(r.GetProperty("response"), means["responseMeans"]!.AsArray(), "estimate", "response means");
        AssertContrasts(r.GetProperty("contrasts"), means["contrasts"]!.AsArray(), "contrasts");
        AssertContrasts(r.GetProperty("ratios"), means["responseContrasts"]!.AsArray(), "ratios");
    }

    private static void AssertRows(JsonElement r, JsonArray rows, string estimate, string what)
    {
        Assert.Equal(Strings(r, "level"), rows.Select(m => (string)m!["level"]!));
        for (int k = 0; k < rows.Count; k++)
        {
            Close(Numbers(r, estimate)[k], rows[k]!["estimate"], $"{what} {k} estimate");
            Close(Numbers(r, "se")[k], rows[k]!["standardError"], $"{what} {k} SE");
            Close(Numbers(r, "low")[k], rows[k]!["low"], $"{what} {k} low");
            Close(Numbers(r, "high")[k], rows[k]!["high"], $"{what} {k} high");
        }
    }

    /// <summary>Contrasts in emmeans' order; emmeans prefixes number-like levels with the factor's name ("dose1 - dose0.5"), so labels are compared without it.</summary>
    private static void AssertContrasts(JsonElement r, JsonArray rows, string what)
    {
        string[] labels = Strings(r, "contrast");
        Assert.Equal(labels.Length, rows.Count);
        string[] by = Strings(r, "by");
        for (int k = 0; k < rows.Count; k++)
        {
            Assert.Equal(labels[k].Replace("dose", string.Empty, StringComparison.Ordinal), (string)rows[k]!["contrast"]!);
            if (by.Length > 0)
            {
                Assert.Equal(by[k], (string)rows[k]!["by"]!);
            }

            Close(Numbers(r, "estimate")[k], rows[k]!["estimate"], $"{what} {k} estimate");
            Close(Numbers(r, "se")[k], rows[k]!["standardError"], $"{what} {k} SE");
            Close(Numbers(r, "statistic")[k], rows[k]!["t"], $"{what} {k} statistic");
            ClosePValue(Numbers(r, "p")[k], rows[k]!["pValue"], $"{what} {k} p");
            Close(Numbers(r, "low")[k], rows[k]!["low"], $"{what} {k} low");
            Close(Numbers(r, "high")[k], rows[k]!["high"], $"{what} {k} high");
        }
    }

    private JsonNode Run(string name, string study, string csv)
    {
        string folder = _temp.Combine(name);
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv), overwrite: true);
        File.WriteAllText(Path.Combine(folder, name + ".study"), study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, name + ".study"), Path.Combine(folder, "out"), "json,markdown", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static JsonNode Means(JsonNode results, string id, string section)
    {
        JsonNode found = results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        Assert.Equal("ok", (string)found["status"]!);
        return found[section]!["means"]!;
    }

    private static Dictionary<string, JsonElement> LoadFixture()
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "glm_means.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }

    private static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when element.GetString() == "Inf" => double.PositiveInfinity,
        _ => double.NaN,
    };

    private static double[] Numbers(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(Number).ToArray() : [Number(value)];
    }

    private static string[] Strings(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToArray() : [value.GetString()!];
    }

    /// <summary>
    /// Tukey and dunnettx p-values are 1 − P(max ≤ |t|), accurate in absolute terms only (R's too): below 1e-12 both
    /// sides are rounding noise of that difference, so an absolute 1e-12 is allowed on top of 1e-6 relative.
    /// </summary>
    private static void ClosePValue(double expected, JsonNode? actualNode, string quantity)
    {
        Assert.True(actualNode is not null, quantity + ": missing in results.json");
        double actual = (double)actualNode;
        Assert.True(Math.Abs(actual - expected) <= (Tolerance * Math.Abs(expected)) + 1e-12,
            $"{quantity}: R {expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, results.json {actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private static void Close(double expected, JsonNode? actualNode, string quantity)
    {
        Assert.True(actualNode is not null, quantity + ": missing in results.json");
        double actual = actualNode.GetValueKind() == JsonValueKind.String ? double.Parse((string)actualNode!, System.Globalization.CultureInfo.InvariantCulture) : (double)actualNode;
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected),
            $"{quantity}: R {expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, results.json {actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
