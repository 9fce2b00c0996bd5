using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Categories as data comes, end to end: a CSV holding sex as 1/2 and R's lung-style status 1/2, a subject table
/// without key, quoted levels with labels. The run loads the codes, keys subjects by row number, counts events from
/// <c>status == 2</c>, and results.json and the report show the labels beside (or instead of) the codes.
/// </summary>
public sealed class CategoryLevelRunTests
{
    private const string Study = """
        study Lung {
          table subjects from "lung.csv" {
            sex: category(1 "Male", 2 "Female")
            rx: category("Obs", "Lev+5FU" "Levamisole + 5-FU")
            time: number range 0..
            status: integer range 1..2
          }
          groups {
            Obs "Observation": rx == "Obs"
            Lev5FU "Levamisole + 5-FU": rx == "Lev+5FU"
          }
          outcome Death: time_to_event(time, status == 2)
          describe sex by group
          model kaplan_meier Death by group at 100
          model cox Death ~ group + sex
          report "out" formats markdown, json
        }
        """;

    // sex, rx, time, status (1 = censored, 2 = dead, as R's survival::lung): 5 deaths of 8 in Obs, 3 of 8 in Lev+5FU.
    private const string Csv = """
        sex,rx,time,status
        1,Obs,30,2
        2,Obs,45,2
        1,Obs,60,1
        2,Obs,80,2
        1,Obs,95,2
        2,Obs,120,1
        1,Obs,150,2
        2,Obs,170,1
        1,Lev+5FU,40,1
        2,Lev+5FU,70,2
        1,Lev+5FU,90,1
        2,Lev+5FU,110,2
        1,Lev+5FU,130,1
        2,Lev+5FU,160,1
        1,Lev+5FU,180,2
        2,Lev+5FU,200,1
        """;

    [Fact]
    public void CodedLevelsLoadAndResultsAndReportShowTheirLabels()
    {
        using var temp = new TempFolder();
        var study = temp.Combine("lung.study");
        File.WriteAllText(study, Study);
        File.WriteAllText(temp.Combine("lung.csv"), Csv + "\n");
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, temp.Combine("cache")), captured.Output);

        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        var results = JsonNode.Parse(File.ReadAllText(temp.Combine("out", "results.json")))!;
        var analyses = results["analyses"]!.AsArray();

        var levels = analyses[0]!["describe"]!["variables"]![0]!["levels"]!.AsArray();
        Assert.Equal(["1", "2"], levels.Select(l => l!["level"]!.GetValue<string>()));
        Assert.Equal(["Male", "Female"], levels.Select(l => l!["label"]!.GetValue<string>()));
        Assert.Equal(8, levels[0]!["cells"]!.AsArray().Last()!["count"]!.GetValue<int>());

        var km = analyses[1]!.ToJsonString();
        Assert.Contains("\"events\":5", km, StringComparison.Ordinal);
        Assert.Contains("\"events\":3", km, StringComparison.Ordinal);

        var sexTerm = analyses[2]!["cox"]!["terms"]!.AsArray().Single(t => t!["variable"]!.GetValue<string>() == "sex")!;
        Assert.Equal("2", sexTerm["level"]!.GetValue<string>());
        Assert.Equal("sex: Female vs Male", sexTerm["label"]!.GetValue<string>());

        var report = File.ReadAllText(temp.Combine("out", "report.md"));
        Assert.Contains("| Male | ", report, StringComparison.Ordinal);
        Assert.Contains("| Female | ", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Male", "value 'Male' in column 'sex' is not one of its levels (1, 2); 'Male' is the label of level '1': the file must hold the level")]
    [InlineData("2.0", "value '2.0' in column 'sex' is not one of its levels (1, 2); the level is written '2' (levels match the text exactly)")]
    public void ACellHoldingALabelOrAnotherSpellingOfACodeIsToldTheLevelToWrite(string cell, string message)
    {
        using var temp = new TempFolder();
        var study = temp.Combine("lung.study");
        File.WriteAllText(study, Study);
        var lines = Csv.Split('\n');
        lines[3] = cell + lines[3].Substring(1);
        File.WriteAllText(temp.Combine("lung.csv"), string.Join('\n', lines) + "\n");
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, temp.Combine("cache")), captured.Output);

        Assert.Equal(ExitCodes.DataErrors, exit);
        Assert.Contains("lung.csv(row 3, column 'sex'): error PL4013: " + message, captured.Error.ToString(), StringComparison.Ordinal);
    }
}
