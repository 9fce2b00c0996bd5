using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// A named group set as a fixed term of a mixed model, end to end: ChickWeight's four diets coarsened into three groups
/// by a `groups diet { ... }` block, fitted by the CLI and compared with lmerTest::lmer (REML, Satterthwaite) on a factor
/// built by the same rule (tests/Reference/r/group_set_mixed.R → group_set_mixed.expected.json) at 1e-6 relative:
/// estimates, SE, df, t, p and the REML criterion. The reference level is the set's first group, as R's first level.
/// (A group set as a Cox term is checked in CoxInteractionRunTests.)
/// </summary>
public sealed class GroupSetTermRunTests : IDisposable
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
          groups diet {
            d1 "Diet 1": Diet == 1
            d2 "Diet 2": Diet == 2
            d34 "Diet 3 or 4": Diet >= 3
          }
          outcome Weight: repeated weights.weight over Time
          model mixed Weight ~ diet + Time + (1 | Chick) as chickweight_group_set_diet_plus_time
          model mixed Weight ~ diet * Time + (1 | Chick) as chickweight_group_set_diet_star_time
          model mixed Weight ~ diet * Time + (1 | Chick) reference diet = d34 as chickweight_group_set_reference_d34
        }

        """;

    private readonly TempFolder _temp = new();

    [Fact]
    public void AGroupSetAsAMixedModelTermMatchesLmerOnTheSameFactor()
    {
        JsonNode results = Run();
        using var fixture = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "group_set_mixed.expected.json")));
        foreach (JsonElement r in fixture.RootElement.GetProperty("cases").EnumerateArray())
        {
            string id = r.GetProperty("name").GetString()!;
            JsonNode analysis = results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
            Assert.Equal("ok", (string)analysis["status"]!);
            JsonNode mixed = analysis["mixed"]!;
            Assert.Equal(r.GetProperty("n").GetInt32(), (int)mixed["observations"]!);
            JsonArray rows = mixed["fixedEffects"]!.AsArray();
            Assert.Equal(r.GetProperty("terms").EnumerateArray().Select(t => t.GetString()!), rows.Select(t => (string)t!["term"]!));
            foreach ((string name, string field) in new[] { ("estimate", "estimate"), ("se", "standardError"), ("df", "degreesOfFreedom"), ("t", "t"), ("p", "pValue") })
            {
                double[] expected = r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
                for (int i = 0; i < expected.Length; i++)
                {
                    Close(expected[i], (double)rows[i]![field]!, $"{id} {name}[{i}]");
                }
            }

            Close(r.GetProperty("reml").GetDouble(), (double)mixed["fit"]!["criterion"]!, id + " REML criterion");
        }
    }

    public void Dispose() => _temp.Dispose();

    private JsonNode Run()
    {
        string folder = _temp.Combine("chicks");
        Directory.CreateDirectory(folder);
        foreach (string csv in new[] { "chicks.csv", "chickweight.csv" })
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, "chicks.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "chicks.study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private static void Close(double expected, double actual, string quantity) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (relative tolerance {Tolerance})"));
}
