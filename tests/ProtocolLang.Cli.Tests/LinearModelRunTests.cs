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
/// <c>model linear</c> written in .study files over the CSVs R wrote (tests/Runtime.Tests/Reference/data), run by the CLI,
/// and results.json compared with R's lm / anova / car::Anova / sandwich::vcovHC (tests/Reference/r/linear_models.R →
/// tests/Runtime.Tests/Reference/linear_models.expected.json) at 1e-6 relative. Runtime.Tests' LinearModelReferenceTests
/// checks the kernel on hand-built matrices; this checks that the binder, emitter and plan build those matrices from text,
/// and that bad inputs (an aliased column, a constant response, no residual df) give their warnings and a defined result.
/// </summary>
public sealed class LinearModelRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string ToothStudy = """
        study Tooth {
          table tooth from "toothgrowth.csv" {
            len: number unit "mm"
            supp: category(OJ "Orange juice", VC "Ascorbic acid")
            dose: number unit "mg/day"
          }
          model linear len ~ supp * factor(dose) as tooth_type1
          model linear len ~ supp * factor(dose) anova type2 as tooth_type2
          model linear len ~ supp * factor(dose) anova type3 as tooth_type3
          model linear log(len) ~ dose + dose:supp as tooth_log
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
          model linear mpg ~ wt + hp + factor(cyl) anova type2 as cars
          model linear mpg ~ wt + hp + factor(cyl) robust hc0 as cars_hc0
          model linear mpg ~ wt + hp + factor(cyl) robust hc1 as cars_hc1
          model linear mpg ~ wt + hp + factor(cyl) robust hc2 as cars_hc2
          model linear mpg ~ wt + hp + factor(cyl) robust hc3 anova type3 as cars_hc3
          model linear mpg ~ wt + wt_x2 + hp anova type2 as cars_aliased
        }

        """;

    private const string AncovaStudy = """
        study Ancova {
          table subjects from "ancova_sim.csv" key id {
            id: integer
            arm: category(placebo, active)
            baseline: number optional
            change: number optional
          }
          outcome Change "Change from baseline": continuous change
          model linear Change ~ arm + baseline reference arm = placebo as ancova
        }

        """;

    private static readonly Lazy<Dictionary<string, JsonElement>> Fixture = new(LoadFixture);

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("tooth_type1", "toothgrowth_supp_star_dose", "anova1")]
    [InlineData("tooth_type2", "toothgrowth_supp_star_dose", "anova2")]
    [InlineData("tooth_type3", "toothgrowth_supp_star_dose", "anova3")]
    [InlineData("tooth_log", "toothgrowth_log_len_dose_colon_supp", "anova1")]
    public void ToothGrowthModelsWrittenInTheLanguageMatchLmAndItsAnovaTables(string id, string fixture, string anova)
    {
        JsonNode linear = Analysis(Run("tooth", ToothStudy, "toothgrowth.csv"), id)["linear"]!;
        JsonElement r = Fixture.Value[fixture];

        AssertFit(r, linear);
        AssertAnova(r.GetProperty(anova), linear["anova"]!);
        Assert.Equal(anova == "anova3" ? "sum" : "treatment", (string)linear["anova"]!["contrasts"]!);
    }

    [Theory]
    [InlineData("cars_hc0", "HC0")]
    [InlineData("cars_hc1", "HC1")]
    [InlineData("cars_hc2", "HC2")]
    [InlineData("cars_hc3", "HC3")]
    public void RobustStandardErrorsMatchSandwichVcovHCAndTheMethodSaysSo(string id, string type)
    {
        JsonNode results = Run("cars", CarsStudy, "mtcars.csv");
        JsonNode analysis = Analysis(results, id);
        JsonNode linear = analysis["linear"]!;
        JsonElement r = Fixture.Value["mtcars_wt_hp_cyl"];
        JsonElement robust = r.GetProperty("robust").GetProperty(type);

        Assert.Equal(type, (string)linear["robust"]!);
        Assert.Contains($"sandwich::vcovHC(fit, type = \"{type}\")", (string)analysis["method"]!, StringComparison.Ordinal);
        AllClose(Numbers(r, "coef"), linear["coefficients"]!.AsArray(), "estimate", "coef");
        AllClose(Numbers(robust, "se"), linear["coefficients"]!.AsArray(), "standardError", type + " se");
        AllClose(Numbers(robust, "p"), linear["coefficients"]!.AsArray(), "pValue", type + " p");
        AllClose(Numbers(robust, "ci_low"), linear["coefficients"]!.AsArray(), "low", type + " ci_low");
        AllClose(Numbers(robust, "ci_high"), linear["coefficients"]!.AsArray(), "high", type + " ci_high");
    }

    [Fact]
    public void AnUnbalancedFactorialGetsCarsTypeTwoAndTypeThreeTables()
    {
        JsonNode results = Run("cars", CarsStudy, "mtcars.csv");
        JsonElement r = Fixture.Value["mtcars_wt_hp_cyl"];

        AssertFit(r, Analysis(results, "cars")["linear"]!);
        AssertAnova(r.GetProperty("anova2"), Analysis(results, "cars")["linear"]!["anova"]!);
        AssertAnova(r.GetProperty("anova3"), Analysis(results, "cars_hc3")["linear"]!["anova"]!);
    }

    [Fact]
    public void AnAliasedColumnIsNamedInAWarningAndReportedAsNaLikeR()
    {
        JsonNode analysis = Analysis(Run("cars", CarsStudy, "mtcars.csv"), "cars_aliased");
        JsonNode linear = analysis["linear"]!;
        JsonElement r = Fixture.Value["mtcars_aliased_wt_x2"];

        AssertFit(r, linear);
        JsonNode aliased = linear["coefficients"]!.AsArray().Single(c => (string)c!["status"]! == "aliased")!;
        Assert.Equal("wt_x2", (string)aliased["term"]!);
        Assert.Null(aliased["estimate"]);
        string[] codes = analysis["warnings"]!.AsArray().Select(w => (string)w!["code"]!).ToArray();
        Assert.Contains("PL5080", codes);
        Assert.Contains("PL5084", codes); // the type II table is not computed with an aliased column
        Assert.Contains("wt_x2", analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5080")!["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Null(linear["anova"]);
    }

    [Fact]
    public void TheAncovaOfChangeCountsTheSubjectsLeftOutForMissingValues()
    {
        JsonNode analysis = Analysis(Run("ancova", AncovaStudy, "ancova_sim.csv"), "ancova");
        JsonElement r = Fixture.Value["ancova_change_arm_baseline"];

        AssertFit(r, analysis["linear"]!);
        Assert.Equal(2, (int)analysis["linear"]!["excluded"]!);
        JsonNode leftOut = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5083")!;
        Assert.StartsWith("2 subject(s) with a missing response or term value", (string)leftOut["message"]!, StringComparison.Ordinal);
        Assert.Equal("armactive", (string)analysis["linear"]!["coefficients"]![1]!["term"]!);
    }

    [Fact]
    public void AConstantResponseAndTooFewSubjectsAreNotEstimableWithTheirWarnings()
    {
        const string study = """
            study Bad {
              table s from "bad.csv" key id {
                id: integer
                y: number
                x: number
                z: number
                w: number
              }
              model linear y ~ x as constant_y
              model linear x ~ z + w where id <= 3 as too_few
            }

            """;
        string folder = _temp.Combine("bad");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "bad.csv"), "id,y,x,z,w\n1,5,1,2,1\n2,5,2,7,0\n3,5,4,1,5\n4,5,3,3,2\n5,5,8,2,2\n");
        JsonNode results = RunIn(folder, "bad", study);

        JsonNode constant = Single(results, "constant_y");
        Assert.Equal("not_estimable", (string)constant["status"]!);
        Assert.Contains(constant["warnings"]!.AsArray(), w => (string)w!["code"]! == "PL5082");
        Assert.Null(constant["linear"]);

        JsonNode tooFew = Single(results, "too_few");
        Assert.Equal("not_estimable", (string)tooFew["status"]!);
        Assert.Contains(tooFew["warnings"]!.AsArray(), w => (string)w!["code"]! == "PL5081");
        Assert.Contains("3 analysed subject(s) for 3 estimable coefficient(s)", (string)tooFew["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void ALogResponseLeavesOutValuesWithoutALogAndHc3AtLeverageOneIsMissingWithAWarning()
    {
        const string study = """
            study Lev {
              table s from "lev.csv" key id {
                id: integer
                y: number
                x: number
                site: category(a, b, c)
              }
              model linear log(y) ~ x + site robust hc3 as lev
            }

            """;
        string folder = _temp.Combine("lev");
        Directory.CreateDirectory(folder);
        // Site c has one subject: it alone fixes its coefficient (leverage 1). Subject 7 has y = 0, which has no log.
        File.WriteAllText(Path.Combine(folder, "lev.csv"), "id,y,x,site\n1,2.5,1,a\n2,3.1,2,a\n3,4.0,3,b\n4,3.2,4,b\n5,6.3,5,a\n6,4.4,6,c\n7,0,7,b\n8,5.9,8,b\n");
        JsonNode analysis = Analysis(RunIn(folder, "lev", study), "lev");

        Assert.Equal(1, (int)analysis["linear"]!["excluded"]!);
        JsonNode leftOut = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5083")!;
        Assert.Contains("1 of them with a response ≤ 0", (string)leftOut["message"]!, StringComparison.Ordinal);
        Assert.Contains(analysis["warnings"]!.AsArray(), w => (string)w!["code"]! == "PL5084");
        Assert.All(analysis["linear"]!["coefficients"]!.AsArray(), c => Assert.Null(c!["standardError"]));
        Assert.NotNull(analysis["linear"]!["coefficients"]![3]!["estimate"]);
        Assert.Equal("log(y)", (string)analysis["linear"]!["response"]!);
    }

    public void Dispose() => _temp.Dispose();

    private static void AssertFit(JsonElement r, JsonNode linear)
    {
        JsonArray coefficients = linear["coefficients"]!.AsArray();
        Assert.Equal(Strings(r, "terms"), coefficients.Select(c => (string)c!["term"]!).ToArray());
        Assert.Equal((int)Number(r, "n"), (int)linear["n"]!);
        AllClose(Numbers(r, "coef"), coefficients, "estimate", "coef");
        AllClose(Numbers(r, "se"), coefficients, "standardError", "se");
        AllClose(Numbers(r, "t"), coefficients, "t", "t");
        AllClose(Numbers(r, "p"), coefficients, "pValue", "p");
        AllClose(Numbers(r, "ci_low"), coefficients, "low", "ci_low");
        AllClose(Numbers(r, "ci_high"), coefficients, "high", "ci_high");
        Close(Number(r, "sigma"), linear["residualStandardError"], "sigma");
        Assert.Equal((int)Number(r, "df_residual"), (int)linear["degreesOfFreedom"]!);
        Close(Number(r, "r_squared"), linear["rSquared"], "r.squared");
        Close(Number(r, "adj_r_squared"), linear["adjustedRSquared"], "adj.r.squared");
        Close(Number(r, "f"), linear["f"]!["statistic"], "F");
        Close(Number(r, "f_p"), linear["f"]!["pValue"], "F p");
        Close(Number(r, "aic"), linear["aic"], "AIC");
        Close(Number(r, "bic"), linear["bic"], "BIC");
        Close(Number(r, "loglik"), linear["logLikelihood"], "logLik");
    }

    private static void AssertAnova(JsonElement r, JsonNode anova)
    {
        JsonArray rows = new(anova["rows"]!.AsArray().Where(row => (string)row!["term"]! != "Residuals").Select(row => row!.DeepClone()).ToArray());
        Assert.Equal(Strings(r, "terms"), rows.Select(row => (string)row!["term"]!).ToArray());
        Assert.Equal(Numbers(r, "df").Select(d => (int)d).ToArray(), rows.Select(row => (int)row!["degreesOfFreedom"]!).ToArray());
        AllClose(Numbers(r, "ss"), rows, "sumOfSquares", "Sum Sq");
        AllClose(Numbers(r, "f"), rows, "f", "F value");
        AllClose(Numbers(r, "p"), rows, "pValue", "Pr(>F)");
    }

    private JsonNode Run(string name, string study, string csv)
    {
        string folder = _temp.Combine(name);
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv), overwrite: true);
        return RunIn(folder, name, study);
    }

    private JsonNode RunIn(string folder, string name, string study)
    {
        File.WriteAllText(Path.Combine(folder, name + ".study"), study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, name + ".study"), Path.Combine(folder, "out"), "json,markdown", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static JsonNode Single(JsonNode results, string id) =>
        results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;

    private static JsonNode Analysis(JsonNode results, string id)
    {
        JsonNode found = Single(results, id);
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static Dictionary<string, JsonElement> LoadFixture()
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "linear_models.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
    }

    private static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.NaN,
        },
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
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToArray() : [value.GetString()!];
    }

    private static void AllClose(double[] expected, JsonArray rows, string field, string quantity)
    {
        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], rows[i]![field], $"{quantity}[{i}]");
        }
    }

    /// <summary>Relative 1e-6; R's NA (an aliased coefficient) is JSON null; p-values below 1e-10 on the log scale.</summary>
    private static void Close(double expected, JsonNode? actualNode, string quantity)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(actualNode is null, $"{quantity}: expected null (R's NA), got {actualNode}");
            return;
        }

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
