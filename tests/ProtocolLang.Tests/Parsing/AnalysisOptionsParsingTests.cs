using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.AnalysisSyntaxReading;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

/// <summary>The options of describe (<c>statistics</c>, <c>quantile_type</c>) and of a compare's test.</summary>
public class AnalysisOptionsParsingTests
{
    [Fact]
    public void DescribeReadsStatisticsAndQuantileType()
    {
        var source = InStudy("describe age, CK by group statistics mean_se, geometric_mean, percent_ci quantile_type 6");
        var describe = (AnalysisSyntax)ParseClean(source).Declarations[0];

        Assert.Equal(["age", "CK"], describe.HeadNames());
        Assert.Equal(["mean_se", "geometric_mean", "percent_ci"], describe.Words("statistics"));
        Assert.Equal(6, describe.Number("quantile_type")!.Value);
        Assert.Equal("6", TextOf(source, describe.Number("quantile_type")!.Span));
    }

    [Fact]
    public void DescribeWithoutOptionsHasNone()
    {
        var describe = Analysis("describe age by group");

        Assert.Empty(describe.Words("statistics"));
        Assert.Null(describe.Number("quantile_type"));
    }

    [Fact]
    public void DescribeQuantileTypeAloneIsAllowed()
    {
        var describe = Analysis("describe age by group quantile_type 2");

        Assert.Empty(describe.Words("statistics"));
        Assert.Equal(2, describe.Number("quantile_type")!.Value);
    }

    [Fact]
    public void CompareReadsTestOptionsBeforeTheAdjustment()
    {
        var source = InStudy("compare CK: A vs each using mann_whitney exact no_correct adjust holm");
        var compare = (AnalysisSyntax)ParseClean(source).Declarations[0];

        Assert.Equal("mann_whitney", compare.Test()!.Test.Name);
        Assert.Equal(["exact", "no_correct"], compare.Test()!.Options.Select(o => o.Name));
        Assert.Equal("exact", TextOf(source, compare.Test()!.Options[0].Span));
        Assert.Equal("holm", compare.Word("adjust"));
    }

    [Fact]
    public void CompareWithoutOptionsHasNone()
    {
        var compare = Analysis("compare CK across groups using welch_anova");

        Assert.Equal("welch_anova", compare.Test()!.Test.Name);
        Assert.Empty(compare.Test()!.Options);
        Assert.Null(compare.Clause("adjust"));
    }

    [Fact]
    public void GeometricMeanIsAContinuousSummary()
    {
        var outcome = Single<OutcomeSyntax>("outcome CK: continuous ck summary geometric_mean");

        Assert.Equal("geometric_mean", Assert.IsType<ContinuousOutcomeSyntax>(outcome.Kind).Summary!.Name);
    }
}
