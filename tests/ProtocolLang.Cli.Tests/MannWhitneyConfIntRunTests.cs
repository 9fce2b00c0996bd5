using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// <c>using mann_whitney no_conf_int</c> end to end: R's <c>wilcox.test</c> without <c>conf.int = TRUE</c> gives the
/// same W and p as with it (the interval is computed after the test, from the same ranks), so the run must write the
/// same statistic and p-value as the plain statement and no Hodges-Lehmann estimate, limits or level; the report drops
/// the estimate column and says the shift was not requested.
/// </summary>
public sealed class MannWhitneyConfIntRunTests : IDisposable
{
    // Each compare is run on both paths: 70 per group (normal approximation, with ties) and, through
    // `where`, 12 per group without ties (the exact path).
    private const string Study = """
        study RankSum {
          table subjects from "ranks.csv" key id {
            id: text
            arm: category(A, B)
            y: number
            small: bool
            untied: number
          }
          groups {
            A "Arm A": arm == A
            B "Arm B": arm == B
          }
          outcome Y: continuous y summary median
          outcome Untied: continuous untied summary median
          compare Y: A vs B using mann_whitney as with_ci
          compare Y: A vs B using mann_whitney no_conf_int as without_ci
          compare Y: A vs B using mann_whitney approximate no_correct as with_ci_no_correct
          compare Y: A vs B using mann_whitney no_correct approximate no_conf_int as without_ci_no_correct
          compare Untied: A vs B where small using mann_whitney as exact_with_ci
          compare Untied: A vs B where small using mann_whitney no_conf_int as exact_without_ci
          report "out" formats json, markdown
        }

        """;

    private readonly TempFolder _temp = new();

    private readonly Lazy<(JsonNode Results, string Report)> _run;

    public MannWhitneyConfIntRunTests() => _run = new Lazy<(JsonNode, string)>(Run);

    [Theory]
    [InlineData("with_ci", "without_ci")]
    [InlineData("with_ci_no_correct", "without_ci_no_correct")]
    [InlineData("exact_with_ci", "exact_without_ci")]
    public void NoConfIntGivesTheSameWAndPAndNoHodgesLehmannEstimate(string withCi, string withoutCi)
    {
        JsonNode with = Row(withCi);
        JsonNode without = Row(withoutCi);

        Assert.Equal((double)with["test"]!["statistic"]!, (double)without["test"]!["statistic"]!);
        Assert.Equal((double)with["test"]!["pValue"]!, (double)without["test"]!["pValue"]!);
        Assert.NotNull(with["test"]!["estimate"]);
        Assert.NotNull(with["test"]!["confidenceLow"]);
        foreach (string field in new[] { "estimateName", "estimate", "confidenceLow", "confidenceHigh", "confidenceLevel" })
        {
            Assert.Null(without["test"]![field]);
        }

        Assert.DoesNotContain("Hodges-Lehmann", (string)without["test"]!["method"]!, StringComparison.Ordinal);
        Assert.Contains("no_conf_int", Compare(withoutCi)["testOptions"]!.AsArray().Select(o => (string)o!));
    }

    [Fact]
    public void TheExactPathRunsForTheSmallUntiedGroups()
    {
        Assert.Contains("exact", (string)Row("exact_without_ci")["test"]!["method"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("approximation", (string)Row("exact_without_ci")["test"]!["method"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportSaysTheShiftWasNotRequestedAndHasNoEstimateColumnForIt()
    {
        string report = _run.Value.Report;

        Assert.Contains("Hodges-Lehmann shift not requested", report, StringComparison.Ordinal);

        // Three compares have the shift, three do not: one estimate column per table that has one, named in its header.
        Assert.Equal(3, CountOf(report, "Location shift (Hodges-Lehmann) (95% CI)"));
    }

    public void Dispose() => _temp.Dispose();

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private JsonNode Compare(string id)
    {
        JsonNode? analysis = _run.Value.Results["analyses"]!.AsArray().SingleOrDefault(a => (string)a!["id"]! == id);
        Assert.True(analysis is not null, "no analysis " + id);
        Assert.Equal("ok", (string)analysis["status"]!);
        return analysis["compare"]!;
    }

    private JsonNode Row(string id)
    {
        JsonNode row = Assert.Single(Compare(id)["rows"]!.AsArray())!;
        Assert.Equal("ok", (string)row["status"]!);
        return row;
    }

    private (JsonNode Results, string Report) Run()
    {
        string folder = _temp.Combine("ranks");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ranks.csv"), Csv());
        File.WriteAllText(Path.Combine(folder, "ranks.study"), Study);
        var captured = new CapturedOutput();
        int exit = RunCommand.Execute(new RunRequest(Path.Combine(folder, "ranks.study"), Path.Combine(folder, "out"), "json,markdown", _temp.Combine("cache")), captured.Output);
        Assert.True(exit == ExitCodes.Success, captured.Error.ToString());
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")))!, File.ReadAllText(Path.Combine(folder, "out", "report.md")));
    }

    /// <summary>70 subjects per arm; y on a half-unit grid (many ties), B shifted up; untied distinct in the first 12 of each arm.</summary>
    private static string Csv()
    {
        var csv = new StringBuilder("id,arm,y,small,untied\n");
        for (int i = 0; i < 140; i++)
        {
            bool a = i % 2 == 0;
            int k = i / 2;
            double y = a ? ((k * 7) % 23) / 2.0 : (((k * 11) % 19) + 3) / 2.0;
            double untied = a ? (k * 1.37) + 0.11 : (k * 1.41) + 2.05;
            csv.Append(CultureInfo.InvariantCulture, $"s{i},{(a ? "A" : "B")},{y:R},{(k < 12 ? "true" : "false")},{untied:R}\n");
        }

        return csv.ToString();
    }
}
