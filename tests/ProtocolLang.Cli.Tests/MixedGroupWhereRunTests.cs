using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// A mixed model's <c>where</c> that joins a <c>group</c> condition to subject and row conditions with top-level
/// <c>and</c>s (<c>where group != control and age > 40 and week > 0</c>): the group part restricts the groups, the others
/// select subjects and rows. The study runs through the CLI on the simulated trial's data, and the subjects and rows the
/// fit used are counted straight from the CSV files.
/// </summary>
public sealed class MixedGroupWhereRunTests : IDisposable
{
    private const string Study = """
        study GroupWhere {
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
          model mixed ScoreCourse ~ week + (1 | id) where group != control and age > 40 and week > 0 as treated_over40
        }

        """;

    private readonly TempFolder _temp = new();

    [Fact]
    public void AGroupPartJoinedToSubjectAndRowPartsFitsOnlyTheSubjectsAndRowsAllPartsKeep()
    {
        string folder = _temp.Combine("groupwhere");
        Directory.CreateDirectory(folder);
        foreach (string csv in new[] { "trial_subjects.csv", "trial_visits.csv" })
        {
            File.Copy(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "data", csv), Path.Combine(folder, csv));
        }

        File.WriteAllText(Path.Combine(folder, "groupwhere.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "groupwhere.study"), Path.Combine(folder, "out"), "json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString() + captured.Out);
        JsonNode results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!;
        JsonNode analysis = results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == "treated_over40")!;
        Assert.Equal("ok", (string)analysis["status"]!);

        // Counted from the data itself: treatment-arm subjects over 40, on their visits after week 0 (the data have no missing scores).
        var subjects = File.ReadLines(Path.Combine(folder, "trial_subjects.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Id: f[0], Arm: f[1], Age: double.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        var kept = subjects.Where(s => s.Arm == "treatment" && s.Age > 40).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var rows = File.ReadLines(Path.Combine(folder, "trial_visits.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => kept.Contains(f[0]) && int.Parse(f[1], CultureInfo.InvariantCulture) > 0).ToList();
        Assert.True(kept.Count > 0 && kept.Count < subjects.Count(s => s.Arm == "treatment"), "the age part must leave some treated subjects out");

        JsonNode mixed = analysis["mixed"]!;
        Assert.Equal((rows.Count, rows.Select(f => f[0]).Distinct().Count()), ((int)mixed["observations"]!, (int)mixed["subjects"]!));

        JsonNode scope = analysis["scope"]!;
        Assert.Equal("group != control and age > 40 and week > 0", (string)scope["where"]!);
        JsonNode leftOut = Assert.Single(scope["leftOut"]!.AsArray())!;
        Assert.Equal(("where", "age > 40", subjects.Count(s => !(s.Age > 40))),
            ((string)leftOut["stage"]!, (string)leftOut["reason"]!, (int)leftOut["count"]!));
    }

    public void Dispose() => _temp.Dispose();
}
