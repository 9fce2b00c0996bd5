using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

using static ProtocolLang.Cli.Tests.LmerFixtureAssertions;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>model mixed ... anova type1</c>: lmerTest's sequential F tests (anova(fit, type = 1), Satterthwaite df) through the
/// CLI on the simulated trial, against tests/Reference/r/mixed_type1.R at 1e-6 relative; the type III table of the same
/// fit is still written, and without the option the type I table is absent.
/// </summary>
public sealed class MixedTypeIRunTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private const string Study = """
        study TypeI {
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
          outcome ScoreCourse "Score over time": repeated visits.score over week
          model mixed ScoreCourse ~ age + arm * factor(week) + (1 | id) anova type1 as type1_age_arm_week
          model mixed ScoreCourse ~ sex + arm * week + (1 | id) anova type1 as type1_sex_arm_week
          model mixed ScoreCourse ~ sex + arm * week + (1 + week | id) as type3_only
        }

        """;

    private static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "mixed_type1.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    private readonly TempFolder _temp = new();
    private readonly Lazy<JsonNode> _results;

    public MixedTypeIRunTests() => _results = new(Run);

    [Theory]
    [InlineData("type1_age_arm_week")]
    [InlineData("type1_sex_arm_week")]
    public void SequentialTestsEqualLmerTestTypeOneAndTypeThreeStays(string id)
    {
        JsonElement r = Fixture.Value.Single(c => c.GetProperty("name").GetString() == id);
        JsonNode mixed = Analysis(id)["mixed"]!;

        // sex's F is 0.003 (type I) and 0.0015 (type III): compared on the scale of F = 1 (see AssertTermTestsEqualR).
        AssertTermTestsEqualR(r.GetProperty("type1"), mixed["typeI"]!.AsArray(), id + " type I", Tolerance, fFloor: 1);
        AssertTermTestsEqualR(r.GetProperty("type3"), mixed["typeIII"]!.AsArray(), id + " type III", Tolerance, fFloor: 1);
    }

    [Fact]
    public void WithoutTheOptionOnlyTypeThreeIsWritten() => Assert.Null(Analysis("type3_only")["mixed"]!["typeI"]);

    public void Dispose() => _temp.Dispose();

    private JsonNode Run()
    {
        string folder = _temp.Combine("type1");
        Directory.CreateDirectory(folder);
        foreach (string csv in new[] { "trial_subjects.csv", "trial_visits.csv" })
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, "type1.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "type1.study"), Path.Combine(folder, "out"), "json,markdown", _temp.Combine("cache")), captured.Output);
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
}
