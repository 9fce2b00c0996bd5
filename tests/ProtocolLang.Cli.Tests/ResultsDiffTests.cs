using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Diff;

namespace ProtocolLang.Cli.Tests;

/// <summary>The diff rules on small hand-written results, independent of the runtime's schema.</summary>
public sealed class ResultsDiffTests
{
    private static ResultsDiffReport Diff(string old, string @new, double tolerance = 1e-9) =>
        ResultsDiff.Compare(JsonNode.Parse(old)!, JsonNode.Parse(@new)!, tolerance);

    [Fact]
    public void APValueThatCrossesPointZeroFiveIsNamedWithItsAnalysis()
    {
        var report = Diff(
            """{"analyses":[{"index":1,"source":"compare CK: A vs B using t_test","test":{"pValue":0.04}}]}""",
            """{"analyses":[{"index":1,"source":"compare CK: A vs B using t_test","test":{"pValue":0.06}}]}""");

        var crossing = Assert.Single(report.PValueCrossings);
        Assert.Equal("analyses[0].test.pValue", crossing.Change.Path);
        Assert.Equal("compare CK: A vs B using t_test", crossing.Analysis!.Source);
    }

    [Fact]
    public void APValueThatMovesOnTheSameSideOfPointZeroFiveIsAMoveNotACrossing()
    {
        var report = Diff("""{"p":{"pValue":0.01}}""", """{"p":{"pValue":0.02}}""");

        Assert.Empty(report.PValueCrossings);
        Assert.Equal(ChangeKind.Moved, Assert.Single(report.Changes).Kind);
    }

    [Fact]
    public void NumbersWithinTheRelativeToleranceAreEqual()
    {
        Assert.False(Diff("""{"x":1000.0}""", """{"x":1000.0000001}""", tolerance: 1e-9).HasChanges);
        Assert.True(Diff("""{"x":1000.0}""", """{"x":1000.01}""", tolerance: 1e-9).HasChanges);
        Assert.False(Diff("""{"x":1000.0}""", """{"x":1000.01}""", tolerance: 1e-3).HasChanges);
    }

    [Fact]
    public void AnAnalysisInsertedBeforeOthersIsOneAdditionNotAShiftOfEveryAnalysis()
    {
        var report = Diff(
            """{"analyses":[{"index":1,"source":"a","v":1},{"index":2,"source":"b","v":2}]}""",
            """{"analyses":[{"index":1,"source":"new","v":9},{"index":2,"source":"a","v":1},{"index":3,"source":"b","v":2}]}""");

        Assert.Equal("new", Assert.Single(report.AddedAnalyses).Source);
        Assert.Empty(report.RemovedAnalyses);
        Assert.Equal(
            ["analyses[0]", "analyses[1].index", "analyses[2].index"],
            report.Changes.Select(c => c.Path).ToArray());
    }

    [Fact]
    public void AnEditedAnalysisKeepsItsIdAndShowsItsEstimatesBeforeAndAfter()
    {
        var report = Diff(
            """{"analyses":[{"index":1,"id":"cox_relapse","source":"model cox Relapse ~ group","hr":1.5},{"index":2,"id":"km","source":"k","v":1}]}""",
            """{"analyses":[{"index":1,"id":"km","source":"k","v":1},{"index":2,"id":"cox_relapse","source":"model cox Relapse ~ group + age","hr":1.7}]}""");

        Assert.Empty(report.AddedAnalyses);
        Assert.Empty(report.RemovedAnalyses);
        Assert.Equal(
            ["analyses[0].index", "analyses[1].index", "analyses[1].source", "analyses[1].hr"],
            report.Changes.Select(c => c.Path).ToArray());
        Assert.Equal("cox_relapse", report.AnalysisAt("analyses[1].hr")!.Id);
    }

    [Fact]
    public void AnalysesWithDifferentIdsAreARemovalAndAnAdditionEvenWithTheSameText()
    {
        var report = Diff(
            """{"analyses":[{"index":1,"id":"a","source":"s","v":1}]}""",
            """{"analyses":[{"index":1,"id":"b","source":"s","v":1}]}""");

        Assert.Equal("b", Assert.Single(report.AddedAnalyses).Id);
        Assert.Equal("a", Assert.Single(report.RemovedAnalyses).Id);
    }

    [Fact]
    public void GroupSizesAndDataHashesAreSummarisedByName()
    {
        var report = Diff(
            """{"dataFiles":[{"table":"subjects","path":"data/s.csv","sha256":"aa"}],"flow":{"cohort":{"analysed":10,"groups":[{"name":"A","label":"Arm A","n":5},{"name":"B","label":"Arm B","n":5}]}}}""",
            """{"dataFiles":[{"table":"subjects","path":"data/s.csv","sha256":"bb"}],"flow":{"cohort":{"analysed":9,"groups":[{"name":"A","label":"Arm A","n":4},{"name":"B","label":"Arm B","n":5}]}}}""");

        var group = Assert.Single(report.GroupSizes);
        Assert.Equal(("Arm A", "5", "4"), (group.Label, group.Old, group.New));
        Assert.Equal("data/s.csv (table subjects)", Assert.Single(report.Hashes).Label);
        Assert.Equal("flow.cohort.analysed", Assert.Single(report.Flow).Path);
    }
}
