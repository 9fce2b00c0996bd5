using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The cox kind's <c>zph</c> option end to end: a .study over survival::lung (tests/Runtime.Tests/Reference/data/lung.csv)
/// asks for cox.zph on the rank time scale and for no test at all; the CLI runs it and results.json is compared with
/// <c>cox.zph(coxph(Surv(time, status == 2) ~ age + sex + ph.ecog), transform = "rank")</c> from tests/Reference/r/cox.R
/// (case lung_efron, zph_transforms) at 1e-6 relative. The category sex enters as the dummy sex2 where R has the number
/// sex: a shift of a covariate leaves cox.zph's score and information, hence its tests, unchanged.
/// </summary>
public sealed class CoxZphRunTests
{
    private const double Tolerance = 1e-6;

    private const string Study = """
        study LungZph {
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
          groups {
            male "Male": sex == 1
            female "Female": sex == 2
          }
          outcome Death "Death": time_to_event(time, status == 2)
          model cox Death ~ age + sex + ph_ecog zph rank as lung_rank
          model cox Death ~ age + sex + ph_ecog zph none as lung_none
        }

        """;

    private static readonly Lazy<JsonNode> Results = new(RunStudy);

    [Fact]
    public void ZphRankWritesCoxZphOnTheRankTimeScaleAsR()
    {
        JsonElement r = LungEfronFixture().GetProperty("zph_transforms").GetProperty("rank");
        JsonNode analysis = Analysis("lung_rank");
        JsonNode ph = analysis["cox"]!["proportionalHazards"]!;

        Assert.Equal("rank", (string)ph["transform"]!);
        Assert.Contains("cox.zph(fit, transform = \"rank\", terms = TRUE)", (string)analysis["method"]!, StringComparison.Ordinal);
        JsonArray tests = ph["tests"]!.AsArray();
        Assert.Equal(["age", "sex", "ph_ecog", "GLOBAL"], tests.Select(t => (string)t!["term"]!));
        Assert.Equal(r.GetProperty("df").EnumerateArray().Select(d => d.GetInt32()), tests.Select(t => (int)(double)t!["degreesOfFreedom"]!));
        double[] chisq = r.GetProperty("chisq").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] p = r.GetProperty("p").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < tests.Count; i++)
        {
            Close(chisq[i], (double)tests[i]!["chiSquare"]!, "chisq " + i);
            Close(p[i], (double)tests[i]!["pValue"]!, "p " + i);
        }
    }

    [Fact]
    public void ZphNoneFitsTheModelButLeavesTheProportionalHazardsTestOut()
    {
        JsonNode analysis = Analysis("lung_none");
        JsonObject cox = analysis["cox"]!.AsObject();

        Assert.False(cox.ContainsKey("proportionalHazards"));
        Assert.DoesNotContain("cox.zph", (string)analysis["method"]!, StringComparison.Ordinal);
        Assert.Equal(3, cox["terms"]!.AsArray().Count);
        Assert.Equal(227, (int)cox["n"]!);
    }

    private static JsonElement LungEfronFixture()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "cox.expected.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "lung_efron").Clone();
    }

    private static JsonNode RunStudy()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("lung");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", "lung.csv"), Path.Combine(folder, "lung.csv"));
        File.WriteAllText(Path.Combine(folder, "lung.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "lung.study"), Path.Combine(folder, "out"), "json", temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Output);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static JsonNode Analysis(string id)
    {
        JsonNode found = Results.Value["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static void Close(double expected, double actual, string quantity) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative tolerance {Tolerance})"));
}
