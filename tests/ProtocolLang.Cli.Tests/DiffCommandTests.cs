using System;
using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

public sealed class DiffCommandTests : IClassFixture<ExampleRuns>
{
    private readonly ExampleRuns _runs;

    public DiffCommandTests(ExampleRuns runs)
    {
        _runs = runs;
    }

    [Fact]
    public void DiffOfARunWithItselfReportsNoChangeAndExitsZero()
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(_runs.Cold.OutputDirectory, Path.Combine(_runs.Warm.OutputDirectory, "results.json"), DiffCommand.DefaultTolerance, captured.Output);

        Assert.Equal(0, exit);
        Assert.EndsWith("No changes.\n", captured.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDiffCommandPrintsMarkdownInEstimatesAndExitsOneWhenSomethingChanged()
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(_runs.Cold.OutputDirectory, _runs.Changed.OutputDirectory, DiffCommand.DefaultTolerance, captured.Output);

        Assert.Equal(1, exit);
        var text = captured.Out.ToString();
        Assert.Contains("## Data", text, StringComparison.Ordinal);
        Assert.Contains("| Creatine kinase (U/L), NXP2+ JDM | median [Q1, Q3] | 3792 [1626, 6402] | 2675 [1288, 5626] |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("analyses[", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## Subject flow", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingResultsFileIsAUsageErrorThatNamesThePath()
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(_runs.Cold.OutputDirectory, "no/such/folder", DiffCommand.DefaultTolerance, captured.Output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("protocollang: no results.json at no/such/folder\n", captured.Error.ToString());
    }

    [Theory]
    [InlineData("pdf", "--format must be md, html or json, not 'pdf'")]
    [InlineData("md", "--old-data: no folder no/such/data")]
    public void ABadOptionIsAUsageErrorThatSaysWhatWasExpected(string format, string message)
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(
            new DiffRequest(_runs.Cold.OutputDirectory, _runs.Changed.OutputDirectory, Format: format, OldData: format == "md" ? "no/such/data" : null),
            captured.Output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("protocollang: " + message + "\n", captured.Error.ToString());
        Assert.Empty(captured.Out.ToString());
    }

    [Fact]
    public void ResultsThatAreNotJsonAreAUsageErrorNamingTheFile()
    {
        using var temp = new TempFolder();
        var broken = temp.Combine("results.json");
        File.WriteAllText(broken, "{ not json");
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(_runs.Cold.OutputDirectory, broken, DiffCommand.DefaultTolerance, captured.Output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("protocollang: " + broken + ": not valid JSON: ", captured.Error.ToString(), StringComparison.Ordinal);
    }
}
