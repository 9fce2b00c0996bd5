using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Issue 12's named populations end to end: a study declaring <c>population PP "Per protocol": adherent and not deviated</c>
/// is generated, compiled and run; <c>describe age in PP</c> counts exactly the subjects of PP, and results.json's flow
/// lists each population with who is out at which condition (missing values counted apart).
/// </summary>
public sealed class PopulationRunTests : IDisposable
{
    // Ten subjects, counted by hand: s09 is in no group, so 9 are analysed. adherent removes s03 (false) and s07
    // (missing): 7 left; not deviated removes s02 (true) and s04 (missing): PP is s01, s05, s06, s08, s10.
    private const string Subjects = """
        id,arm,age,adherent,deviated
        s01,1,30,true,false
        s02,1,40,true,true
        s03,1,50,false,false
        s04,1,60,true,
        s05,2,35,true,false
        s06,2,45,true,false
        s07,2,55,,false
        s08,2,65,true,false
        s09,3,70,true,false
        s10,1,25,true,false

        """;

    private const string Study = """
        study Pop {
          table subjects from "subjects.csv" key id {
            id: text
            arm: integer
            age: number unit "years"
            adherent: bool optional
            deviated: bool optional
          }
          groups {
            treat "Treatment": arm == 1
            control "Control": arm == 2
          }
          population ITT "Intention to treat": true
          population PP "Per protocol": adherent and not deviated
          describe age in PP overall as age_pp
          describe age in ITT overall as age_itt
        }

        """;

    private readonly TempFolder _temp = new();

    [Fact]
    public void DescribeInAPopulationCountsExactlyItsSubjectsAndTheFlowSaysWhoIsOutAtEachCondition()
    {
        File.WriteAllText(_temp.Combine("subjects.csv"), Subjects);
        File.WriteAllText(_temp.Combine("pop.study"), Study);
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(_temp.Combine("pop.study"), _temp.Combine("out"), "json", _temp.Combine("cache")), captured.Output);

        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        var results = JsonNode.Parse(File.ReadAllText(_temp.Combine("out", "results.json")))!;
        Assert.Equal(5, OverallN(results, "age_pp"));
        Assert.Equal(9, OverallN(results, "age_itt"));

        var populations = results["flow"]!["cohort"]!["populations"]!.AsArray();
        Assert.Equal(["ITT", "PP"], populations.Select(p => (string)p!["name"]!));
        var pp = populations[1]!;
        Assert.Equal(("Per protocol", 9, 5), ((string)pp["label"]!, (int)pp["analysed"]!, (int)pp["n"]!));
        Assert.Equal(
            ["adherent: 2 out (1 missing), 7 left", "not deviated: 2 out (1 missing), 5 left"],
            pp["conditions"]!.AsArray().Select(c => $"{(string)c!["text"]!}: {(int)c["excluded"]!} out ({(int)c["excludedMissing"]!} missing), {(int)c["remaining"]!} left"));
        Assert.Equal(9, (int)populations[0]!["n"]!);
    }

    public void Dispose() => _temp.Dispose();

    private static int OverallN(JsonNode results, string id)
    {
        var analysis = results["analyses"]!.AsArray().Single(a => (string)a!["id"]! == id)!;
        return (int)analysis["describe"]!["columns"]!.AsArray().Single(c => (string)c!["name"]! == "overall")!["n"]!;
    }
}
