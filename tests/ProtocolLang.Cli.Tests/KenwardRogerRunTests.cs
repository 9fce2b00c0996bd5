using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>df kr</c> end to end: a mixed-model study over lme4::sleepstudy and an MMRM study over mmrm.R's trial run through
/// the CLI, and results.json is compared with tests/Reference/r/kenward_roger.R (pbkrtest for lmer; mmrm's
/// "Kenward-Roger" from its vignette's formulas for the MMRM): estimates, adjusted SEs, KR df, type III F and
/// vcovAdj at 1e-6, as Runtime.Tests' KenwardRogerTests and MmrmKenwardRogerTests.
/// </summary>
public sealed class KenwardRogerRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string SleepStudy = """
        study Sleep {
          table subjects from "sleepstudy_subjects.csv" key Subject {
            Subject: text
            baseline: number unit "ms"
          }
          table sleep from "sleepstudy.csv" of subjects by Subject {
            Reaction: number unit "ms"
            Days: integer
            Subject: text
          }
          outcome RT "Reaction time": repeated sleep.Reaction over Days
          model mixed RT ~ Days + (Days | Subject) overall df kr as slope
          model mixed RT ~ Days + (1 | Subject) overall df kr as intercept
          model mixed RT ~ Days + (1 | Subject) overall as satterthwaite
        }

        """;

    private const string TrialStudy = """
        study Trial {
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
          outcome Y "Score": repeated visits.y over visit
          model mmrm Y ~ arm * factor(visit) + base covariance us means arm df kr overall as us
          model mmrm Y ~ arm * factor(visit) + base covariance cs means arm df kr overall as cs
        }

        """;

    private static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "kenward_roger.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("slope", "sleepstudy_slope_reml")]
    [InlineData("intercept", "sleepstudy_intercept_reml")]
    public void AMixedModelWithDfKrMatchesPbkrtest(string id, string name)
    {
        JsonElement r = Case(name);

        JsonNode analysis = Analysis(RunSleep(), id);

        Assert.Contains("Kenward-Roger", (string)analysis["method"]!, StringComparison.Ordinal);
        JsonNode mixed = analysis["mixed"]!;
        Assert.Equal("kenward_roger", (string)mixed["degreesOfFreedom"]!);
        JsonElement co = r.GetProperty("coefficients");
        JsonArray effects = mixed["fixedEffects"]!.AsArray();
        Assert.Equal(co.GetProperty("names").EnumerateArray().Select(e => e.GetString()!), effects.Select(e => (string)e!["term"]!));
        for (int k = 0; k < effects.Count; k++)
        {
            Close(Numbers(co, "estimate")[k], (double)effects[k]!["estimate"]!, $"{id} estimate {k}");
            Close(Numbers(co, "se")[k], (double)effects[k]!["standardError"]!, $"{id} adjusted SE {k}");
            Close(Numbers(co, "df")[k], (double)effects[k]!["degreesOfFreedom"]!, $"{id} KR df {k}");
        }

        JsonElement aov = r.GetProperty("anova");
        JsonNode days = mixed["typeIII"]!.AsArray().Single(t => (string)t!["term"]! == "Days")!;
        Close(Numbers(aov, "f")[0], (double)days["f"]!, id + " F");
        Close(Numbers(aov, "den_df")[0], (double)days["denominatorDf"]!, id + " DenDF");
        double[] vcov = Numbers(r, "vcov_adjusted");
        double[] ours = mixed["vcov"]!.AsArray().SelectMany(row => row!.AsArray().Select(v => (double)v!)).ToArray();
        for (int k = 0; k < vcov.Length; k++)
        {
            Close(vcov[k], ours[k], $"{id} vcovAdj[{k}]");
        }
    }

    [Fact]
    public void TheDefaultStaysSatterthwaiteAndTheReportNamesKenwardRoger()
    {
        JsonNode results = RunSleep();

        Assert.Equal("satterthwaite", (string)Analysis(results, "satterthwaite")["mixed"]!["degreesOfFreedom"]!);
        Assert.DoesNotContain("Kenward-Roger", (string)Analysis(results, "satterthwaite")["method"]!, StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(_temp.Combine("sleep"), "out", "report.md"));
        Assert.Contains("Kenward-Roger's degrees of freedom", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us")]
    [InlineData("cs")]
    public void AnMmrmWithDfKrMatchesMmrmsKenwardRoger(string id)
    {
        JsonElement c = Case("mmrm_" + id), r = c.GetProperty("kenward_roger");

        JsonNode analysis = Analysis(RunTrial(), id);

        Assert.Contains("Kenward-Roger", (string)analysis["method"]!, StringComparison.Ordinal);
        JsonNode mmrm = analysis["mmrm"]!;
        Assert.Equal("kenward_roger", (string)mmrm["degreesOfFreedom"]!);
        JsonArray effects = mmrm["fixedEffects"]!.AsArray();
        for (int k = 0; k < effects.Count; k++)
        {
            Close(Numbers(c, "beta")[k], (double)effects[k]!["estimate"]!, $"{id} estimate {k}");
            Close(Numbers(r, "se")[k], (double)effects[k]!["standardError"]!, $"{id} adjusted SE {k}");
            Close(Numbers(r, "df")[k], (double)effects[k]!["degreesOfFreedom"]!, $"{id} KR df {k}");
        }

        JsonElement means = r.GetProperty("means");
        string[] arms = means.GetProperty("arm").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] visits = Numbers(means, "visit");
        for (int k = 0; k < arms.Length; k++)
        {
            string visit = visits[k].ToString(System.Globalization.CultureInfo.InvariantCulture);
            JsonNode row = mmrm["means"]!.AsArray().Single(m => (string)m!["level"]! == arms[k] && (string)m["visit"]! == visit)!;
            Close(Numbers(means, "se")[k], (double)row["standardError"]!, $"{id} mean SE {arms[k]} at {visit}");
            Close(Numbers(means, "df")[k], (double)row["df"]!, $"{id} mean df {arms[k]} at {visit}");
        }

        JsonElement contrast = r.GetProperty("visit_contrast");
        JsonArray contrasts = mmrm["contrasts"]!.AsArray();
        for (int v = 0; v < 4; v++)
        {
            Close(Numbers(contrast, "se")[v], (double)contrasts[v]!["standardError"]!, $"{id} contrast SE at {v + 1}");
            Close(Numbers(contrast, "df")[v], (double)contrasts[v]!["df"]!, $"{id} contrast df at {v + 1}");
        }
    }

    private JsonNode? _sleep;
    private JsonNode? _trial;

    private JsonNode RunSleep()
    {
        if (_sleep is null)
        {
            string folder = _temp.Combine("sleep");
            Directory.CreateDirectory(folder);
            foreach (string csv in new[] { "sleepstudy.csv", "sleepstudy_subjects.csv" })
            {
                File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
            }

            _sleep = Run(folder, SleepStudy, "json,markdown");
        }

        return _sleep;
    }

    private JsonNode RunTrial()
    {
        if (_trial is null)
        {
            string folder = _temp.Combine("trial");
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

            File.WriteAllText(Path.Combine(folder, "subjects.csv"), subjects.ToString());
            File.WriteAllText(Path.Combine(folder, "visits.csv"), visits.ToString());
            _trial = Run(folder, TrialStudy, "json");
        }

        return _trial;
    }

    private JsonNode Run(string folder, string study, string formats)
    {
        File.WriteAllText(Path.Combine(folder, "kr.study"), study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "kr.study"), Path.Combine(folder, "out"), formats, _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Out);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static JsonNode Analysis(JsonNode results, string id)
    {
        JsonNode found = results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static JsonElement Case(string name) => Fixture.Value.Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Numbers(JsonElement parent, string name) =>
        parent.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(Math.Abs(expected), 1e-300),
            $"{what}: expected {expected:R}, got {actual:R} (relative {Math.Abs(expected - actual) / Math.Abs(expected):G3})");
}
