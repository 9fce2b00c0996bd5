using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Reports.Figures;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>
/// What a Kaplan-Meier figure shows beside its curves when the study asks for it: the hazard ratio of a Cox model whose
/// only term is the curves' grouping (two groups, the same outcome and subjects), and the CI bands of <c>conf_band</c>.
/// </summary>
public sealed class KaplanMeierAnnotationTests
{
    private static readonly Lazy<StudyResults> Small = new(() =>
    {
        using var folder = new StudyFolder();
        return SmallStudy.Run(folder.Options("out", ReportFormat.Json));
    });

    /// <summary>The small study's curves cut to two groups, and a Cox model of the same outcome with the group as its only term (HR 2.912, 1.4 to 6.049).</summary>
    private static (StudyResults Results, AnalysisResult Km, AnalysisResult Cox) TwoGroups(Func<CoxResult, CoxResult>? changeCox = null, double hr = 2.912, double low = 1.4, double high = 6.049)
    {
        AnalysisResult km = Small.Value.Analyses.Single(a => a.Id == "km_relapse");
        km = km with { KaplanMeier = km.KaplanMeier! with { Groups = km.KaplanMeier.Groups.Take(2).ToArray() } };
        string[] groups = km.KaplanMeier!.Groups.Select(g => g.Group).ToArray();
        AnalysisResult cox = Small.Value.Analyses.Single(a => a.Id == "cox_relapse");
        var term = new CoxTermResult("group" + groups[1], "group", "B vs A", groups[1], groups[0], ResultStatus.Ok, Math.Log(hr), hr, 0.37, 2.9, 0.004, low, high);
        CoxResult model = cox.Cox! with { Terms = [term], Strata = [], Outcome = km.KaplanMeier.Variable };
        cox = cox with { Cox = changeCox is null ? model : changeCox(model) };
        return (Small.Value with { Analyses = [km, cox] }, km, cox);
    }

    [Fact]
    public void TheHazardRatioOfACoxModelOfTheGroupingAloneIsShownOnTheRatioPolicy()
    {
        (StudyResults results, AnalysisResult km, _) = TwoGroups();

        CoxTermResult? term = KaplanMeierHazardRatio.Find(results, km);

        Assert.NotNull(term);
        Assert.Equal("HR 2.91 (1.40\u20136.05)", KaplanMeierHazardRatio.Text(term));
        FigureView figure = ReportFigures.Build(results).Single(f => f.Kind == "kaplan_meier");
        Assert.Contains("HR 2.91 (1.40\u20136.05)", figure.FileSvg, StringComparison.Ordinal);
        Assert.Contains("the hazard ratio of B vs A (Wald 95% CI)", figure.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void ARatioBelowOneTenthKeepsTwoSignificantDigitsForItsLimitsToo()
    {
        (StudyResults results, AnalysisResult km, _) = TwoGroups(hr: 0.0451, low: 0.0203, high: 0.1104);

        Assert.Equal("HR 0.045 (0.020\u20130.110)", KaplanMeierHazardRatio.Text(KaplanMeierHazardRatio.Find(results, km)!));
    }

    public static TheoryData<string> OtherModels() => ["two terms", "another outcome", "strata", "no recorded outcome", "another population", "not estimable"];

    [Theory]
    [MemberData(nameof(OtherModels))]
    public void NoHazardRatioIsShownFromAModelThatIsNotTheCurvesComparison(string change)
    {
        (StudyResults results, AnalysisResult km, AnalysisResult cox) = TwoGroups(c => change switch
        {
            "two terms" => c with { Terms = [c.Terms[0], c.Terms[0] with { Term = "age", Variable = "age", Level = null, ReferenceLevel = null }] },
            "another outcome" => c with { Outcome = "Death" },
            "strata" => c with { Strata = ["sex"] },
            "no recorded outcome" => c with { Outcome = null },
            "not estimable" => c with { Terms = [c.Terms[0] with { Status = "possibly_infinite", HazardRatioLow = double.NaN, HazardRatioHigh = double.NaN }] },
            _ => c,
        });
        if (change == "another population")
        {
            cox = cox with { Scope = new AnalysisScopeResult("PP", "Per protocol", null, "group", null, null, null, null, 10, []) };
            results = results with { Analyses = [km, cox] };
        }

        Assert.Null(KaplanMeierHazardRatio.Find(results, km));
        Assert.DoesNotContain("HR 2.91", ReportFigures.Build(results).Single(f => f.Kind == "kaplan_meier").FileSvg, StringComparison.Ordinal);
    }

    [Fact]
    public void CurvesOfMoreThanTwoGroupsShowNoHazardRatio()
    {
        (StudyResults results, _, AnalysisResult cox) = TwoGroups();
        AnalysisResult km = Small.Value.Analyses.Single(a => a.Id == "km_relapse");
        Assert.True(km.KaplanMeier!.Groups.Count > 2, "the small study has more than two groups");

        Assert.Null(KaplanMeierHazardRatio.Find(results with { Analyses = [km, cox] }, km));
    }

    /// <summary>The report draws bands only for an analysis that asked for <c>conf_band</c> (results.json's <c>confBand</c>), and says so in the caption.</summary>
    [Fact]
    public void TheReportDrawsConfidenceBandsOnlyForAStudyThatAsksForThem()
    {
        AnalysisResult km = Small.Value.Analyses.Single(a => a.Id == "km_relapse");
        StudyResults with = Small.Value with { Analyses = [km with { KaplanMeier = km.KaplanMeier! with { ConfBand = true } }] };
        StudyResults without = Small.Value with { Analyses = [km] };
        string band = $"fill=\"{FigureStyle.PaletteHex[0]}\" fill-opacity=";

        FigureView banded = ReportFigures.Build(with).Single(f => f.Kind == "kaplan_meier");
        FigureView plain = ReportFigures.Build(without).Single(f => f.Kind == "kaplan_meier");

        Assert.Contains(band, banded.FileSvg, StringComparison.Ordinal);
        Assert.DoesNotContain(band, plain.FileSvg, StringComparison.Ordinal);
        Assert.Contains("the shaded bands are each curve's pointwise 95% CI (log-log type)", banded.Caption, StringComparison.Ordinal);
        Assert.DoesNotContain("shaded", plain.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRunRecordsConfBandAndTheCoxModelsOutcome()
    {
        using var folder = new StudyFolder();
        StudyResults results = SmallStudy.Run(folder.Options("out", ReportFormat.Json));

        Assert.Null(results.Analyses.Single(a => a.Id == "km_relapse").KaplanMeier!.ConfBand);
        Assert.Equal("Relapse", results.Analyses.Single(a => a.Id == "cox_relapse").Cox!.Outcome);
    }
}
