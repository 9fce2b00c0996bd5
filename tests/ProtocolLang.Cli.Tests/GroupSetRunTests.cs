using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Issue 12's named group sets end to end, in a study with no unnamed groups block (so everyone passing the criteria is
/// analysed): <c>by arm</c> groups by the set's groups; a subject in none of them is missing for it; a subject in two
/// fails the run (PL4020) unless the set says <c>on_overlap exclude</c>.
/// </summary>
public sealed class GroupSetRunTests : IDisposable
{
    // s05 has arm 3: in no group of the set. s06 is 'treat' by arm_code but flagged 'crossed', which also makes it
    // 'control' in the overlapping variant.
    private const string Subjects = """
        id,arm_code,age,crossed
        s01,1,30,false
        s02,1,40,false
        s03,2,50,false
        s04,2,60,false
        s05,3,70,false
        s06,1,20,true

        """;

    private const string Study = """
        study Sets {
          table subjects from "subjects.csv" key id {
            id: text
            arm_code: integer
            age: number
            crossed: bool
          }
          groups arm POLICY {
            treat "Treatment": arm_code == 1
            control "Control": CONTROL
          }
          describe age by arm as age_by_arm
          describe age overall as age_all
        }

        """;

    private readonly TempFolder _temp = new();

    [Fact]
    public void ByAGroupSetGroupsByItsGroupsAndEveryoneIsAnalysedWithoutAStudyGroupsBlock()
    {
        var (exit, captured) = Run(policy: string.Empty, control: "arm_code == 2");

        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        var results = Results();
        Assert.Equal(6, ColumnN(results, "age_all", "overall"));
        Assert.Equal((3, 2), (ColumnN(results, "age_by_arm", "treat"), ColumnN(results, "age_by_arm", "control")));
        Assert.Equal("Treatment", (string)Column(results, "age_by_arm", "treat")["label"]!);
    }

    [Fact]
    public void ASubjectInTwoGroupsOfASetStopsTheRunWithPL4020()
    {
        var (exit, captured) = Run(policy: string.Empty, control: "arm_code == 2 or crossed");

        Assert.Equal(ExitCodes.DataErrors, exit);
        Assert.Contains("PL4020: subject 's06' is in more than one group of set 'arm': treat, control", captured.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithOnOverlapExcludeASubjectInTwoGroupsIsMissingForTheSet()
    {
        var (exit, captured) = Run(policy: "on_overlap exclude", control: "arm_code == 2 or crossed");

        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        var results = Results();
        Assert.Equal((2, 2), (ColumnN(results, "age_by_arm", "treat"), ColumnN(results, "age_by_arm", "control")));
        Assert.Equal(6, ColumnN(results, "age_all", "overall"));
    }

    public void Dispose() => _temp.Dispose();

    private (int Exit, CapturedOutput Captured) Run(string policy, string control)
    {
        File.WriteAllText(_temp.Combine("subjects.csv"), Subjects);
        File.WriteAllText(_temp.Combine("sets.study"), Study.Replace("POLICY", policy, StringComparison.Ordinal).Replace("CONTROL", control, StringComparison.Ordinal));
        var captured = new CapturedOutput();
        var exit = RunCommand.Execute(new RunRequest(_temp.Combine("sets.study"), _temp.Combine("out"), "json", _temp.Combine("cache")), captured.Output);
        return (exit, captured);
    }

    private JsonNode Results() => JsonNode.Parse(File.ReadAllText(_temp.Combine("out", "results.json")))!;

    private static JsonNode Column(JsonNode results, string id, string name)
    {
        var analysis = results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        return analysis["describe"]!["columns"]!.AsArray().Single(c => (string)c!["name"]! == name)!;
    }

    private static int ColumnN(JsonNode results, string id, string name) => (int)Column(results, id, name)["n"]!;
}
