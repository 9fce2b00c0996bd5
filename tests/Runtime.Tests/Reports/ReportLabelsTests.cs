using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class ReportLabelsTests
{
    private static readonly ReportViewBuilder.ReportLabels Groups = ReportViewBuilder.ReportLabels.From(
        "group", ["NXP2_JDM", "MDA5_JDM", "TIF1g_JDM"], ["NXP2+ JDM", "MDA5+ JDM", "TIF1γ+ JDM"]);

    [Fact]
    public void AnInteractionOfAGroupAndAFactorOfTimeReadsAsLabelsJoinedByTimes() =>
        Assert.Equal("MDA5+ JDM × month 12", Groups.Term("groupMDA5_JDM:factor(month)12"));

    [Fact]
    public void ATermTestOfAFactorOfTimeNamesTheVariable() =>
        Assert.Equal("group × month", Groups.Term("group:factor(month)"));

    [Fact]
    public void TheInterceptAndACovariateKeepTheirNames()
    {
        Assert.Equal("(Intercept)", Groups.Term("(Intercept)"));
        Assert.Equal("score0", Groups.Term("score0"));
    }

    [Fact]
    public void AModelsLabelledCategoryLevelsLabelItsDummies()
    {
        var labels = Groups.With([new LevelLabelsRow("arm", ["control", "treatment"], ["Control", "Treatment"])]);

        Assert.Equal("Treatment × week 8", labels.Term("armtreatment:factor(week)8"));
        Assert.Equal("Treatment − Control", labels.Contrast("treatment - control", "arm"));
    }

    [Fact]
    public void AGroupTermOtherThanGroupTakesTheStudysGroupLabels() =>
        Assert.Equal("TIF1γ+ JDM", Groups.With(null, "cohort").Term("cohortTIF1g_JDM"));

    [Fact]
    public void AnUnknownCodeStaysACode()
    {
        Assert.Equal("groupOTHER", Groups.Term("groupOTHER"));
        Assert.Equal("OTHER", Groups.Level("OTHER", "group"));
    }
}
