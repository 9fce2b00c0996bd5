using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>
/// Child-table aggregates against R on simulated visits (tests/Reference/r/child_aggregates.R): rows shuffled,
/// ties in week within a subject, missing scores, subjects without visits. Sums and means of at most six values
/// agree to 1e-12 relative; everything else exactly.
/// </summary>
public sealed class ChildAggregatesAgainstRTests
{
    private const double Tolerance = 1e-12;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("child_aggregates");

    private sealed record Visit(string Id, double Week, double? Score, double Ck);

    private static (ChildRowsBySubject<Visit> Grouped, System.Text.Json.JsonElement Case) Load()
    {
        var c = Fixture.Case("simulated_visits");
        var subjects = ReferenceFixture.Numbers(c, "subjects").Select(Key).ToArray();
        var id = ReferenceFixture.Numbers(c, "id");
        var week = ReferenceFixture.Numbers(c, "week");
        var score = ReferenceFixture.Numbers(c, "score");
        var ck = ReferenceFixture.Numbers(c, "ck");
        var visits = id.Select((s, i) => new Visit(Key(s), week[i], double.IsNaN(score[i]) ? null : score[i], ck[i])).ToArray();
        return (ChildAggregates.Group(subjects, s => s, visits, v => v.Id), c);
    }

    private static string Key(double id) => ((int)id).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertAgree(System.Text.Json.JsonElement c, string quantity, double?[] actual)
    {
        var expected = ReferenceFixture.Numbers(c, quantity);
        Assert.Equal(expected.Length, actual.Length);
        for (var s = 0; s < expected.Length; s++)
        {
            if (double.IsNaN(expected[s]))
            {
                Assert.True(actual[s] is null, $"{quantity} of subject {s + 1}: R gives NA, found {actual[s]}");
            }
            else
            {
                Assert.True(actual[s] is not null, $"{quantity} of subject {s + 1}: R gives {expected[s]}, found missing");
                ReferenceFixture.AssertClose(expected[s], actual[s]!.Value, Tolerance, quantity + " of subject " + (s + 1));
            }
        }
    }

    private static double?[] AsNumbers(bool?[] values) => values.Select(v => v is null ? (double?)null : v.Value ? 1 : 0).ToArray();

    [Fact]
    public void FirstAndLastByWeekAgreeWithAStableOrderInR()
    {
        var (grouped, c) = Load();

        AssertAgree(c, "first_score", grouped.First<double>(v => v.Week, null, v => v.Score));
        AssertAgree(c, "last_score_by_12", grouped.Last<double>(v => v.Week, v => v.Week <= 12, v => v.Score));
    }

    [Fact]
    public void SummariesAgreeWithRsDefaultNaRmFalse()
    {
        var (grouped, c) = Load();

        AssertAgree(c, "mean_score", grouped.Mean(null, v => v.Score));
        AssertAgree(c, "mean_known_score", grouped.Mean(v => v.Score is not null, v => v.Score));
        AssertAgree(c, "min_ck", grouped.Min(null, v => v.Ck));
        AssertAgree(c, "max_ck_after_0", grouped.Max(v => v.Week > 0, v => v.Ck));
        AssertAgree(c, "sum_ck", grouped.Sum(null, v => v.Ck));
    }

    [Fact]
    public void CountsAndThreeValuedAnyAndAllAgreeWithR()
    {
        var (grouped, c) = Load();

        AssertAgree(c, "count_rows", grouped.Count(null).Select(n => (double?)n).ToArray());
        AssertAgree(c, "count_scores", grouped.Count(v => v.Score is not null).Select(n => (double?)n).ToArray());
        AssertAgree(c, "any_high_ck", AsNumbers(grouped.Any(null, v => v.Ck > 1000)));
        AssertAgree(c, "any_score_over_45", AsNumbers(grouped.Any(null, v => v.Score is { } s ? s > 45 : null)));
        AssertAgree(c, "all_score_over_20", AsNumbers(grouped.All(null, v => v.Score is { } s ? s > 20 : null)));
    }
}
