using System;
using System.IO;
using System.Text.Json.Nodes;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Schema;

/// <summary>Real results files validate against docs/results.schema.json, and the schema rejects what it should.</summary>
public sealed class ResultsSchemaValidationTests
{
    [Theory]
    [InlineData("examples/Nxp2Jdm/report/results.json")]
    [InlineData("tests/Runtime.Tests/Reports/Golden/small_cohort.results.json.expected")]
    public void CommittedResultsValidate(string relativePath)
    {
        AssertValid(File.ReadAllText(ResultsSchema.RepositoryFile(relativePath)));
    }

    [Fact]
    public void AFreshRunOfTheSmallStudyValidates()
    {
        using var folder = new StudyFolder();
        AssertValid(ResultsJson.Serialize(SmallStudy.Run(folder.Options("out", ReportFormat.Json))));
    }

    [Fact]
    public void AFreshRunOfTheExamplePlanValidates()
    {
        using var output = new Reports.TemporaryDirectory();
        var results = Reports.Nxp2Jdm.Nxp2JdmStudy.Run(new StudyRunOptions
        {
            StudyDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "Nxp2Jdm"),
            OutputDirectory = output.Path,
            Formats = new[] { ReportFormat.Json },
        });

        AssertValid(ResultsJson.Serialize(results));
    }

    [Theory]
    [InlineData("rename a field", "\"rowsRead\": 67", "\"rowsReadTotal\": 67")]
    [InlineData("add a field", "\"kept\": 62", "\"kept\": 62, \"dropped\": 5")]
    [InlineData("shorten a hash", "\"sha256\": \"683c20d8", "\"sha256\": \"83c20d8")]
    [InlineData("upper-case a hash", "\"sha256\": \"683c20d8", "\"sha256\": \"683C20D8")]
    [InlineData("change the version", "\"schemaVersion\": \"1\"", "\"schemaVersion\": \"2\"")]
    [InlineData("invent a status", "\"status\": \"ok\"", "\"status\": \"fine\"")]
    [InlineData("write a number as text", "\"n\": 18", "\"n\": \"18\"")]
    public void TheSchemaRejectsAChangedShape(string change, string from, string to)
    {
        string json = File.ReadAllText(ResultsSchema.RepositoryFile("examples/Nxp2Jdm/report/results.json"));
        Assert.Contains(from, json, StringComparison.Ordinal);
        string changed = ReplaceFirst(json, from, to);

        Assert.True(ResultsSchema.Validate(changed).Count > 0, $"The schema accepted the results after we {change}.");
    }

    [Fact]
    public void UndefinedAndInfiniteNumbersAreAcceptedWhereNumbersAre()
    {
        string json = File.ReadAllText(ResultsSchema.RepositoryFile("examples/Nxp2Jdm/report/results.json"));
        var node = JsonNode.Parse(json)!;
        var cell = node["analyses"]![0]!["describe"]!["variables"]![0]!["continuous"]![0]!;
        cell["sd"] = null;
        cell["max"] = "Infinity";
        AssertValid(node.ToJsonString());

        cell["max"] = "infinite";
        Assert.NotEmpty(ResultsSchema.Validate(node.ToJsonString()));
    }

    private static void AssertValid(string json)
    {
        var errors = ResultsSchema.Validate(json);
        Assert.True(errors.Count == 0, "results.json does not match the schema:\n" + string.Join("\n", errors));
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }
}
