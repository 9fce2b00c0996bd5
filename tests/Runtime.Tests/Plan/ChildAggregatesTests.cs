using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Subject-level aggregates over a child table, on rows small enough to check by hand: deliberately not
/// sorted by week, with a tie in week, a missing score, a row of an unknown subject and a subject with no rows.
/// </summary>
public sealed class ChildAggregatesTests
{
    private sealed record Visit(string Id, double? Week, double? Score, bool? High, string? Note);

    private static readonly string[] Subjects = ["a", "b", "c", "d"];

    private static readonly Visit[] Visits =
    [
        new("a", 12, 30, false, "a12"),
        new("a", 0, 10, false, "a0"),
        new("x", 0, 99, true, "unknown subject"), // no such subject: ignored
        new("a", 4, 20, null, "a4"),
        new("b", 4, null, true, "b4"),
        new("b", 0, 5, false, "b0"),
        new("c", 8, 7, true, "c8 first in file"),
        new("c", 8, 9, true, "c8 second in file"),
        new("c", 2, 1, true, "c2"),
        new("c", null, 3, true, "c unknown week"),
    ];

    private static ChildRowsBySubject<Visit> Grouped() =>
        ChildAggregates.Group(Subjects, s => s, Visits, v => v.Id);

    [Fact]
    public void RowsAreLinkedToTheirSubjectAndRowsOfUnknownSubjectsAreLeftOut()
    {
        var grouped = Grouped();

        Assert.Equal(4, grouped.SubjectCount);
        Assert.Equal([3, 2, 4, 0], Enumerable.Range(0, 4).Select(grouped.RowCount));
    }

    [Fact]
    public void FirstAndLastFollowTheTimeColumnNotTheFileOrder()
    {
        var grouped = Grouped();
        Func<Visit, bool?> knownWeek = v => v.Week is not null;

        Assert.Equal([10, 5, 1, null], grouped.First<double>(v => v.Week, knownWeek, v => v.Score));
        Assert.Equal([30, null, 9, null], grouped.Last<double>(v => v.Week, knownWeek, v => v.Score));
    }

    [Fact]
    public void TiesInTheTimeColumnKeepFileOrder()
    {
        var grouped = Grouped();
        Func<Visit, bool?> weekEight = v => v.Week == 8;

        Assert.Equal("c8 first in file", grouped.FirstText(v => v.Week, weekEight, v => v.Note)[2]);
        Assert.Equal("c8 second in file", grouped.LastText(v => v.Week, weekEight, v => v.Note)[2]);
    }

    [Fact]
    public void AKeptRowWithAMissingTimeMakesFirstAndLastMissing()
    {
        var grouped = Grouped();

        // Subject c has a row of unknown week: its place in the order is unknown.
        Assert.Null(grouped.First<double>(v => v.Week, null, v => v.Score)[2]);
        Assert.Null(grouped.Last<double>(v => v.Week, null, v => v.Score)[2]);
        Assert.Equal(10, grouped.First<double>(v => v.Week, null, v => v.Score)[0]);
    }

    [Fact]
    public void WhereKeepsOnlyTheRowsItIsTrueFor()
    {
        var grouped = Grouped();

        // where week <= 4: a has weeks 0 and 4, b has 0 and 4 (score missing at 4), c has 2 (and one unknown week: left out).
        Func<Visit, bool?> early = v => v.Week is { } w ? w <= 4 : null;
        Assert.Equal([20, null, 1, null], grouped.Last<double>(v => v.Week, early, v => v.Score));
        Assert.Equal([2L, 2L, 1L, 0L], grouped.Count(early));
    }

    [Fact]
    public void MeanMinMaxAndSumAreMissingWhenAKeptValueIsMissingAsWithRsDefault()
    {
        var grouped = Grouped();

        // a: 30, 10, 20; b: missing, 5; c: 7, 9, 1, 3; d: no rows.
        Assert.Equal([20, null, 5, null], grouped.Mean(null, v => v.Score));
        Assert.Equal([10, null, 1, null], grouped.Min(null, v => v.Score));
        Assert.Equal([30, null, 9, null], grouped.Max(null, v => v.Score));
        Assert.Equal([60, null, 20, null], grouped.Sum(null, v => v.Score));

        // Skipping missing values is said in the protocol: where score is not missing.
        Assert.Equal(5, grouped.Mean(v => v.Score is not null, v => v.Score)[1]);
    }

    [Fact]
    public void ASubjectWithoutRowsGivesMissingExceptCountWhichGivesZero()
    {
        var grouped = Grouped();

        Assert.Null(grouped.Mean(null, v => v.Score)[3]);
        Assert.Null(grouped.First<double>(v => v.Week, null, v => v.Score)[3]);
        Assert.Null(grouped.Any(null, v => v.High)[3]);
        Assert.Null(grouped.All(null, v => v.High)[3]);
        Assert.Equal(0L, grouped.Count(null)[3]);
        Assert.Equal([3L, 2L, 4L, 0L], grouped.Count(null));
    }

    [Fact]
    public void AnyAndAllAreThreeValuedAsInR()
    {
        var grouped = Grouped();

        // a: false, false, NA -> any NA, all FALSE; b: true, false -> any TRUE, all FALSE; c: all true.
        Assert.Equal([null, true, true, null], grouped.Any(null, v => v.High));
        Assert.Equal([false, false, true, null], grouped.All(null, v => v.High));
    }

    [Fact]
    public void AnUndefinedComputedValueCountsAsMissing()
    {
        var grouped = Grouped();

        // score / 0 is an infinity in C#; as everywhere in the language it is missing, not +Inf.
        Assert.Equal([null, null, null, null], grouped.Mean(null, v => v.Score / 0));
        Assert.Null(grouped.First<double>(v => v.Week, v => v.Week is not null, v => v.Score / 0)[0]);
    }
}
