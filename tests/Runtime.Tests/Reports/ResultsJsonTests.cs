using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class ResultsJsonTests
{
    [Fact]
    public void ResultsJsonRoundTripsToTheSameText()
    {
        using var folder = new StudyFolder();
        StudyResults results = SmallStudy.Run(folder.Options());
        string json = ResultsJson.Serialize(results);

        StudyResults read = ResultsJson.Deserialize(json);

        Assert.Equal(json, ResultsJson.Serialize(read));
        Assert.Equal(results.Analyses[1].Compare!.Rows[0].Test!.PValue, read.Analyses[1].Compare!.Rows[0].Test!.PValue);
    }

    [Fact]
    public void ResultsJsonStartsWithTheSchemaVersionAndUsesCamelCase()
    {
        using var folder = new StudyFolder();
        string json = ResultsJson.Serialize(SmallStudy.Run(folder.Options()));

        Assert.StartsWith("{\n  \"schemaVersion\": \"1\",\n  \"tool\": {\n    \"name\": \"ProtocolLang\",", json, StringComparison.Ordinal);
        Assert.Contains("\"rowsRead\": 22", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DoublesRoundTripExactlyAndUndefinedValuesAreNull()
    {
        var cell = new ContinuousCell("Gamma", 1, 0, 0.1 + 0.2, double.NaN, 72, 72, 72, 72, 72);
        var results = Minimal() with
        {
            Analyses = new[]
            {
                new AnalysisResult(1, "a_describe", "describe", "describe x by group", ResultStatus.Ok, null, null, null, Array.Empty<WarningResult>(),
                    new DescribeResult(Array.Empty<DescribeColumn>(), new[] { new DescribeVariable("x", "X", null, "continuous", "mean", Continuous: new[] { cell }) })),
            },
        };

        string json = ResultsJson.Serialize(results);

        Assert.Contains("\"mean\": 0.30000000000000004", json, StringComparison.Ordinal);
        Assert.Contains("\"sd\": null", json, StringComparison.Ordinal);
        ContinuousCell read = ResultsJson.Deserialize(json).Analyses[0].Describe!.Variables[0].Continuous![0];
        Assert.Equal(0.1 + 0.2, read.Mean);
        Assert.True(double.IsNaN(read.Sd));
    }

    [Fact]
    public void InfiniteConfidenceLimitsAreWrittenAsNamedValuesAndReadBack()
    {
        var outcome = new TestOutcome("Fisher", "a", 3, null, 0.2, "odds ratio", double.PositiveInfinity, 0.5, double.PositiveInfinity);
        var row = new ComparisonRow("x", "X", null, new[] { "A", "B" }, ResultStatus.Ok, null, Array.Empty<GroupSummary>(), outcome, null, Array.Empty<WarningResult>());
        var results = Minimal() with
        {
            Analyses = new[]
            {
                new AnalysisResult(1, "a_compare", "compare", "compare x: A vs B using fisher", ResultStatus.Ok, null, null, null, Array.Empty<WarningResult>(),
                    Compare: new CompareResult("fisher", "two_groups", new AdjustmentResult("none", "-"), new[] { row })),
            },
        };

        string json = ResultsJson.Serialize(results);

        Assert.Contains("\"confidenceHigh\": \"Infinity\"", json, StringComparison.Ordinal);
        Assert.Equal(double.PositiveInfinity, ResultsJson.Deserialize(json).Analyses[0].Compare!.Rows[0].Test!.ConfidenceHigh);
    }

    [Fact]
    public void TwoRunsWriteByteIdenticalFiles()
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(folder.Options("first"));
        SmallStudy.Run(folder.Options("second"));

        foreach (string file in new[] { "report.md", "results.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Output("first"), file)), File.ReadAllBytes(Path.Combine(folder.Output("second"), file)));
        }
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    public void OutputsAreByteIdenticalUnderAnyCurrentCulture(string culture)
    {
        using var folder = new StudyFolder();
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo savedUi = CultureInfo.CurrentUICulture;
        SmallStudy.Run(folder.Options("invariant"));
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            SmallStudy.Run(folder.Options("local"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }

        foreach (string file in new[] { "report.md", "results.json" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(folder.Output("invariant"), file)), File.ReadAllText(Path.Combine(folder.Output("local"), file)));
        }
    }

    [Fact]
    public void FilesAreUtf8WithoutByteOrderMarkWithLfAndNoAbsolutePaths()
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(folder.Options());

        foreach (string file in new[] { "report.md", "results.json" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(folder.Output("out"), file));
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, $"{file} starts with a BOM");
            string text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            Assert.DoesNotContain(folder.Directory, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Environment.MachineName, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DeclaredFormatsAndOutputFolderAreUsedWhenOptionsGiveNone()
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(new StudyRunOptions { StudyDirectory = folder.Directory });

        Assert.Equal(new[] { "problems.txt", "report.md", "results.json" }, ReportFiles(folder.Output("report")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OnlyTheFormatsAskedForAreWritten()
    {
        using var folder = new StudyFolder();
        StudyResults results = SmallStudy.Run(folder.Options("json", ReportFormat.Json, ReportFormat.Html));

        Assert.Equal(new[] { "problems.txt", "report.html", "results.json" }, ReportFiles(folder.Output("json")).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(folder.Output("json"), "report.md")));
        Assert.True(Directory.Exists(Path.Combine(folder.Output("json"), "figures")), "the HTML report also writes its figures");
        Assert.Equal(new (string, string?, string)[] { ("json", "results.json", ResultStatus.Ok), ("html", "report.html", ResultStatus.Ok) }, results.Reports.Select(r => (r.Format, r.File, r.Status)));
    }

    [Fact]
    public void JsonAloneWritesNoFigures()
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(folder.Options("json", ReportFormat.Json));

        Assert.Equal(new[] { "problems.txt", "results.json" }, ReportFiles(folder.Output("json")).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(folder.Output("json"), "figures")));
    }

    /// <summary>The report files in a folder, without the manifest of what the tool wrote (tested in ReportFolderTests).</summary>
    private static string[] ReportFiles(string folder) =>
        Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Where(n => n != ReportFolder.ManifestFile).ToArray();

    private static StudyResults Minimal() => new(
        StudyResults.CurrentSchemaVersion,
        new ToolInfo("ProtocolLang", "0.1.0"),
        new StudyIdentity("S", null, null, "s.study", "00"),
        Array.Empty<DataFileResult>(),
        new ProblemsResult(0, Array.Empty<ProblemResult>()),
        new FlowResult(Array.Empty<TableFlow>(), null),
        Array.Empty<AnalysisResult>(),
        Array.Empty<ReportOutput>());
}
