using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Child-table aggregates end to end (issue 12, item 5): a study whose criterion and groups read derives
/// that summarise the visits table, run by the tool on data small enough to check by hand.
/// </summary>
public sealed class ChildAggregateRunTests : IDisposable
{
    private const string Study = """
        study Aggregates {
          table subjects from "subjects.csv" key id {
            id: integer
          }
          table visits from "visits.csv" of subjects by id {
            id: integer
            week: number
            score: number optional
            ck: number
          }
          derive score0 = first(visits.score where week == 0)
          derive change12 = last(visits.score where week <= 12) - score0
          derive ever_high = any(visits.ck > 1000)
          derive n_visits = count(visits)
          include "Has a baseline score": score0 is not missing
          groups {
            High "Ever high CK": ever_high
            Normal "Never high CK": not ever_high
          }
          outcome Score: repeated visits.score over week
          describe change12, n_visits by group
          report "out" formats json
        }
        """;

    // Visits deliberately not in week order. Subject 4 has no week 0 (excluded); subject 5 has no
    // week-12 score, so its change is missing; subjects 1 and 5 once had CK above 1000.
    private const string Visits = """
        id,week,score,ck
        1,12,14,100
        1,0,10,100
        1,4,12,1500
        2,0,20,100
        2,12,17,100
        3,12,33,100
        3,0,30,100
        4,4,40,100
        5,0,50,2000
        5,12,,100
        """;

    private readonly TempFolder _temp = new();

    [Fact]
    public void CriteriaAndGroupsReadAggregatesAndTheDescribeTableShowsTheirHandComputedValues()
    {
        File.WriteAllText(_temp.Combine("aggregates.study"), Study);
        File.WriteAllText(_temp.Combine("subjects.csv"), "id\n1\n2\n3\n4\n5\n");
        File.WriteAllText(_temp.Combine("visits.csv"), Visits + "\n");
        var output = _temp.Combine("out");
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(_temp.Combine("aggregates.study"), output, "json", _temp.Combine("cache")), captured.Output);

        Assert.True(exit == 0, captured.Error.ToString() + captured.Out);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!;
        var subjects = results["flow"]!["tables"]!.AsArray()[0]!;
        var excluded = subjects["excluded"]!.AsArray().First(e => (string)e!["reason"]! == "Has a baseline score")!;
        Assert.Equal(1, (int)excluded["count"]!);

        var describe = results["analyses"]!.AsArray()[0]!["describe"]!;
        var columns = describe["columns"]!.AsArray();
        Assert.Equal(["High", "Normal"], columns.Take(2).Select(c => (string)c!["name"]!));
        Assert.Equal([2, 2], columns.Take(2).Select(c => (int)c!["n"]!));

        // change12: subject 1: 14 - 10 = 4, subject 5 missing (High); subject 2: 17 - 20 = -3, subject 3: 33 - 30 = 3 (Normal).
        var change = describe["variables"]!.AsArray().First(v => (string)v!["name"]! == "change12")!["continuous"]!.AsArray();
        Assert.Equal(1, (int)change[0]!["n"]!);
        Assert.Equal(1, (int)change[0]!["missing"]!);
        Assert.Equal(4.0, (double)change[0]!["mean"]!, 12);
        Assert.Equal(2, (int)change[1]!["n"]!);
        Assert.Equal(0.0, (double)change[1]!["mean"]!, 12);
    }

    public void Dispose() => _temp.Dispose();
}
