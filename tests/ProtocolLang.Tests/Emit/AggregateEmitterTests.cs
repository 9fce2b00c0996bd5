using System;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>Child-table aggregates in subject-level derives (issue 12, item 5) as generated C#.</summary>
public class AggregateEmitterTests
{
    /// <summary>A two-arm trial with weekly visits: every aggregate kind, with and without 'where' and 'over'.</summary>
    internal const string Trial = """
        study Trial {
          table subjects from "subjects.csv" key id {
            id: integer
            arm: category(placebo, active)
          }
          table visits from "visits.csv" of subjects by id {
            id: integer
            week: integer
            day: date optional
            score: number optional
            ck: number
            arm_seen: category(placebo, active) optional
            note: text optional
            derive ck_k = ck / 1000
          }
          derive score0 = first(visits.score where week == 0)
          derive change12 = last(visits.score where week <= 12) - score0
          derive last_day_score = last(visits.score over day)
          derive first_arm = first(visits.arm_seen)
          derive last_note = last(visits.note)
          derive n_visits = count(visits where score is not missing)
          derive n_scores = count(visits.score)
          derive n_rows = count(visits)
          derive ever_high = any(visits.ck > 1000)
          derive always_low = all(visits.ck < 200 where week > 0)
          derive peak = max(visits.ck)
          derive trough = min(visits.ck)
          derive mean_score = mean(visits.score where score is not missing)
          derive total = sum(visits.ck) / 1000
          derive mean_ck_k = mean(visits.ck_k where ck_k is not missing)
          derive any_over_one = if count(visits) > 0 then any(visits.ck_k > 1) else missing
          include "Has a baseline score": score0 is not missing
          groups {
            High "Ever high CK": ever_high
            Low "Never high CK": not ever_high
          }
          outcome Score: repeated visits.score over week
          outcome Change: continuous change12
          describe Change, n_visits, peak by group
        }
        """;

    [Fact]
    public void TheTrialWithAggregatesEmitsTheGoldenCode()
    {
        Golden.Verify(CSharpEmitter.Emit(TestStudies.BindClean(Trial, "trial.study")), "tests", "ProtocolLang.Tests", "Emit", "Golden", "Aggregates.g.cs.expected");
    }

    [Fact]
    public void EveryAggregateKindCompilesAgainstTheRuntime()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(Trial, "trial.study"));

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
    }

    [Fact]
    public void AggregatesAreComputedOnceBeforeTheCohortAndTheChildRowsAreReadOnce()
    {
        var code = GeneratedCodeText.Unqualified(CSharpEmitter.Emit(TestStudies.BindClean(Trial, "trial.study")));

        Assert.Contains("var visitsRows = ReadVisits(run.Table(\"visits\"));", code, StringComparison.Ordinal);
        Assert.Contains("run.Cohort(AddAggregates(ReadSubjects(run.Table(\"subjects\")), visitsRows), ", code, StringComparison.Ordinal);
        Assert.Contains("run.Children(\"visits\", visitsRows, ", code, StringComparison.Ordinal);
        Assert.Contains("public double? Score0 => Aggregate1;", code, StringComparison.Ordinal);
        Assert.Contains("public double? Change12 => Aggregate2 - Score0;", code, StringComparison.Ordinal);
        Assert.Contains("var aggregate1 = visitsBySubject.First<double>(r => (double?)r.Week, r => Fn.Eq<double>(r.Week, 0.0), r => r.Score);", code, StringComparison.Ordinal);
        Assert.Contains("visitsBySubject.Last<double>(r => (double?)r.Day?.DayNumber, null, r => r.Score)", code, StringComparison.Ordinal);
        Assert.Contains("visitsBySubject.Count(r => r.Score is not null)", code, StringComparison.Ordinal);
        Assert.Contains("visitsBySubject.Count(null)", code, StringComparison.Ordinal);
        Assert.Contains("visitsBySubject.LastText(", code, StringComparison.Ordinal);
        Assert.Contains("visitsBySubject.Mean(r => !Fn.IsMissing(r.CkK), r => r.CkK)", code, StringComparison.Ordinal);
        Assert.Contains("public bool? AnyOverOne => Fn.If<bool>(Fn.Gt(Aggregate16, 0.0), Aggregate17, null);", code, StringComparison.Ordinal);
        Assert.Contains("visitsBySubject.All(r => Fn.Gt(r.Week, 0.0), r => Fn.Lt(r.Ck, 200.0))", code, StringComparison.Ordinal);
    }

    [Fact]
    public void AStudyWithoutAggregatesEmitsNoAggregateCode()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(TestStudies.ReadExample(), "nxp2_jdm.study"));

        Assert.DoesNotContain("AddAggregates", code, StringComparison.Ordinal);
        Assert.DoesNotContain("ChildAggregates", code, StringComparison.Ordinal);
    }
}
