using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>model rm_anova</c> end to end: a study over the simulated trial of tests/Reference/r/rm_anova.R (36 subjects in 3
/// arms, 4 visits, 4 subjects missing a visit) runs through the CLI and results.json is compared with afex::aov_ez at
/// 1e-6 relative: every effect's SS, df, F, p and ges, the GG and HF corrected df, MSE and p (afex's anova_table), and
/// Mauchly's tests; the four subjects afex drops are named with the visit they lack. Bad data (a subject twice at a
/// visit, one visit, one arm) fail with their PL5xxx warning.
/// </summary>
public sealed class RmAnovaRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string Study = """
        study RmAnova {
          table subjects from "subjects.csv" key id {
            id: text
            arm: category(placebo "Placebo", low "Low dose", high "High dose")
            sex: category(F, M)
          }
          table visits from "visits.csv" of subjects by id {
            id: text
            visit: integer
            y: number optional
            y2: number optional
          }
          outcome Y "Score": repeated visits.y over visit
          outcome Y2 "Second score": repeated visits.y2 over visit
          model rm_anova Y ~ arm * factor(visit) as trial
          model rm_anova Y ~ arm * sex * factor(visit) as trial_sex
          model rm_anova Y2 ~ arm * factor(visit) as spherical
          model rm_anova Y ~ arm * factor(visit) where visit == 2 as one_visit
          model rm_anova Y ~ arm * factor(visit) where arm == low as one_arm
        }

        """;

    private static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "rm_anova.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("trial")]
    [InlineData("trial_sex")]
    [InlineData("spherical")]
    public void TheTableEqualsAfex(string id)
    {
        JsonNode analysis = Analysis(Run(duplicate: false), id);
        JsonElement r = Fixture.Value.Single(c => c.GetProperty("name").GetString() == id);

        Assert.Equal("ok", (string)analysis["status"]!);
        Assert.Equal("rm_anova", (string)analysis["kind"]!);
        JsonNode rm = analysis["rmAnova"]!;
        Assert.Equal(32, (int)rm["subjects"]!);
        Assert.Equal(128, (int)rm["observations"]!);
        string[] effects = r.GetProperty("effects").EnumerateArray().Select(e => e.GetString()!).ToArray();
        JsonArray rows = rm["effects"]!.AsArray();
        Assert.Equal(effects, rows.Select(e => (string)e!["term"]!).ToArray());
        JsonElement gg = r.GetProperty("gg"), hf = r.GetProperty("hf");
        for (int i = 0; i < effects.Length; i++)
        {
            JsonNode e = rows[i]!;
            string what = $"{id} {effects[i]}";
            Close(Numbers(r, "sum_sq")[i], e["sumOfSquares"], what + " SS");
            Close(Numbers(r, "num_df")[i], e["df"], what + " df");
            Close(Numbers(r, "error_ss")[i], e["errorSumOfSquares"], what + " error SS");
            Close(Numbers(r, "den_df")[i], e["errorDf"], what + " error df");
            Close(Numbers(r, "f")[i], e["f"], what + " F");
            Close(Numbers(r, "p")[i], e["pValue"], what + " p");
            Close(Numbers(r, "ges")[i], e["ges"], what + " ges");
            Close(Numbers(r.GetProperty("none"), "mse")[i], e["meanSquareError"], what + " MSE");
            foreach ((JsonElement table, string name) in new[] { (gg, "gg"), (hf, "hf") })
            {
                JsonNode t = e[name]!;
                Close(Numbers(table, "num_df")[i], t["df"], $"{what} {name} df");
                Close(Numbers(table, "den_df")[i], t["errorDf"], $"{what} {name} error df");
                Close(Numbers(table, "mse")[i], t["meanSquareError"], $"{what} {name} MSE");
                Close(Numbers(table, "p")[i], t["pValue"], $"{what} {name} p");
            }
        }

        JsonArray sphericity = rm["sphericity"]!.AsArray();
        string[] tested = effects.Where((_, i) => !double.IsNaN(Numbers(r, "mauchly_w")[i])).ToArray();
        Assert.Equal(tested, sphericity.Select(s => (string)s!["term"]!).ToArray());
        foreach (JsonNode s in sphericity.Select(s => s!))
        {
            int i = Array.IndexOf(effects, (string)s["term"]!);
            Close(Numbers(r, "mauchly_w")[i], s["mauchlyW"], id + " Mauchly W");
            Close(Numbers(r, "mauchly_p")[i], s["mauchlyP"], id + " Mauchly p");
            Close(Numbers(r, "gg_eps")[i], s["ggEpsilon"], id + " GG eps");
            Close(Numbers(r, "hf_eps")[i], s["hfEpsilon"], id + " HF eps");
        }
    }

    [Fact]
    public void TheReportLabelsTheTermsAsAPaperDoes()
    {
        Run(duplicate: false);
        string report = File.ReadAllText(_temp.Combine("rm_anova", "out", "report.md"));

        Assert.Contains("| arm × visit |", report, StringComparison.Ordinal);
        Assert.Contains("| arm × sex × visit |", report, StringComparison.Ordinal);
        Assert.DoesNotContain("| arm:factor(visit) |", report, StringComparison.Ordinal);   // R's name stays in the model's formula only
    }

    [Fact]
    public void EachDroppedSubjectIsNamedWithTheVisitItLacks()
    {
        JsonNode analysis = Analysis(Run(duplicate: false), "trial");

        JsonArray dropped = analysis["rmAnova"]!["droppedSubjects"]!.AsArray();
        Assert.Equal(
            ["P05: no value at visit = 3", "P17: no value at visit = 2", "P22: no value at visit = 1", "P30: no value at visit = 4"],
            dropped.Select(d => (string)d!["subject"]! + ": " + (string)d["reason"]!).ToArray());
        JsonNode warning = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5120")!;
        Assert.Contains("4 subject(s) without a value at every visit left out", (string)warning["message"]!, StringComparison.Ordinal);
        Assert.Contains("P22 (no value at visit = 1)", (string)warning["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void AHuynhFeldtEpsilonAboveOneIsSaid()
    {
        JsonNode analysis = Analysis(Run(duplicate: false), "spherical");

        JsonNode warning = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5124")!;
        Assert.Equal("info", (string)warning["severity"]!);
        Assert.Contains("'visit' exceeds 1 and is used as 1", (string)warning["message"]!, StringComparison.Ordinal);
        JsonNode visit = analysis["rmAnova"]!["effects"]!.AsArray().Single(e => (string)e!["term"]! == "visit")!;
        Assert.Equal(1.0, (double)visit["hf"]!["epsilon"]!);
    }

    [Theory]
    [InlineData("one_visit", "PL5122", "'visit' has 1 level (2)")]
    [InlineData("one_arm", "PL5122", "'arm' has 1 level (low)")]
    public void AFactorWithOneLevelFailsTheAnalysis(string id, string code, string message)
    {
        JsonNode analysis = Analysis(Run(duplicate: false), id);

        Assert.Equal("failed", (string)analysis["status"]!);
        JsonNode warning = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == code)!;
        Assert.Contains(message, (string)warning["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void ASubjectTwiceAtOneVisitFailsTheAnalysisWithPL5121()
    {
        JsonNode analysis = Analysis(Run(duplicate: true), "trial");

        Assert.Equal("failed", (string)analysis["status"]!);
        JsonNode warning = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5121")!;
        Assert.Contains("subject 'P01' has two rows at visit = 1 (visits.csv rows 1 and 143)", (string)warning["message"]!, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private JsonNode Run(bool duplicate)
    {
        string folder = _temp.Combine(duplicate ? "duplicate" : "rm_anova");
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            string data = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data");
            File.Copy(Path.Combine(data, "rm_anova_subjects.csv"), Path.Combine(folder, "subjects.csv"));
            string visits = File.ReadAllText(Path.Combine(data, "rm_anova_visits.csv"));
            File.WriteAllText(Path.Combine(folder, "visits.csv"), duplicate ? visits + "P01,1,25,30\n" : visits);
            File.WriteAllText(Path.Combine(folder, "rm.study"), Study);
            var captured = new CapturedOutput();
            int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "rm.study"), Path.Combine(folder, "out"), "md,json", _temp.Combine("cache")), captured.Output);
            Assert.True(exit == ExitCodes.Success || duplicate, captured.Error.ToString() + captured.Out);
        }

        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static JsonNode Analysis(JsonNode results, string id) =>
        results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;

    private static double[] Numbers(JsonElement parent, string name) =>
        parent.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? double.NaN : e.GetDouble()).ToArray();

    private static void Close(double expected, JsonNode? node, string what)
    {
        double actual = node is null ? double.NaN : (double)node;
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NA, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative {Math.Abs(expected - actual) / Math.Abs(expected):G3})");
    }
}
