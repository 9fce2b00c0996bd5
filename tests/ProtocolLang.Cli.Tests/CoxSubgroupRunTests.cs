using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The cox kind's <c>subgroup</c> option end to end: a .study over survival::colon's deaths in two arms
/// (tests/Runtime.Tests/Reference/data/colon_death.csv) asks for the hazard ratio of rx within sex, age >= 65 and differ
/// (3 levels, 13 missing), with Efron and Breslow ties; the CLI runs it and results.json is compared with
/// tests/Reference/r/cox_subgroups.R (coxph on each level's subset, anova(fit0, fit1) per factor) at 1e-6 relative.
/// The report's forest plot is checked to be the same bytes on a second run and to hold every row.
/// </summary>
public sealed class CoxSubgroupRunTests
{
    private const double Tolerance = 1e-6;

    private const string Study = """
        study ColonSubgroups {
          table colon from "colon_death.csv" key id {
            id: integer
            rx: category(Obs "Observation", Lev5FU "Lev+5FU")
            sex: category(0 "Female", 1 "Male")
            age: number unit "years"
            differ: category(1 "Well", 2 "Moderate", 3 "Poor") optional
            time: number unit "days"
            status: integer
          }
          outcome Death "Death": time_to_event(time, status == 1)
          model cox Death ~ rx + age subgroup sex, age >= 65, differ as colon_efron
          model cox Death ~ rx + age ties breslow subgroup sex, age >= 65, differ as colon_breslow
          report "report" formats markdown, json
        }

        """;

    private static readonly Lazy<(JsonNode Results, string Svg, string SecondSvg, string Markdown)> Run = new(RunTwice);

    [Theory]
    [InlineData("colon_efron")]
    [InlineData("colon_breslow")]
    public void EachLevelsHazardRatioIsRsCoxphOnThatLevelsSubset(string id)
    {
        JsonElement r = Fixture(id);
        JsonNode subgroups = Analysis(id)["cox"]!["subgroups"]!;

        Assert.Equal("rx", (string)subgroups["treatment"]!);
        Effect(r.GetProperty("overall"), subgroups["overall"]!.AsArray().Single()!, "overall");
        JsonArray factors = subgroups["factors"]!.AsArray();
        JsonElement[] expected = r.GetProperty("subgroups").EnumerateArray().ToArray();
        Assert.Equal(["sex", "age >= 65", "differ"], factors.Select(f => (string)f!["variable"]!));
        for (int f = 0; f < expected.Length; f++)
        {
            JsonElement[] levels = expected[f].GetProperty("levels").EnumerateArray().ToArray();
            JsonArray actual = factors[f]!["levels"]!.AsArray();
            Assert.Equal(levels.Length, actual.Count);
            Assert.Equal(expected[f].GetProperty("missing").GetInt32(), (int)factors[f]!["missing"]!);
            for (int l = 0; l < levels.Length; l++)
            {
                Assert.Equal("ok", (string)actual[l]!["status"]!);
                Assert.Equal(levels[l].GetProperty("n").GetInt32(), (int)actual[l]!["n"]!);
                Assert.Equal(levels[l].GetProperty("events").GetInt32(), (int)actual[l]!["events"]!);
                Effect(levels[l], actual[l]!["effects"]!.AsArray().Single()!, $"{id} factor {f} level {l}");
            }
        }
    }

    [Theory]
    [InlineData("colon_efron")]
    [InlineData("colon_breslow")]
    public void EachFactorsInteractionTestIsRsAnovaOfTheNestedModels(string id)
    {
        JsonElement[] expected = Fixture(id).GetProperty("subgroups").EnumerateArray().ToArray();
        JsonArray factors = Analysis(id)["cox"]!["subgroups"]!["factors"]!.AsArray();
        for (int f = 0; f < expected.Length; f++)
        {
            JsonElement r = expected[f].GetProperty("interaction");
            JsonNode test = factors[f]!["interaction"]!;
            string what = $"{id} factor {f} interaction ";
            Assert.Equal("ok", (string)test["status"]!);
            Assert.Equal(r.GetProperty("df").GetInt32(), (int)test["degreesOfFreedom"]!);
            Assert.Equal(r.GetProperty("n").GetInt32(), (int)test["n"]!);
            Close(r.GetProperty("loglik0").GetDouble(), (double)test["logLikelihoodWithout"]!, what + "loglik0");
            Close(r.GetProperty("loglik1").GetDouble(), (double)test["logLikelihoodWith"]!, what + "loglik1");
            Close(r.GetProperty("chisq").GetDouble(), (double)test["chiSquare"]!, what + "chisq");
            Close(r.GetProperty("p").GetDouble(), (double)test["pValue"]!, what + "p");
        }
    }

    [Fact]
    public void MissingSubgroupValuesAreCountedAndSaid()
    {
        JsonNode analysis = Analysis("colon_efron");
        JsonNode warning = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5126")!;

        Assert.Contains("'differ': 13 subject(s)", (string)warning["message"]!, StringComparison.Ordinal);
        Assert.Contains("anova(fit0, fit1)", (string)analysis["method"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void TheForestPlotIsTheSameBytesOnEveryRunAndShowsEveryRow()
    {
        (_, string svg, string second, string markdown) = Run.Value;

        Assert.Equal(svg, second);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        foreach (string row in new[] { "All subjects (291/619)", "sex:", "Female (152/312)", "Male (139/307)", "age &gt;= 65:", "false (173/376)",
            "true (118/243)", "differ:", "Well (24/56)", "Moderate (202/444)", "Poor (61/106)", "HR (95% CI)", "0.69 (0.55, 0.87)", "interaction p = 0.041" })
        {
            Assert.Contains(row, svg, StringComparison.Ordinal);
        }

        Assert.Contains("![colon_efron-forest](figures/colon_efron-forest.svg)", markdown, StringComparison.Ordinal);
        Assert.Contains("| sex | Female | 312 | 152 | 0.87 (0.63, 1.19) | 0.38 | 0.041 (χ² = 4.18, df = 1) |", markdown, StringComparison.Ordinal);
    }

    private static void Effect(JsonElement r, JsonNode actual, string what)
    {
        Assert.Equal("ok", (string)actual["status"]!);
        Close(r.GetProperty("coef").GetDouble(), (double)actual["coefficient"]!, what + " coef");
        Close(r.GetProperty("se").GetDouble(), (double)actual["standardError"]!, what + " se");
        Close(r.GetProperty("hr").GetDouble(), (double)actual["hazardRatio"]!, what + " hr");
        Close(r.GetProperty("hr_low").GetDouble(), (double)actual["hazardRatioLow"]!, what + " hr_low");
        Close(r.GetProperty("hr_high").GetDouble(), (double)actual["hazardRatioHigh"]!, what + " hr_high");
        Close(r.GetProperty("p").GetDouble(), (double)actual["pValue"]!, what + " p");
    }

    private static JsonElement Fixture(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "cox_subgroups.expected.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).Clone();
    }

    private static (JsonNode, string, string, string) RunTwice()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("colon");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", "colon_death.csv"), Path.Combine(folder, "colon_death.csv"));
        File.WriteAllText(Path.Combine(folder, "colon.study"), Study);
        string First(string output)
        {
            var captured = new CapturedOutput();
            int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "colon.study"), Path.Combine(folder, output), "markdown,json", temp.Combine("cache")), captured.Output);
            Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Output);
            return Path.Combine(folder, output);
        }

        string one = First("out");
        string two = First("again");
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(one, "results.json")))!,
            File.ReadAllText(Path.Combine(one, "figures", "colon_efron-forest.svg")),
            File.ReadAllText(Path.Combine(two, "figures", "colon_efron-forest.svg")),
            File.ReadAllText(Path.Combine(one, "report.md")));
    }

    private static JsonNode Analysis(string id)
    {
        JsonNode found = Run.Value.Results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static void Close(double expected, double actual, string quantity) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative tolerance {Tolerance})"));
}
