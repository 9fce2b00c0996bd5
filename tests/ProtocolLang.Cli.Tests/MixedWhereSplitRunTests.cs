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
/// A mixed model's <c>where</c> that selects subjects and visit rows at once (<c>where week > 0 and sex == 2</c>) is split
/// at its top-level <c>and</c>s into a subject subset and a row subset. The study runs through the CLI on the simulated
/// trial's data and results.json is compared with lmer on the same rows (tests/Reference/r/mixed_where_split.R →
/// tests/Runtime.Tests/Reference/mixed_where_split.expected.json) at 1e-6 relative, with the counts of each part.
/// </summary>
public sealed class MixedWhereSplitRunTests : IDisposable
{
    // The preamble's 1e-6 relative: R fits with tight nloptwrap settings, so its optimiser is not the limit.
    private const double Tolerance = 1e-6;

    private const string Study = """
        study Split {
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
          model mixed ScoreCourse ~ arm * factor(week) + (1 | id) where week > 0 and sex == 2 and week <= 20 as split_female
          model mixed ScoreCourse ~ arm * factor(week) + (1 | id) where age >= 50 and week > 0 within sex as split_age50
        }

        """;

    private static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        string path = RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "mixed_where_split.expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    private readonly TempFolder _temp = new();
    private readonly Lazy<JsonNode> _results;

    public MixedWhereSplitRunTests() => _results = new(Run);

    [Fact]
    public void ASubjectAndRowWhereOnAMixedModelFitsTheRowsLmerFitsAndCountsEachPart()
    {
        JsonElement r = Case("split_female_weeks_4_to_20");
        JsonNode analysis = Analysis("split_female");
        JsonNode scope = analysis["scope"]!;

        // The scope keeps the text as written; each part's count names that part.
        Assert.Equal(r.GetProperty("where").GetString(), (string)scope["where"]!);
        JsonNode leftOut = Assert.Single(scope["leftOut"]!.AsArray())!;
        Assert.Equal(("where", r.GetProperty("subject_part").GetString(), (int)Number(r, "n_subjects_left_out")),
            ((string)leftOut["stage"]!, (string)leftOut["reason"]!, (int)leftOut["count"]!));
        JsonNode rows = Assert.Single(scope["rowsLeftOut"]!.AsArray())!;
        Assert.Equal(("where_rows", r.GetProperty("row_part").GetString(), (int)Number(r, "n_rows_left_out")),
            ((string)rows["stage"]!, (string)rows["reason"]!, (int)rows["count"]!));
        Assert.Equal((int)Number(r, "n_scope"), (int)scope["n"]!);

        AssertFitEqualsR(r, analysis, "split_female", Tolerance);
    }

    [Fact]
    public void ASplitWhereWithinAFactorCountsTheRowsOfEachLevelsSubjects()
    {
        JsonElement r = Case("split_age50_within_sex");
        foreach (JsonElement level in r.GetProperty("levels").EnumerateArray())
        {
            string code = Number(level, "level").ToString(CultureInfo.InvariantCulture);
            string id = "split_age50." + code;
            JsonNode analysis = Analysis(id);
            JsonNode scope = analysis["scope"]!;
            Assert.Equal(r.GetProperty("where").GetString(), (string)scope["where"]!);
            int LeftOut(string stage) => scope["leftOut"]!.AsArray().Where(e => (string)e!["stage"]! == stage).Sum(e => (int)e!["count"]!);
            Assert.Equal((int)Number(level, "n_subjects_left_out"), LeftOut("where"));
            Assert.Equal((int)Number(level, "n_other_level"), LeftOut("within_level"));
            Assert.Equal(r.GetProperty("subject_part").GetString(), (string)scope["leftOut"]![0]!["reason"]!);
            JsonNode rows = Assert.Single(scope["rowsLeftOut"]!.AsArray())!;
            Assert.Equal((r.GetProperty("row_part").GetString(), (int)Number(level, "n_rows_left_out")), ((string)rows["reason"]!, (int)rows["count"]!));
            Assert.Equal((int)Number(level, "n_scope"), (int)scope["n"]!);
            AssertFitEqualsR(level, analysis, id, Tolerance);
        }
    }

    public void Dispose() => _temp.Dispose();

    private JsonNode Run()
    {
        string folder = _temp.Combine("split");
        Directory.CreateDirectory(folder);
        foreach (string csv in new[] { "trial_subjects.csv", "trial_visits.csv" })
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, "split.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "split.study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
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
