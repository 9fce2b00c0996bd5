using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Schema;

/// <summary>
/// STROBE-style flow: every number in results.json's flow is accounted for. Read from the JSON (what a
/// reviewer sees), not from the C# records, so a serialisation slip fails too.
/// </summary>
public sealed class FlowReconciliationTests
{
    [Fact]
    public void TheCommittedExampleFlowAddsUp()
    {
        var results = JsonNode.Parse(File.ReadAllText(ResultsSchema.RepositoryFile("examples/Nxp2Jdm/report/results.json")))!;

        AssertAddsUp(results);
        Assert.Equal(62, (int)results["flow"]!["cohort"]!["analysed"]!);
    }

    [Fact]
    public void AFreshRunOfTheSmallStudyWithInvalidRowsAddsUp()
    {
        using var folder = new StudyFolder();
        var results = JsonNode.Parse(ResultsJson.Serialize(SmallStudy.Run(folder.Options("out", ReportFormat.Json))))!;

        Assert.True((int)results["flow"]!["cohort"]!["invalidRows"]! > 0, "The small study is meant to have invalid rows.");
        AssertAddsUp(results);
    }

    [Theory]
    [InlineData("kept")]
    [InlineData("analysed")]
    [InlineData("groupN")]
    [InlineData("remaining")]
    public void AFlowThatDoesNotAddUpIsCaught(string broken)
    {
        var results = JsonNode.Parse(File.ReadAllText(ResultsSchema.RepositoryFile("examples/Nxp2Jdm/report/results.json")))!;
        var flow = results["flow"]!;
        switch (broken)
        {
            case "kept":
                flow["tables"]![1]!["kept"] = (int)flow["tables"]![1]!["kept"]! + 1;
                break;
            case "analysed":
                flow["cohort"]!["analysed"] = (int)flow["cohort"]!["analysed"]! - 1;
                break;
            case "groupN":
                flow["cohort"]!["groups"]![0]!["n"] = (int)flow["cohort"]!["groups"]![0]!["n"]! + 1;
                break;
            default:
                flow["cohort"]!["criteria"]![0]!["remaining"] = 1;
                break;
        }

        Assert.NotEmpty(Problems(results));
    }

    private static void AssertAddsUp(JsonNode results)
    {
        var problems = Problems(results);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every way the flow's numbers must reconcile; each failure as a sentence.</summary>
    private static List<string> Problems(JsonNode results)
    {
        var problems = new List<string>();
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }

        var flow = results["flow"]!;
        var readPerFile = results["dataFiles"]!.AsArray().ToDictionary(f => (string)f!["table"]!, f => (int)f!["rowsRead"]!);
        foreach (var table in flow["tables"]!.AsArray())
        {
            string name = (string)table!["table"]!;
            int read = (int)table["rowsRead"]!;
            int excluded = table["excluded"]!.AsArray().Sum(e => (int)e!["count"]!);
            Check(read == excluded + (int)table["kept"]!, $"{name}: rows read {read} != excluded {excluded} + kept {(int)table["kept"]!}");
            Check(readPerFile.GetValueOrDefault(name, -1) == read, $"{name}: rows read differs from its data file's");
        }

        if (flow["cohort"] is not JsonObject cohort)
        {
            return problems;
        }

        int rowsRead = (int)cohort["rowsRead"]!;
        int invalid = (int)cohort["invalidRows"]!;
        int unassigned = (int)cohort["unassigned"]!;
        int overlapping = (int)cohort["overlapping"]!;
        int analysed = (int)cohort["analysed"]!;
        var criteria = cohort["criteria"]!.AsArray();
        int remaining = rowsRead - invalid;
        foreach (var criterion in criteria)
        {
            remaining -= (int)criterion!["excluded"]!;
            Check((int)criterion["remaining"]! == remaining, $"criterion '{(string)criterion["label"]!}': remaining {(int)criterion["remaining"]!}, expected {remaining}");
        }

        int byCriteria = criteria.Sum(c => (int)c!["excluded"]!);
        Check(rowsRead == invalid + byCriteria + unassigned + overlapping + analysed,
            $"subjects: rows read {rowsRead} != invalid {invalid} + criteria {byCriteria} + unassigned {unassigned} + overlapping {overlapping} + analysed {analysed}");
        int groups = cohort["groups"]!.AsArray().Sum(g => (int)g!["n"]!);
        Check(analysed == groups, $"subjects: analysed {analysed} != sum of groups {groups}");
        Check(remaining == unassigned + overlapping + analysed, $"subjects: {remaining} after the criteria != unassigned + overlapping + analysed");

        // The subject table's own flow lists the same steps.
        var subjects = flow["tables"]!.AsArray().Single(t => (string)t!["table"]! == (string)cohort["table"]!)!;
        var steps = subjects["excluded"]!.AsArray();
        int Stage(string stage) => steps.Where(e => (string)e!["stage"]! == stage).Sum(e => (int)e!["count"]!);
        Check(Stage("invalid_row") == invalid, "subject table: invalid rows differ from the cohort's");
        Check(Stage("unassigned") == unassigned && Stage("overlapping") == overlapping, "subject table: unassigned or overlapping differ from the cohort's");
        Check(steps.Where(e => (string)e!["stage"]! is "include" or "exclude").Select(e => (int)e!["count"]!).SequenceEqual(criteria.Select(c => (int)c!["excluded"]!)),
            "subject table: criterion counts differ from the cohort's");
        Check((int)subjects["kept"]! == analysed, "subject table: kept != analysed");
        return problems;
    }
}
