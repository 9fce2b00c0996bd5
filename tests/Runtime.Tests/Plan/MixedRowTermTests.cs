using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>A mixed-model term over the repeated outcome's rows (<see cref="TermFactorKind.RowCovariate"/>): aligned rows, missing values, misuse.</summary>
public sealed class MixedRowTermTests
{
    private static (StudyRun Run, ChildRows<VisitRow> Visits) Start(StudyFolder folder)
    {
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        return (run, run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, subjects));
    }

    private static MixedModelSpec Spec(RepeatedVariable response, TermFactor term) => new(response, ResponseTransform.None,
        new ModelTerm[] { new([new("group", TermFactorKind.Group)]), new([term]) }, [new RandomEffect("id", true, null)], null, Reml: true);

    [Fact]
    public void ARowTermEqualToTheTimeFitsTheSameModelAsTheTime()
    {
        using var folder = new StudyFolder();
        var (run, visits) = Start(folder);
        var course = Variables.Repeated(visits, "Course", "Value", null, "month", r => r.Value, r => r.Month);
        var doubled = Variables.Repeated(visits, "month * 2", "month * 2", null, "month", r => r.Month * 2.0, r => r.Month);

        run.MixedModel("time", Spec(course, new TermFactor("month", TermFactorKind.Time)));
        run.MixedModel("row term", Spec(course, new TermFactor("month * 2", TermFactorKind.RowCovariate, doubled)));

        MixedModelResult time = run.Analyses[0].Mixed!, row = run.Analyses[1].Mixed!;
        Assert.Equal(ResultStatus.Ok, run.Analyses[1].Status);
        Assert.Equal(["(Intercept)", "groupBeta", "month * 2"], row.FixedEffects.Select(f => f.Term));
        // Doubling a covariate halves its slope and leaves the fit as it was (the REML log-likelihood moves by log(2),
        // its log|X'V⁻¹X| term, so the residual SD is compared instead).
        Assert.Equal(time.FixedEffects[2].Estimate / 2, row.FixedEffects[2].Estimate, 1e-9);
        Assert.Equal(time.FixedEffects[2].PValue, row.FixedEffects[2].PValue, 1e-9);
        Assert.Equal(time.Fit.Sigma, row.Fit.Sigma, 1e-6 * time.Fit.Sigma); // both optima to the optimiser's tolerance
    }

    [Fact]
    public void RowsWithoutAValueOfTheTermAreLeftOutAndCounted()
    {
        using var folder = new StudyFolder();
        var (run, visits) = Start(folder);
        var course = Variables.Repeated(visits, "Course", "Value", null, "month", r => r.Value, r => r.Month);
        var logMonth = Variables.Repeated(visits, "log(month)", "log(month)", null, "month", r => r.Month > 0 ? Math.Log(r.Month) : null, r => r.Month);

        run.MixedModel("log month", Spec(course, new TermFactor("log(month)", TermFactorKind.RowCovariate, logMonth)));

        // The small study has too few rows left to fit (reported as not estimable); the rows left out are said either way.
        AnalysisResult analysis = run.Analyses.Single();
        int monthZero = course.Times.ToArray().Count(t => t == 0);
        Assert.True(monthZero > 0);
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.MixedRowsLeftOut
            && w.Message.Contains($"({monthZero} with a missing log(month))", StringComparison.Ordinal));
    }

    [Fact]
    public void ARowTermOverOtherRowsFailsTheAnalysisInsteadOfMisfitting()
    {
        using var folder = new StudyFolder();
        var (run, visits) = Start(folder);
        var course = Variables.Repeated(visits, "Course", "Value", null, "month", r => r.Value, r => r.Month);
        var fewer = Variables.Repeated(visits, "month", "month", null, "month", r => r.Month, r => r.Month, r => r.Month > 0, "month > 0");

        run.MixedModel("misaligned", Spec(course, new TermFactor("month", TermFactorKind.RowCovariate, fewer)));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.Failed, analysis.Status);
        Assert.Contains(analysis.Warnings, w => w.Message.Contains("is not over the rows of 'Course'", StringComparison.Ordinal));
    }
}
