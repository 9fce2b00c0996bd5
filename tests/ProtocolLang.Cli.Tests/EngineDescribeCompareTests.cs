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
/// <c>describe</c> and <c>compare</c> under <c>compute in engine</c>: a generated study (three groups; a number with ties
/// and missing values, a number without ties, a category and a yes/no variable, each with missing values) run from its
/// CSV in memory, and from Parquet and from the CSV through DuckDB in the engine, gives the same results.json analyses
/// and figures (numbers within 1e-9 relative, counts and texts equal) and the same Markdown report.
/// </summary>
public sealed class EngineDescribeCompareTests : IDisposable
{
    private const string Analyses = """
          describe x, y, level, flag, X, Y by group
          describe x, y, level, flag by group statistics mean_sd, mean_se, median_iqr, range, percent_ci decimals 2
          compare X: A vs each using mann_whitney adjust holm
          compare y: A vs B using mann_whitney
          compare y: A vs C using mann_whitney exact no_correct
          compare x: A vs B using mann_whitney approximate no_conf_int
          compare x, Y across groups using kruskal_wallis
          compare Y: A vs (B, C) using t_test
          compare y: B vs C using welch
          compare flag, level across groups using fisher
          compare flag: A vs B using chi_square
          compare level across groups using chi_square no_correct
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void DescribeAndCompareOverParquetGiveTheInMemoryRunsNumbers()
    {
        var memory = Run("memory", "\"data/s.csv\"", compute: false);
        var engine = Run("engine", "parquet \"data/s.parquet\"", compute: true, parquet: true);

        Assert.True(memory.Exit == 0, memory.Error);
        Assert.True(engine.Exit == 0, engine.Error);
        var expected = Results(memory);
        var actual = Results(engine);
        Assert.Equal(12, actual["analyses"]!.AsArray().Count);
        Assert.All(actual["analyses"]!.AsArray(), a => Assert.Equal("ok", a!["status"]!.GetValue<string>()));
        EngineRunTests.AssertClose(expected["analyses"]!, actual["analyses"]!, "analyses");
        EngineRunTests.AssertClose(expected["figures"]!, actual["figures"]!, "figures");
    }

    [Fact]
    public void DescribeAndCompareOverTheCsvThroughDuckDbGiveTheSameReport()
    {
        var memory = Run("memory-md", "\"data/s.csv\"", compute: false, formats: "md,json");
        var engine = Run("engine-md", "\"data/s.csv\"", compute: true, formats: "md,json");

        Assert.True(engine.Exit == 0, engine.Error);
        EngineRunTests.AssertClose(Results(memory)["analyses"]!, Results(engine)["analyses"]!, "analyses");
        Assert.Equal(Analysis(File.ReadAllText(Path.Combine(memory.OutputDirectory, "report.md"))),
            Analysis(File.ReadAllText(Path.Combine(engine.OutputDirectory, "report.md"))));
    }

    [Fact]
    public void TheGeneratedDataReachEveryPathOfTheRankTests()
    {
        var engine = Run("engine-paths", "parquet \"data/s.parquet\"", compute: true, parquet: true);

        Assert.True(engine.Exit == 0, engine.Error);
        var methods = Results(engine)["analyses"]!.AsArray().SelectMany(a => a!["compare"]?["rows"]?.AsArray() ?? [])
            .Select(r => r!["test"]!["method"]!.GetValue<string>()).ToArray();
        Assert.Contains(methods, m => m.Contains("exact; Hodges-Lehmann shift, exact", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Contains("normal approximation with continuity correction; Hodges-Lehmann shift, normal approximation", StringComparison.Ordinal));
        var missing = Results(engine)["analyses"]![0]!["describe"]!["variables"]!.AsArray();
        Assert.All(missing.Take(4), v => Assert.Matches("\"missing\":[1-9]", v!.ToJsonString()));
    }

    /// <summary>
    /// The report's analyses: from the first heading after the describe statement to the section that names the study
    /// file's SHA-256 (the identity and the data sources differ by design: the engine study says <c>compute in engine</c>).
    /// </summary>
    private static string Analysis(string report)
    {
        int start = report.IndexOf("## ", report.IndexOf("describe", StringComparison.Ordinal), StringComparison.Ordinal);
        int identity = report.IndexOf("SHA-256", start, StringComparison.Ordinal);
        int end = identity < 0 ? report.Length : report.LastIndexOf("\n## ", identity, StringComparison.Ordinal);
        Assert.True(end > start + 1000, "the report has its analyses before the study's identity");
        return report[start..end];
    }

    private RunRecord Run(string name, string from, bool compute, bool parquet = false, string formats = "json")
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var csv = Path.Combine(folder, "data", "s.csv");
        File.WriteAllText(csv, Data());
        if (parquet)
        {
            DataSourceRuns.WriteParquet(csv, Path.Combine(folder, "data", "s.parquet"));
        }

        var study = Path.Combine(folder, "engine.study");
        File.WriteAllText(study, StudyText(from, compute));
        var captured = new CapturedOutput();
        var output = Path.Combine(folder, "report");
        var exit = RunCommand.Execute(new RunRequest(study, output, formats, _temp.Combine("cache")), captured.Output);
        return new RunRecord(exit, output, captured.Out.ToString(), captured.Error.ToString());
    }

    /// <summary>
    /// 130 subjects, deliberately unsorted: arm A 30, B 25 (both below 50, so y's rank test is exact), C 60, and 15 in no
    /// arm; x is whole numbers 0–11 (ties) with every 7th missing; y has no ties and misses every 13th; level and flag miss every 9th and 11th.
    /// </summary>
    private static string Data()
    {
        var text = new StringBuilder("id,arm,x,y,level,flag\n");
        for (int i = 0; i < 130; i++)
        {
            int k = (i * 37) % 130;
            string arm = k < 30 ? "A" : k < 55 ? "B" : k < 115 ? "C" : "";
            string x = i % 7 == 3 ? "" : ((k * 5 + i) % 12 + (arm == "C" ? 2 : 0)).ToString(CultureInfo.InvariantCulture);
            string y = i % 13 == 6 ? "" : (Math.Round(Math.Sin(i + 1) * 100, 4) + (arm == "A" ? 15 : 0)).ToString("R", CultureInfo.InvariantCulture);
            string level = i % 9 == 4 ? "" : new[] { "lo", "mid", "hi" }[(k + (i / 3)) % 3];
            string flag = i % 11 == 5 ? "" : (k % 3 == 0 || (arm == "A" && i % 2 == 0)) ? "true" : "false";
            text.Append(CultureInfo.InvariantCulture, $"s{i:000},{arm},{x},{y},{level},{flag}\n");
        }

        return text.ToString();
    }

    private static string StudyText(string from, bool compute) => $$"""
        study EngineTables {
          title "Describe and compare in an engine"
          version "1.0"
        {{(compute ? "  compute in engine\n" : string.Empty)}}
          table subjects from {{from}} key id {
            id: text
            arm: category(A, B, C) optional
            x: number range 0.. optional
            y: number optional
            level: category(lo "Low", mid "Middle", hi "High") optional
            flag: bool optional
          }

          include "Arm known": arm is not missing

          groups {
            A "Arm A": arm == A
            B "Arm B": arm == B
            C "Arm C": arm == C
          }

          outcome X "Score": continuous x summary median
          outcome Y "Marker": continuous y summary mean

        {{Analyses}}
          report "report" formats json
        }
        """;

    private static JsonNode Results(RunRecord run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")))!;
}
