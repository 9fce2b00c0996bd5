using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;
using Xunit;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Derives without a finite value in an engine run: the engine gives NULL where memory gives NaN or an infinity, and
/// the run must still say how many analysed subjects each variable lost that way (PL5050), with the in-memory counts:
/// division by zero, log of 0 and of a negative value, sqrt of a negative value, exp overflow, an undefined value
/// inside an <c>if</c> branch that is taken and one that is not, and a missing input (not counted); in describe, compare,
/// two linear models and a logistic one.
/// </summary>
public sealed class EngineNotFiniteTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AnEngineRunWarnsOfEachVariablesUndefinedValuesAsTheInMemoryRunDoes()
    {
        var memory = Run("memory", compute: false);
        var engine = Run("engine", compute: true);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        string[] expected = Warnings(memory);
        Assert.Equal(11, expected.Length); // describe: every derive but 'safe'; each compare and model: its one
        Assert.Equal(expected, Warnings(engine));
        // The describe and compare analyses entire; the models' numbers are EngineLinearRunTests' and EngineGlmRunTests' (an
        // engine model adds its queries and leaves out what needs each subject's row), their warnings are compared above.
        var expectedAnalyses = Results(memory)["analyses"]!.AsArray();
        var actualAnalyses = Results(engine)["analyses"]!.AsArray();
        Assert.Equal(expectedAnalyses.Count, actualAnalyses.Count);
        for (int i = 0; i < 3; i++)
        {
            EngineRunTests.AssertClose(expectedAnalyses[i]!, actualAnalyses[i]!, $"analyses[{i}]");
        }
    }

    /// <summary>Each analysis' PL5050 messages, in order.</summary>
    private static string[] Warnings(RunRecord run) =>
        Results(run)["analyses"]!.AsArray()
            .SelectMany(a => a!["warnings"]?.AsArray() ?? [])
            .Where(w => w!["code"]!.GetValue<string>() == "PL5050")
            .Select(w => w!["message"]!.GetValue<string>())
            .ToArray();

    private RunRecord Run(string name, bool compute)
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "s.csv"), Data());
        var study = Path.Combine(folder, "engine.study");
        File.WriteAllText(study, StudyText(compute));
        var captured = new CapturedOutput();
        var output = Path.Combine(folder, "report");
        var exit = RunCommand.Execute(new RunRequest(study, output, "json", _temp.Combine("cache")), captured.Output);
        return new RunRecord(exit, output, captured.Out.ToString(), captured.Error.ToString());
    }

    /// <summary>60 subjects in two arms; x runs over -3..8 (zeros and negatives) and misses every 10th; y misses every 7th.</summary>
    private static string Data()
    {
        var text = new StringBuilder("id,arm,x,y\n");
        for (int i = 0; i < 60; i++)
        {
            string x = i % 10 == 4 ? "" : ((i * 7 % 12) - 3).ToString(CultureInfo.InvariantCulture);
            string y = i % 7 == 2 ? "" : (Math.Round(Math.Cos(i) * 50, 3)).ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"s{i:00},{(i % 2 == 0 ? "A" : "B")},{x},{y}\n");
        }

        return text.ToString();
    }

    private static string StudyText(bool compute) => $$"""
        study EngineNotFinite {
          title "Undefined derives in an engine"
          version "1.0"
        {{(compute ? "  compute in engine\n" : string.Empty)}}
          table subjects from "data/s.csv" key id {
            id: text
            arm: category(A, B)
            x: number optional
            y: number optional
            derive ratio = y / x
            derive logx = log(x)
            derive root = sqrt(y) + 1
            derive big = exp(x * 150)
            derive chosen = if x > 0 then y else log(y)
            derive nested = log(y / x) * 2
            derive safe = if x > 100 then log(x - 200) else y
            derive pos = y > 0
          }

          groups {
            A "Arm A": arm == A
            B "Arm B": arm == B
          }

          outcome Ratio "Ratio": continuous ratio
          outcome Y "Y": continuous y

          describe ratio, logx, root, big, chosen, nested, safe by group
          compare Ratio: A vs B using mann_whitney
          compare nested: A vs B using t_test
          model linear ratio ~ group + y
          model linear logx ~ group
          model logistic pos ~ group + ratio
          report "report" formats json
        }
        """;

    private static JsonNode Results(RunRecord run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")))!;
}
