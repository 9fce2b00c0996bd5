using System;
using System.IO;
using System.Linq;
using ProtocolLang.Cli.Commands;
using ProtocolLang.Cli.Diff;

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
    public void OneChangedBaselineCkChangesOnlyTheSubjectsFileHashAndTheCkAnalyses()
    {
        var report = Compare(_runs.Cold, _runs.Changed);

        Assert.Equal("data/subjects.csv (table subjects)", Assert.Single(report.Hashes).Label);
        Assert.Empty(report.GroupSizes);
        Assert.Empty(report.Flow);
        Assert.Empty(report.AddedAnalyses);
        Assert.Empty(report.RemovedAnalyses);
        Assert.Empty(report.PValueCrossings);

        // Only the describe table (analysis 1, which lists CK), the CK table (analysis 2), "compare CK" (analysis 3)
        // and CK's box plot (figures[0], the NXP2+ JDM box) move.
        var outside = report.Changes
            .Where(c => c.Path != "dataFiles[0].sha256" && !c.Path.StartsWith("analyses[0].", StringComparison.Ordinal)
                && !c.Path.StartsWith("analyses[1].", StringComparison.Ordinal) && !c.Path.StartsWith("analyses[2].", StringComparison.Ordinal)
                && !c.Path.StartsWith("figures[0].box.groups[0].", StringComparison.Ordinal))
            .Select(c => c.Path)
            .ToArray();
        Assert.Empty(outside);
        Assert.Contains(report.Changes, c => c.Path == "dataFiles[0].sha256");
        Assert.StartsWith("describe CK by group", report.AnalysisAt("analyses[1].describe.variables[0].continuous[0].geometricMean")!.Source, StringComparison.Ordinal);
        Assert.StartsWith("compare CK:", report.AnalysisAt("analyses[2].compare.rows[0].test.pValue")!.Source, StringComparison.Ordinal);

        // In the describe table, only the CK variable's rows move, and the NXP2+ JDM median is the one recomputed by hand.
        Assert.All(report.Changes.Where(c => c.Path.StartsWith("analyses[0].", StringComparison.Ordinal)),
            c => Assert.StartsWith("analyses[0].describe.variables[2].", c.Path, StringComparison.Ordinal));
        var median = Assert.Single(report.Changes, c => c.Path == "analyses[0].describe.variables[2].continuous[0].median");
        Assert.Equal("3792", median.Old!.ToJsonString());
        Assert.Equal("2675", median.New!.ToJsonString());
    }

    [Fact]
    public void TheDiffCommandPrintsMarkdownAndExitsOneWhenSomethingChanged()
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(_runs.Cold.OutputDirectory, _runs.Changed.OutputDirectory, DiffCommand.DefaultTolerance, captured.Output);

        Assert.Equal(1, exit);
        var text = captured.Out.ToString();
        Assert.Contains("## Study and data files", text, StringComparison.Ordinal);
        Assert.Contains("| `analyses[0].describe.variables[2].continuous[0].median` | 3792 | 2675 | -29.4568% |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## Group sizes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingResultsFileIsAUsageError()
    {
        var captured = new CapturedOutput();

        var exit = DiffCommand.Execute(_runs.Cold.OutputDirectory, "no/such/folder", DiffCommand.DefaultTolerance, captured.Output);

        Assert.Equal(ExitCodes.Usage, exit);
    }

    private static ResultsDiffReport Compare(RunRecord old, RunRecord @new) =>
        ResultsDiff.Compare(
            ResultsFiles.Read(Path.Combine(old.OutputDirectory, "results.json")),
            ResultsFiles.Read(Path.Combine(@new.OutputDirectory, "results.json")),
            DiffCommand.DefaultTolerance);
}
