using System;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Schema;

namespace ProtocolLang.Runtime.Tests.Plan;

/// <summary>Degenerate designs are recorded as "not_estimable" with a PL5xxx warning, never an exception, and the results still validate.</summary>
public sealed class NotEstimableAnalysisTests
{
    [Fact]
    public void AConstantMixedModelResponseIsNotEstimableInsteadOfANonConvergenceException()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var visits = run.Children("visits", SmallStudy.ReadVisits(run.Table("visits")), r => r.Id, subjects);
        var constant = Variables.Repeated(visits, "Flat", "Flat", null, "month", _ => 5.0, r => r.Month);

        run.MixedModel("model mixed Flat ~ group * factor(month) + (1 | id)", new MixedModelSpec(constant, ResponseTransform.None,
            new ModelTerm[]
            {
                new(new TermFactor[] { new("group", TermFactorKind.Group) }),
                new(new TermFactor[] { new("month", TermFactorKind.TimeAsFactor) }),
            },
            new RandomEffect[] { new("id", true, null) }, new[] { "Alpha", "Beta" }, Reml: true));

        AnalysisResult analysis = run.Analyses.Single();
        Assert.Equal(ResultStatus.NotEstimable, analysis.Status);
        Assert.Null(analysis.Mixed);
        Assert.Contains(analysis.Warnings, w => w.Code == StatisticsWarnings.MixedResponseConstant);
        Assert.Contains("the response has the same value (5)", analysis.Reason, StringComparison.Ordinal);
        Assert.Empty(ResultsSchema.Validate(ResultsJson.Serialize(run.Complete())));
    }

    [Fact]
    public void ALogRankTestWithOneGroupIsNotEstimableAsSurvdiffRefusesIt()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, folder.Options(), new[] { ReportFormat.Json }, "report");
        var cohort = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);

        // Only Beta's subjects have a time: every other group's follow-up is missing.
        var relapse = Variables.TimeToEvent(cohort, "Relapse", "Relapse", "months", null, r => r.Arm == Arm.B ? r.Followup : null, r => r.Relapsed);
        run.LogRank("test logrank Relapse by group", relapse, 0, null);
        run.Cox("model cox Relapse ~ group", new CoxSpec(relapse, new CoxTerm[] { new(null, null) }, TiesMethod.Efron, Array.Empty<Variable>()));

        AnalysisResult logRank = run.Analyses[0];
        Assert.Equal(ResultStatus.NotEstimable, logRank.Status);
        Assert.Contains(logRank.Warnings, w => w.Code == StatisticsWarnings.TooFewGroups);
        AnalysisResult cox = run.Analyses[1];
        Assert.Contains(cox.Warnings, w => w.Code == StatisticsWarnings.GroupTermNotEstimable && w.Message.Contains("only group 'Beta'", StringComparison.Ordinal));
        Assert.All(cox.Cox!.Terms, t => Assert.NotEqual(ResultStatus.Ok, t.Status));
        Assert.Empty(ResultsSchema.Validate(ResultsJson.Serialize(run.Complete())));
    }
}
