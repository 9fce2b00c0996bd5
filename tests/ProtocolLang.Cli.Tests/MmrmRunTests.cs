using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>model mmrm</c> end to end: a study over the simulated trial of tests/Reference/r/mmrm.R (60 subjects, 4 visits,
/// dropout) runs through the CLI and results.json is compared with the R reference (gls polished to the REML optimum,
/// Satterthwaite df by numDeriv): β and SE at 1e-6, df at 1e-5 (see MmrmTests in Runtime.Tests for why), logLik at
/// 1e-9; the arm means and the treatment − control contrast at each visit at the same tolerances.
/// </summary>
public sealed class MmrmRunTests : IDisposable
{
    private const double Beta = 1e-6;
    private const double Df = 1e-5;

    private const string Study = """
        study Mmrm {
          table subjects from "subjects.csv" key id {
            id: text
            arm: category(control "Control", treatment "Treatment")
            base: number
          }
          table visits from "visits.csv" of subjects by id {
            id: text
            visit: integer
            y: number
          }
          groups {
            everyone "Everyone": true
          }
          outcome Y "Score": repeated visits.y over visit
          model mmrm Y ~ arm * factor(visit) + base covariance us means arm as us
          model mmrm Y ~ arm * factor(visit) + base covariance cs means arm as cs
          model mmrm Y ~ arm * factor(visit) + base covariance ar1 means arm as ar1
          model mmrm Y ~ arm * factor(visit) + base covariance toep means arm contrast pairwise as toep
          model mmrm Y ~ group * factor(visit) + base by arm means group as by_arm
        }

        """;

    private static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "mmrm.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    private readonly TempFolder _temp = new();

    [Fact]
    public void EachCovarianceStructureFitsAsTheReference()
    {
        JsonNode results = Run(Study, duplicate: false);
        foreach (string id in new[] { "us", "cs", "ar1", "toep" })
        {
            JsonElement r = Fixture.Value.Single(c => c.GetProperty("name").GetString() == id);
            JsonNode analysis = Analysis(results, id);
            Assert.Equal("ok", (string)analysis["status"]!);
            Assert.Equal("mmrm", (string)analysis["kind"]!);
            JsonNode mmrm = analysis["mmrm"]!;
            Assert.Equal(197, (int)mmrm["observations"]!);
            Assert.Equal(60, (int)mmrm["subjects"]!);
            string[] names = r.GetProperty("names").EnumerateArray().Select(e => e.GetString()!.Replace("visitf", "factor(visit)", StringComparison.Ordinal)).ToArray();
            JsonArray effects = mmrm["fixedEffects"]!.AsArray();
            Assert.Equal(names, effects.Select(e => (string)e!["term"]!).ToArray());
            double[] beta = Numbers(r, "beta"), se = Numbers(r, "se"), df = Numbers(r, "df");
            for (int k = 0; k < names.Length; k++)
            {
                Close(beta[k], (double)effects[k]!["estimate"]!, Beta, $"{id} {names[k]}");
                Close(se[k], (double)effects[k]!["standardError"]!, Beta, $"{id} {names[k]} SE");
                Close(df[k], (double)effects[k]!["degreesOfFreedom"]!, Df, $"{id} {names[k]} df");
            }

            Close(r.GetProperty("log_lik").GetDouble(), (double)mmrm["fit"]!["logLikelihood"]!, 1e-9, id + " logLik");
            Close(r.GetProperty("aic").GetDouble(), (double)mmrm["fit"]!["aic"]!, 1e-9, id + " AIC");
            Close(r.GetProperty("bic").GetDouble(), (double)mmrm["fit"]!["bic"]!, 1e-9, id + " BIC");
            Assert.Equal($"Y ~ arm + factor(visit) + base + arm:factor(visit) + {id}(visit | id)", (string)mmrm["formula"]!);

            JsonElement type3 = r.GetProperty("type3");
            JsonArray tests = mmrm["typeIII"]!.AsArray();
            Assert.Equal(type3.GetProperty("terms").EnumerateArray().Select(e => e.GetString()!.Replace("visitf", "factor(visit)", StringComparison.Ordinal)),
                tests.Select(t => (string)t!["term"]!));
            for (int k = 0; k < tests.Count; k++)
            {
                Close(Numbers(type3, "f")[k], (double)tests[k]!["f"]!, Beta, $"{id} type III F {k}");
                Close(Numbers(type3, "den_df")[k], (double)tests[k]!["denominatorDf"]!, Df, $"{id} type III DenDF {k}");
            }

            JsonElement means = r.GetProperty("means");
            string[] arms = means.GetProperty("arm").EnumerateArray().Select(e => e.GetString()!).ToArray();
            double[] visits = Numbers(means, "visit"), estimate = Numbers(means, "estimate"), meanSe = Numbers(means, "se"), meanDf = Numbers(means, "df");
            JsonArray ours = mmrm["means"]!.AsArray();
            Assert.Equal(arms.Length, ours.Count);
            for (int k = 0; k < arms.Length; k++)
            {
                string visit = visits[k].ToString(CultureInfo.InvariantCulture);
                JsonNode row = ours.Single(m => (string)m!["level"]! == arms[k] && (string)m["visit"]! == visit)!;
                Close(estimate[k], (double)row["estimate"]!, Beta, $"{id} mean {arms[k]} at {visit}");
                Close(meanSe[k], (double)row["standardError"]!, Beta, $"{id} mean SE {arms[k]} at {visit}");
                Close(meanDf[k], (double)row["df"]!, Df, $"{id} mean df {arms[k]} at {visit}");
            }

            JsonElement contrast = r.GetProperty("visit_contrast");
            JsonArray contrasts = mmrm["contrasts"]!.AsArray();
            Assert.Equal(4, contrasts.Count);
            double sign = id == "toep" ? -1 : 1; // pairwise writes control - treatment, as emmeans; reference treatment - control
            for (int v = 0; v < 4; v++)
            {
                JsonNode row = contrasts[v]!;
                Assert.Equal(id == "toep" ? "control - treatment" : "treatment - control", (string)row["contrast"]!);
                Assert.Equal((v + 1).ToString(CultureInfo.InvariantCulture), (string)row["visit"]!);
                Close(sign * Numbers(contrast, "estimate")[v], (double)row["estimate"]!, Beta, $"{id} contrast at {v + 1}");
                Close(Numbers(contrast, "se")[v], (double)row["standardError"]!, Beta, $"{id} contrast SE at {v + 1}");
                Close(Numbers(contrast, "df")[v], (double)row["df"]!, Df, $"{id} contrast df at {v + 1}");
                Close(Numbers(contrast, "p")[v], (double)row["p"]!, Df, $"{id} contrast p at {v + 1}");
                double lower = sign > 0 ? Numbers(contrast, "lower")[v] : -Numbers(contrast, "upper")[v];
                // A limit near 0 is the difference of two close numbers: compared on the scale of the SE.
                double scale = Math.Max(Math.Abs(lower), Numbers(contrast, "se")[v]);
                Assert.True(Math.Abs(lower - (double)row["lower"]!) <= Beta * scale, $"{id} contrast lower at {v + 1}: expected {lower:R}, got {(double)row["lower"]!:R}");
            }
        }
    }

    /// <summary>Under <c>by arm</c> the group term is arm: <c>means group</c> is the arm means, the us model again.</summary>
    [Fact]
    public void MeansOfTheGroupTermFollowTheByFactor()
    {
        JsonNode results = Run(Study, duplicate: false);
        JsonElement r = Fixture.Value.Single(c => c.GetProperty("name").GetString() == "us").GetProperty("visit_contrast");

        JsonNode mmrm = Analysis(results, "by_arm")["mmrm"]!;
        Assert.Equal("arm", (string)mmrm["meansFactor"]!);
        JsonArray contrasts = mmrm["contrasts"]!.AsArray();
        for (int v = 0; v < 4; v++)
        {
            Assert.Equal("treatment - control", (string)contrasts[v]!["contrast"]!);
            Close(Numbers(r, "estimate")[v], (double)contrasts[v]!["estimate"]!, Beta, $"contrast at {v + 1}");
        }
    }

    [Fact]
    public void ASubjectTwiceAtOneVisitFailsTheAnalysisWithPL5103()
    {
        JsonNode results = Run(Study, duplicate: true);

        JsonNode analysis = Analysis(results, "us");
        Assert.Equal("failed", (string)analysis["status"]!);
        JsonNode warning = analysis["warnings"]!.AsArray().Single(w => (string)w!["code"]! == "PL5103")!;
        // The appended row is data row 198 of visits.csv; S01's own visit 1 is row 1: both are named, with the subject.
        Assert.Contains("subject 'S01' has two rows at visit = 1 (visits.csv rows 1 and 198)", (string)warning["message"]!, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private JsonNode Run(string study, bool duplicate)
    {
        string folder = _temp.Combine(duplicate ? "duplicate" : "mmrm");
        Directory.CreateDirectory(folder);
        string[] rows = File.ReadAllLines(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", "mmrm_trial.csv")).Skip(1).ToArray();
        var subjects = new StringBuilder("id,arm,base\n");
        var visits = new StringBuilder("id,visit,y\n");
        string? last = null;
        foreach (string[] f in rows.Select(r => r.Split(',')))
        {
            if (f[0] != last)
            {
                subjects.Append(f[0]).Append(',').Append(f[1]).Append(',').Append(f[2]).Append('\n');
                last = f[0];
            }

            visits.Append(f[0]).Append(',').Append(f[3]).Append(',').Append(f[4]).Append('\n');
        }

        if (duplicate)
        {
            visits.Append("S01,1,30\n");
        }

        File.WriteAllText(Path.Combine(folder, "subjects.csv"), subjects.ToString());
        File.WriteAllText(Path.Combine(folder, "visits.csv"), visits.ToString());
        File.WriteAllText(Path.Combine(folder, "mmrm.study"), study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "mmrm.study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success || duplicate, captured.Error.ToString() + captured.Out);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static JsonNode Analysis(JsonNode results, string id) =>
        results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;

    private static double[] Numbers(JsonElement parent, string name) =>
        parent.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), 1e-300),
            $"{what}: expected {expected:R}, got {actual:R} (relative {Math.Abs(expected - actual) / Math.Abs(expected):G3})");
}
