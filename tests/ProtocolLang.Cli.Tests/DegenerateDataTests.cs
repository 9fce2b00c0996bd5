using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The watchdog over the degenerate-data corpus (<c>Degenerate/*/case.study</c>): a derive divided by
/// zero, log of values out of domain, a constant or one-visit mixed model, a Cox model with one group,
/// tests on one value, zero variance, all ties or an empty group, survival with no subjects. Each case
/// runs on its own task and must finish within <see cref="TimeBound"/> (compiling included), exit 0,
/// write a report with no infinity or NaN in it, and record the warnings and statuses its
/// <c>expected.txt</c> lists (a code per line, or <c>status NAME</c>).
/// </summary>
public sealed class DegenerateDataTests : IDisposable
{
    /// <summary>Generous for a cold Roslyn compile on a loaded machine; a hang never ends.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    private readonly TempFolder _temp = new();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(CorpusRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryDegenerateCaseFinishesInTimeAndWritesAReportWithoutInfinities(string name)
    {
        string study = CopyCase(name);
        string output = _temp.Combine("out-" + name);
        var captured = new CapturedOutput();
        Task<int> run = Task.Run(() => RunCommand.Execute(new RunRequest(study, output, "md,json", _temp.Combine("cache")), captured.Output));

        Task finished = await Task.WhenAny(run, Task.Delay(TimeBound));
        Assert.True(finished == run, $"'{name}' did not finish within {TimeBound.TotalSeconds} s (a numeric kernel hangs)");
        int exit = await run;
        Assert.True(exit == 0, $"'{name}' exited {exit}: {captured.Error}");
        string markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        string json = File.ReadAllText(Path.Combine(output, "results.json"));
        Assert.DoesNotMatch(new Regex(@"\b(-?Inf|Infinity|NaN)\b|∞"), markdown);
        Assert.DoesNotMatch(new Regex(@"Infinity|NaN"), json);

        JsonNode results = JsonNode.Parse(json)!;
        JsonArray analyses = results["analyses"]!.AsArray();
        var codes = new HashSet<string>(analyses.SelectMany(a => Warnings(a!)), StringComparer.Ordinal);
        var statuses = new HashSet<string>(analyses.Select(a => (string)a!["status"]!), StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(Path.Combine(CorpusRoot, name, "expected.txt")).Where(l => l.Length > 0))
        {
            if (line.StartsWith("status ", StringComparison.Ordinal))
            {
                Assert.True(statuses.Contains(line[7..]), $"'{name}': no analysis has status {line[7..]} (found {string.Join(", ", statuses)})");
            }
            else
            {
                Assert.True(codes.Contains(line), $"'{name}': warning {line} not recorded (found {string.Join(", ", codes.Order(StringComparer.Ordinal))})");
            }
        }
    }

    public void Dispose() => _temp.Dispose();

    private static string CorpusRoot => RepositoryPaths.Combine("tests", "ProtocolLang.Cli.Tests", "Degenerate");

    /// <summary>Analysis warnings and those of each comparison row.</summary>
    private static IEnumerable<string> Warnings(JsonNode analysis)
    {
        IEnumerable<JsonNode?> rows = analysis["compare"]?["rows"]?.AsArray() ?? new JsonArray();
        return analysis["warnings"]!.AsArray()
            .Concat(rows.SelectMany(r => r!["warnings"]?.AsArray() ?? new JsonArray()))
            .Select(w => (string)w!["code"]!);
    }

    private string CopyCase(string name)
    {
        string source = Path.Combine(CorpusRoot, name);
        string target = _temp.Combine(name);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return Path.Combine(target, "case.study");
    }
}
