using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>model mixed ... means group contrast ... adjust ...</c>: the means of the four diets at each day of ChickWeight's first
/// week and their contrasts, adjusted within each day, through the CLI, against emmeans on the lmer fit
/// (tests/Reference/r/visit_means.R → visit_means.expected.json) at 1e-6 relative: means, SE, Satterthwaite df, CI;
/// contrasts' estimate, SE, df, t, adjusted p and CI for dunnettx, Tukey, Holm, Bonferroni and none.
/// </summary>
public sealed class VisitMeansRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string Study = """
        study Chicks {
          table chicks from "chicks.csv" key Chick {
            Chick: integer
            Diet: integer
          }
          table weights from "chickweight.csv" of chicks by Chick {
            weight: number
            Time: integer
            Chick: integer
            Diet: integer
          }
          groups {
            d1 "Diet 1": Diet == 1
            d2 "Diet 2": Diet == 2
            d3 "Diet 3": Diet == 3
            d4 "Diet 4": Diet == 4
          }
          outcome Weight: repeated weights.weight over Time
          model mixed Weight ~ group * factor(Time) + (1 | Chick) where Time <= 6 means group as chick_reference_dunnettx
          model mixed Weight ~ group * factor(Time) + (1 | Chick) where Time <= 6 means group contrast pairwise as chick_pairwise_tukey
          model mixed Weight ~ group * factor(Time) + (1 | Chick) where Time <= 6 means group adjust holm as chick_reference_holm
          model mixed Weight ~ group * factor(Time) + (1 | Chick) where Time <= 6 means group contrast pairwise adjust bonferroni as chick_pairwise_bonferroni
          model mixed Weight ~ group * factor(Time) + (1 | Chick) where Time <= 6 means group adjust none as chick_reference_none
          model mixed log(Weight) ~ group * factor(Time) + (1 | Chick) where Time <= 6 means group as chick_log_response
        }

        """;

    private static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "visit_means.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    private readonly TempFolder _temp = new();
    private readonly Lazy<JsonNode> _results;

    public VisitMeansRunTests() => _results = new(Run);

    [Fact]
    public void TheMeansAtEachDayEqualEmmeans()
    {
        JsonElement r = Case("chick_means");
        JsonNode mixed = Mixed("chick_reference_dunnettx");
        JsonArray means = mixed["visitMeans"]!.AsArray();

        Assert.Equal((int)r.GetProperty("n_obs").GetDouble(), (int)mixed["observations"]!);
        Assert.Equal(Strings(r, "visit"), means.Select(m => (string)m!["visit"]!));
        Assert.Equal(Strings(r, "level").Select(l => "d" + l), means.Select(m => (string)m!["level"]!));
        AllClose(r, "estimate", means, "estimate");
        AllClose(r, "se", means, "standardError");
        AllClose(r, "df", means, "df");
        AllClose(r, "low", means, "lower");
        AllClose(r, "high", means, "upper");
    }

    [Theory]
    [InlineData("chick_reference_dunnettx", "dunnettx")]
    [InlineData("chick_pairwise_tukey", "tukey")]
    [InlineData("chick_reference_holm", "holm")]
    [InlineData("chick_pairwise_bonferroni", "bonferroni")]
    [InlineData("chick_reference_none", "none")]
    public void TheContrastsAtEachDayEqualEmmeansWithTheirAdjustment(string id, string adjust)
    {
        JsonElement r = Case(id);
        JsonNode mixed = Mixed(id);
        JsonArray contrasts = mixed["visitContrasts"]!.AsArray();

        Assert.Equal(adjust, (string)mixed["contrastAdjust"]!);
        Assert.Equal(Strings(r, "contrast").Select(c => c.Replace("Diet", "d", StringComparison.Ordinal)), contrasts.Select(c => (string)c!["contrast"]!));
        Assert.Equal(Strings(r, "visit"), contrasts.Select(c => (string)c!["visit"]!));
        AllClose(r, "estimate", contrasts, "estimate");
        AllClose(r, "se", contrasts, "standardError");
        AllClose(r, "df", contrasts, "df");
        AllClose(r, "t", contrasts, "t");
        AllClose(r, "low", contrasts, "lower");
        AllClose(r, "high", contrasts, "upper");
        double[] p = Numbers(r, "p");
        for (int i = 0; i < p.Length; i++)
        {
            // Tukey and dunnettx p are 1 − P(max ≤ |t|): absolute accuracy, on both sides, so 1e-12 absolute is allowed too.
            double actual = (double)contrasts[i]!["p"]!;
            Assert.True(Math.Abs(actual - p[i]) <= (Tolerance * p[i]) + 1e-12, string.Create(CultureInfo.InvariantCulture, $"{id} p[{i}]: emmeans {p[i]:R}, ours {actual:R}"));
        }
    }

    /// <summary>log(weight): the response-scale means and ratios of emmeans' <c>type = "response"</c>, t and p from the log scale.</summary>
    [Fact]
    public void ALogResponseGetsBackTransformedMeansAndRatios()
    {
        JsonElement r = Case("chick_log_response");
        JsonNode mixed = Mixed("chick_log_response");
        JsonArray means = mixed["visitResponseMeans"]!.AsArray();
        JsonArray ratios = mixed["visitResponseContrasts"]!.AsArray();

        AllClose(r, "estimate", means, "estimate");
        AllClose(r, "se", means, "standardError");
        AllClose(r, "low", means, "lower");
        AllClose(r, "high", means, "upper");
        Assert.Equal(Strings(r, "contrast").Select(c => c.Replace("Diet", "d", StringComparison.Ordinal)), ratios.Select(c => (string)c!["contrast"]!));
        AllClose(r, "ratio", ratios, "estimate");
        AllClose(r, "ratio_se", ratios, "standardError");
        AllClose(r, "ratio_df", ratios, "df");
        AllClose(r, "ratio_t", ratios, "t");
        AllClose(r, "ratio_low", ratios, "lower");
        AllClose(r, "ratio_high", ratios, "upper");
        Assert.Equal(mixed["visitContrasts"]!.AsArray().Select(c => (double)c!["p"]!), ratios.Select(c => (double)c!["p"]!));
    }

    public void Dispose() => _temp.Dispose();

    private static void AllClose(JsonElement r, string property, JsonArray rows, string field)
    {
        double[] expected = Numbers(r, property);
        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = (double)rows[i]![field]!;
            Assert.True(Math.Abs(actual - expected[i]) <= Tolerance * Math.Abs(expected[i]),
                string.Create(CultureInfo.InvariantCulture, $"{property}[{i}]: emmeans {expected[i]:R}, ours {actual:R}"));
        }
    }

    private static double[] Numbers(JsonElement parent, string name) => parent.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static string[] Strings(JsonElement parent, string name) => parent.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static JsonElement Case(string name) => Fixture.Value.Single(c => c.GetProperty("name").GetString() == name);

    private JsonNode Mixed(string id)
    {
        JsonNode? found = _results.Value["analyses"]!.AsArray().SingleOrDefault(a => (string)a!["id"]! == id);
        Assert.True(found is not null, $"no analysis {id}");
        Assert.Equal("ok", (string)found["status"]!);
        return found["mixed"]!;
    }

    private JsonNode Run()
    {
        string folder = _temp.Combine("visit_means");
        Directory.CreateDirectory(folder);
        foreach (string csv in new[] { "chicks.csv", "chickweight.csv" })
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, "chicks.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "chicks.study"), Path.Combine(folder, "out"), "json,markdown", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Out);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }
}
