using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The acceptance of issue 11's data policy on the example: one invalid row (P002 aged 130) stops the run with exit
/// code 2 and the row listed; with <c>on_invalid exclude</c> the run completes and the console, report.md,
/// report.html and results.json all show the exclusion by reason.
/// </summary>
public sealed class DataPolicyRunTests
{
    private const string Row = "data/subjects.csv(row 2, column 'age'): error PL4003: value '130' is above the maximum 100 of column 'age'";

    [Fact]
    public void OneInvalidRowStopsTheExampleWithExitCodeTwoAndListsTheRow()
    {
        using var temp = new TempFolder();
        var study = ExampleWithOneInvalidRow(temp, lenient: false);
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, temp.Combine("cache")), captured.Output);

        Assert.Equal(ExitCodes.DataErrors, exit);
        Assert.Contains(Row, captured.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("table 'subjects' has 1 invalid row.", captured.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains(Row + "\n", File.ReadAllText(temp.Combine("out", "problems.txt")), StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("out", "results.json")));
    }

    [Fact]
    public void WithOnInvalidExcludeTheExampleCompletesAndEveryOutputCountsTheExclusionByReason()
    {
        using var temp = new TempFolder();
        var study = ExampleWithOneInvalidRow(temp, lenient: true);
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), null, temp.Combine("cache")), captured.Output);

        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        Assert.Equal(
            "subjects: 61 of 67 subjects analysed; 6 excluded: 1 invalid (column 'age' is outside its range, PL4003), "
                + "3 not included (Complete antibody testing), 2 in no group.",
            captured.Out.ToString().Split('\n')[0]);
        const string Step = "Invalid row: column 'age' is outside its range (PL4003)";
        Assert.Contains("| " + Step + " | 1 |", File.ReadAllText(temp.Combine("out", "report.md")), StringComparison.Ordinal);
        var html = File.ReadAllText(temp.Combine("out", "report.html"));
        Assert.Contains("Invalid row: column ", html, StringComparison.Ordinal);
        Assert.Contains("age", html, StringComparison.Ordinal);
        Assert.Contains(" is outside its range (PL4003)", html, StringComparison.Ordinal);
        var excluded = JsonNode.Parse(File.ReadAllText(temp.Combine("out", "results.json")))!["flow"]!["tables"]![0]!["excluded"]![0]!;
        Assert.Equal(
            ("invalid_row", "column 'age' is outside its range", 1, "PL4003"),
            (excluded["stage"]!.GetValue<string>(), excluded["reason"]!.GetValue<string>(), excluded["count"]!.GetValue<int>(), excluded["code"]!.GetValue<string>()));
        Assert.Contains(Row + "\n", File.ReadAllText(temp.Combine("out", "problems.txt")), StringComparison.Ordinal);
    }

    private static string ExampleWithOneInvalidRow(TempFolder temp, bool lenient)
    {
        var study = temp.CopyExample("example");
        var subjects = Path.Combine(Path.GetDirectoryName(study)!, "data", "subjects.csv");
        var lines = File.ReadAllLines(subjects);
        Assert.StartsWith("P002,NXP2,juvenile,9.9,", lines[2], StringComparison.Ordinal);
        lines[2] = lines[2].Replace(",9.9,", ",130,", StringComparison.Ordinal);
        File.WriteAllText(subjects, string.Join('\n', lines) + "\n");
        if (lenient)
        {
            var text = File.ReadAllText(study);
            File.WriteAllText(study, text.Replace("table subjects from \"data/subjects.csv\" key id {", "table subjects from \"data/subjects.csv\" key id on_invalid exclude {", StringComparison.Ordinal));
        }

        return study;
    }
}
