using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Studies.Nxp2Jdm;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The example's CK comparisons, run through the code the generator writes for the .study file,
/// equal R's default <c>wilcox.test(x, y, conf.int = TRUE)</c> on the example's data: the R
/// reference tests/Runtime.Tests/Reference/compare_options.expected.json ("ck_default_*"), written
/// by tests/Reference/r/compare_options.R. Relative tolerance 1e-6.
/// </summary>
public sealed class Nxp2JdmCompareAgainstRTests : IDisposable
{
    private const double Tolerance = 1e-6;
    private readonly string _output = Path.Combine(Path.GetTempPath(), "pl-nxp2-r-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void CkComparisonsEqualWilcoxTestWithConfIntInR()
    {
        StudyResults results = Nxp2JdmStudy.Run(new StudyRunOptions
        {
            StudyDirectory = RepositoryPaths.Combine("examples", "Nxp2Jdm"),
            OutputDirectory = _output,
            Formats = new[] { ReportFormat.Json },
        });
        using var fixture = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "Runtime.Tests", "Reference", "compare_options.expected.json")));
        var cases = fixture.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, StringComparer.Ordinal);

        AnalysisResult compare = results.Analyses.Single(a => a.Source == "compare CK: NXP2_JDM vs each using mann_whitney adjust holm");
        Assert.Equal(3, compare.Compare!.Rows.Count);
        foreach (ComparisonRow row in compare.Compare.Rows)
        {
            JsonElement r = cases["ck_default_" + row.Groups[1]];
            TestOutcome t = row.Test!;
            Assert.Equal("Wilcoxon rank sum exact test", r.GetProperty("method").GetString());
            Assert.StartsWith("Wilcoxon rank-sum (Mann-Whitney U), exact;", t.Method, StringComparison.Ordinal);
            Assert.Equal(Number(r, "statistic"), t.Statistic);
            Close(Math.Log(Number(r, "p_value")), Math.Log(t.PValue), "log p " + row.Groups[1]);
            Close(Number(r, "estimate"), t.Estimate!.Value, "shift " + row.Groups[1]);
            Close(Number(r, "conf_low"), t.ConfidenceLow!.Value, "low " + row.Groups[1]);
            Close(Number(r, "conf_high"), t.ConfidenceHigh!.Value, "high " + row.Groups[1]);
        }

        double[] holm = cases["ck_default_holm"].GetProperty("adjusted").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < holm.Length; i++)
        {
            Close(Math.Log(holm[i]), Math.Log(compare.Compare.Rows[i].AdjustedPValue!.Value), "log holm p " + i);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static double Number(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.String
            ? double.Parse(element.GetProperty(property).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : element.GetProperty(property).GetDouble();

    private static void Close(double expected, double actual, string quantity) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R}"));
}
