using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Issue 12's acceptance test for ids: the v1 example study and a copy of it with its analyses in reverse order are both
/// run through the CLI; every analysis keeps its id, its figure files and every number. The analyses are compared by id
/// with <c>index</c> (the only field that is a position) removed, so the test fails if an id, a figure name or a result
/// depended on where the analysis stands in the file (ids taken from positions would pair different analyses).
/// </summary>
public sealed class AnalysisOrderRunTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void ReversingTheAnalysesOfTheExampleChangesNoIdNoFigureAndNoNumber()
    {
        string original = _temp.CopyExample("original");
        string reversed = _temp.CopyExample("reversed");
        File.WriteAllText(reversed, ReverseAnalyses(File.ReadAllText(reversed)));

        JsonNode before = Run(original, "out-original");
        JsonNode after = Run(reversed, "out-reversed");

        List<string> beforeIds = Ids(before);
        List<string> afterIds = Ids(after);
        Assert.Equal(RepositoryPaths.ExampleAnalysisCount(), beforeIds.Count);
        Assert.Equal(beforeIds.AsEnumerable().Reverse(), afterIds); // the copy really runs them in the other order
        Assert.Equal(beforeIds.Count, beforeIds.Distinct(StringComparer.Ordinal).Count());

        Dictionary<string, JsonNode> afterById = ById(after);
        foreach ((string id, JsonNode analysis) in ById(before))
        {
            Assert.True(afterById.TryGetValue(id, out JsonNode? moved), $"analysis {id} is missing from the reversed run");
            Assert.True(JsonNode.DeepEquals(analysis, moved), $"analysis {id} differs:\n{analysis.ToJsonString()}\n---\n{moved!.ToJsonString()}");
        }

        // Figures: the same records in results.json (compared by id) and the same files, byte for byte.
        Assert.Equal(Figures(before).Keys.Order(StringComparer.Ordinal), Figures(after).Keys.Order(StringComparer.Ordinal));
        foreach ((string id, JsonNode figure) in Figures(before))
        {
            Assert.True(JsonNode.DeepEquals(figure, Figures(after)[id]), $"figure {id} differs");
        }

        string[] beforeFiles = FigureFiles("out-original");
        Assert.Contains("kaplan_meier_relapse.svg", beforeFiles);
        Assert.Equal(beforeFiles, FigureFiles("out-reversed"));
        foreach (string file in beforeFiles)
        {
            Assert.True(
                File.ReadAllBytes(_temp.Combine("out-original", "figures", file)).AsSpan().SequenceEqual(File.ReadAllBytes(_temp.Combine("out-reversed", "figures", file))),
                $"figures/{file} differs");
        }
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// The example with its analysis lines (one analysis per line, each starting with its verb) in reverse order, every
    /// other line where it was. Throws if the study no longer has analyses written that way.
    /// </summary>
    internal static string ReverseAnalyses(string study)
    {
        string[] lines = study.Split('\n');
        int[] at = Enumerable.Range(0, lines.Length).Where(i => IsAnalysis(lines[i])).ToArray();
        if (at.Length < 2)
        {
            throw new InvalidOperationException("The example study no longer has one analysis per line.");
        }

        string[] analyses = at.Select(i => lines[i]).Reverse().ToArray();
        for (int k = 0; k < at.Length; k++)
        {
            lines[at[k]] = analyses[k];
        }

        return string.Join('\n', lines);
    }

    private static bool IsAnalysis(string line)
    {
        string text = line.TrimStart();
        return text.StartsWith("describe ", StringComparison.Ordinal) || text.StartsWith("compare ", StringComparison.Ordinal)
            || text.StartsWith("model ", StringComparison.Ordinal) || text.StartsWith("test ", StringComparison.Ordinal);
    }

    private JsonNode Run(string study, string outName)
    {
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(study, _temp.Combine(outName), "md,html,json", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        return JsonNode.Parse(File.ReadAllText(_temp.Combine(outName, "results.json")))!;
    }

    private static List<string> Ids(JsonNode results) =>
        results["analyses"]!.AsArray().Select(a => (string)a!["id"]!).ToList();

    /// <summary>Each analysis by id, without its position in the protocol.</summary>
    private static Dictionary<string, JsonNode> ById(JsonNode results)
    {
        var byId = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (JsonNode? analysis in results["analyses"]!.AsArray())
        {
            JsonObject copy = analysis!.DeepClone().AsObject();
            Assert.True(copy.Remove("index"), "an analysis without index: the test no longer removes the position field");
            byId.Add((string)copy["id"]!, copy);
        }

        return byId;
    }

    private static Dictionary<string, JsonNode> Figures(JsonNode results) =>
        results["figures"]!.AsArray().ToDictionary(f => (string)f!["id"]!, f => f!, StringComparer.Ordinal);

    private string[] FigureFiles(string outName) =>
        Directory.GetFiles(_temp.Combine(outName, "figures")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
