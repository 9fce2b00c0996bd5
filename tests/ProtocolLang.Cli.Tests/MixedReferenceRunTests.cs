using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

using static ProtocolLang.Cli.Tests.LmerFixtureAssertions;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>reference</c> on a mixed model: the treatment-contrast reference level of a category term, a bool term and the
/// study's groups. The study runs through the CLI on the simulated trial's data and results.json is compared with lmerTest
/// on relevel()ed factors (tests/Reference/r/mixed_reference.R → tests/Runtime.Tests/Reference/mixed_reference.expected.json)
/// at 1e-6 relative: term names, estimates, SEs, Satterthwaite df, t, p, the type III ANOVA, REML criterion, sigma, theta.
/// </summary>
public sealed class MixedReferenceRunTests : IDisposable
{
    // The preamble's 1e-6 relative: R fits with tight nloptwrap settings, so its optimiser is not the limit.
    private const double Tolerance = 1e-6;

    private const string Study = """
        study Reference {
          table subjects from "trial_subjects.csv" key id {
            id: text
            arm: category(control "Control", treatment "Treatment")
            sex: category(1 "Male", 2 "Female")
            age: number unit "years"
            adherent: bool
            deviated: bool
            time_weeks: number
            status: integer
          }
          table visits from "trial_visits.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          groups {
            control "Control": arm == control
            treatment "Treatment": arm == treatment
          }
          outcome ScoreCourse "Score over time": repeated visits.score over week
          model mixed ScoreCourse ~ arm * week + adherent + (1 | id) reference arm = treatment, adherent = true as ref_arm_adherent
          model mixed ScoreCourse ~ group * factor(week) + (1 | id) reference treatment as ref_group
        }

        """;

    private static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "mixed_reference.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    private readonly TempFolder _temp = new();
    private readonly Lazy<JsonNode> _results;

    public MixedReferenceRunTests() => _results = new(Run);

    [Theory]
    [InlineData("ref_arm_adherent")]
    [InlineData("ref_group")]
    public void AReferenceLevelOnAMixedModelFitsAsLmerOnReleveledFactors(string id)
    {
        JsonElement r = Case(id);
        AssertFitEqualsR(r, Analysis(id), id, Tolerance);
    }

    public void Dispose() => _temp.Dispose();

    private JsonNode Run()
    {
        string folder = _temp.Combine("reference");
        Directory.CreateDirectory(folder);
        foreach (string csv in new[] { "trial_subjects.csv", "trial_visits.csv" })
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, "reference.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "reference.study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Out);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
    }

    private JsonNode Analysis(string id)
    {
        JsonNode? found = _results.Value["analyses"]!.AsArray().SingleOrDefault(a => (string)a!["id"]! == id);
        Assert.True(found is not null, $"no analysis {id}");
        Assert.Equal("ok", (string)found["status"]!);
        return found;
    }

    private static JsonElement Case(string name) => Fixture.Value.Single(c => c.GetProperty("name").GetString() == name);
}
