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
/// <c>model linear ... means f[, g] contrast ... adjust ...</c> written in .study files over the CSVs R wrote, run by the CLI,
/// and results.json compared with emmeans (tests/Reference/r/emmeans_linear.R → emmeans_linear.expected.json) at 1e-6
/// relative; Tukey p-values of more than two means at 1e-9 absolute (1 − P(Q ≤ q) by quadrature, see
/// Runtime.Tests' MarginalMeansReferenceTests). An aliased model gives PL5100 and missing numbers.
/// </summary>
public sealed class MarginalMeansRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string ToothStudy = """
        study Tooth {
          table tooth from "toothgrowth.csv" {
            len: number unit "mm"
            supp: category(OJ, VC)
            dose: number unit "mg/day"
          }
          model linear len ~ supp * factor(dose) means dose, supp as dose_by_supp
          model linear len ~ supp * factor(dose) means dose, supp contrast reference adjust holm as dose_by_supp_ref
          model linear log(len) ~ supp + factor(dose) means dose as log_dose
        }

        """;

    private const string WarpStudy = """
        study Warp {
          table warp from "warpbreaks.csv" {
            breaks: number
            wool: category(A, B)
            tension: category(L, M, H)
          }
          model linear breaks ~ wool + tension means tension adjust bonferroni as tension_pairs
          model linear breaks ~ wool + tension means tension contrast reference adjust bonferroni as tension_ref
        }

        """;

    private const string CarsStudy = """
        study Cars {
          table cars from "mtcars.csv" {
            mpg: number
            wt: number
            hp: number
            cyl: integer
            wt_x2: number
          }
          model linear mpg ~ factor(cyl) + wt + wt_x2 means cyl as aliased
        }

        """;

    private static readonly Lazy<Dictionary<string, JsonElement>> Fixture = new(LoadFixture);

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("dose_by_supp", "toothgrowth_dose_by_supp", 0)]
    [InlineData("dose_by_supp_ref", "toothgrowth_dose_by_supp", 2)]
    [InlineData("log_dose", "toothgrowth_log_dose", 0)]
    public void ToothGrowthMeansAndContrastsMatchEmmeans(string id, string fixture, int family)
    {
        JsonNode means = Analysis(Run("tooth", ToothStudy, "toothgrowth.csv"), id)["linear"]!["means"]!;
        JsonElement r = Fixture.Value[fixture];

        Assert.Equal("factor(dose)", (string)means["factor"]!);
        AssertMeans(r, means["means"]!.AsArray());
        JsonElement f = r.GetProperty("contrasts")[family];
        if (r.TryGetProperty("response", out JsonElement response))
        {
            Assert.Equal("log", (string)means["scale"]!);
            AssertMeans(response, means["responseMeans"]!.AsArray());
            AssertContrasts(f, means["responseContrasts"]!.AsArray(), tukeyMeans: 3);
            Assert.Equal("0.5 / 1", (string)means["responseContrasts"]![0]!["contrast"]!);
        }
        else
        {
            Assert.Equal("supp", (string)means["by"]!);
            Assert.Equal(["OJ", "OJ", "OJ", "VC", "VC", "VC"], means["means"]!.AsArray().Select(m => (string)m!["by"]!));
            AssertContrasts(f, means["contrasts"]!.AsArray(), tukeyMeans: (string)f.GetProperty("adjust").GetString()! == "tukey" ? 3 : 0);
        }

        Assert.Equal(f.GetProperty("adjust").GetString(), (string)means["adjust"]!);
    }

    [Theory]
    [InlineData("tension_pairs", 1)]
    [InlineData("tension_ref", 3)]
    public void WarpbreaksTensionContrastsMatchEmmeans(string id, int family)
    {
        JsonNode means = Analysis(Run("warp", WarpStudy, "warpbreaks.csv"), id)["linear"]!["means"]!;
        JsonElement r = Fixture.Value["warpbreaks_tension"];

        AssertMeans(r, means["means"]!.AsArray());
        AssertContrasts(r.GetProperty("contrasts")[family], means["contrasts"]!.AsArray(), tukeyMeans: 0);
        Assert.Equal(family == 3 ? "reference" : "pairwise", (string)means["contrast"]!);
        Assert.Equal("bonferroni", (string)means["adjust"]!); // the default for reference contrasts
    }

    [Fact]
    public void AnAliasedModelGivesPL5100AndMissingMeans()
    {
        JsonNode analysis = Analysis(Run("cars", CarsStudy, "mtcars.csv"), "aliased");
        JsonNode means = analysis["linear"]!["means"]!;

        Assert.Contains("PL5100", analysis["warnings"]!.AsArray().Select(w => (string)w!["code"]!));
        Assert.All(means["means"]!.AsArray(), m => Assert.Null(m!["estimate"]));
        Assert.Equal(["4", "6", "8"], means["means"]!.AsArray().Select(m => (string)m!["level"]!));
    }

    [Fact]
    public void TheReportShowsTheMeansAndContrastsTables()
    {
        Run("tooth", ToothStudy, "toothgrowth.csv");
        string report = File.ReadAllText(Path.Combine(_temp.Combine("tooth"), "out", "report.md"));

        Assert.Contains("Estimated marginal means of `factor(dose)` within each level of `supp`", report, StringComparison.Ordinal);
        Assert.Contains("| Mean, response scale (95% CI) |", report, StringComparison.Ordinal);
        Assert.Contains("| 0.5 / 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| `supp` | Contrast | Difference (95% CI) | SE | t | p |", report, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static void AssertMeans(JsonElement r, JsonArray rows)
    {
        AllClose(Numbers(r, "estimate"), rows, "estimate", "emmean");
        AllClose(Numbers(r, "se"), rows, "standardError", "SE");
        AllClose(Numbers(r, "ci_low"), rows, "low", "lower.CL");
        AllClose(Numbers(r, "ci_high"), rows, "high", "upper.CL");
    }

    private static void AssertContrasts(JsonElement f, JsonArray rows, int tukeyMeans)
    {
        AllClose(Numbers(f, "estimate"), rows, "estimate", "estimate");
        AllClose(Numbers(f, "se"), rows, "standardError", "SE");
        AllClose(Numbers(f, "df"), rows, "degreesOfFreedom", "df");
        AllClose(Numbers(f, "t"), rows, "t", "t.ratio");
        AllClose(Numbers(f, "ci_low"), rows, "low", "lower.CL");
        AllClose(Numbers(f, "ci_high"), rows, "high", "upper.CL");
        double[] p = Numbers(f, "p");
        for (int i = 0; i < p.Length; i++)
        {
            if (tukeyMeans > 2)
            {
                double actual = rows[i]!["pValue"]!.GetValue<double>();
                Assert.True(Math.Abs(actual - p[i]) <= 1e-9, string.Create(CultureInfo.InvariantCulture, $"p[{i}]: expected {p[i]:R}, got {actual:R}"));
            }
            else
            {
                Close(p[i], rows[i]!["pValue"], $"p[{i}]");
            }
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

    private static JsonNode Analysis(JsonNode results, string id)
    {
        JsonNode found = results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static Dictionary<string, JsonElement> LoadFixture()
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "emmeans_linear.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }

    private static double Number(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetDouble() : double.NaN;

    private static double[] Numbers(JsonElement parent, string name)
    {
        JsonElement value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(Number).ToArray() : [Number(value)];
    }

    private static void AllClose(double[] expected, JsonArray rows, string field, string quantity)
    {
        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], rows[i]![field], $"{quantity}[{i}]");
        }
    }

    /// <summary>Relative 1e-6; p-values below 1e-10 on the log scale.</summary>
    private static void Close(double expected, JsonNode? actualNode, string quantity)
    {
        double actual = actualNode!.GetValue<double>();
        if (expected > 0 && expected < 1e-10)
        {
            (expected, actual) = (Math.Log(expected), Math.Log(actual));
        }

        double error = Math.Abs(actual - expected);
        Assert.True(error <= Tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):R})"));
    }
}
