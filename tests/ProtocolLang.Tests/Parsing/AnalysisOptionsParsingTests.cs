using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

/// <summary>The options of describe (<c>statistics</c>, <c>quantile_type</c>) and of a compare's test.</summary>
public class AnalysisOptionsParsingTests
{
    [Fact]
    public void DescribeReadsStatisticsAndQuantileType()
    {
        var source = InStudy("describe age, CK by group statistics mean_se, geometric_mean, percent_ci quantile_type 6");
        var describe = (DescribeSyntax)ParseClean(source).Declarations[0];

        Assert.Equal(["age", "CK"], describe.Variables.Select(v => v.Name));
        Assert.Equal(["mean_se", "geometric_mean", "percent_ci"], describe.Statistics.Select(s => s.Name));
        Assert.Equal(6, describe.QuantileType!.Value);
        Assert.Equal("6", TextOf(source, describe.QuantileType.Span));
    }

    [Fact]
    public void DescribeWithoutOptionsHasNone()
    {
        var describe = Single<DescribeSyntax>("describe age by group");

        Assert.Empty(describe.Statistics);
        Assert.Null(describe.QuantileType);
    }

    [Fact]
    public void DescribeQuantileTypeAloneIsAllowed()
    {
        var describe = Single<DescribeSyntax>("describe age by group quantile_type 2");

        Assert.Empty(describe.Statistics);
        Assert.Equal(2, describe.QuantileType!.Value);
    }

    [Fact]
    public void CompareReadsTestOptionsBeforeTheAdjustment()
    {
        var source = InStudy("compare CK: A vs each using mann_whitney exact no_correct adjust holm");
        var compare = (CompareSyntax)ParseClean(source).Declarations[0];

        Assert.Equal("mann_whitney", compare.Test.Name);
        Assert.Equal(["exact", "no_correct"], compare.Options.Select(o => o.Name));
        Assert.Equal("exact", TextOf(source, compare.Options[0].Span));
        Assert.Equal("holm", compare.Adjust!.Name);
    }

    [Fact]
    public void CompareWithoutOptionsHasNone()
    {
        var compare = Single<CompareSyntax>("compare CK across groups using welch_anova");

        Assert.Equal("welch_anova", compare.Test.Name);
        Assert.Empty(compare.Options);
        Assert.Null(compare.Adjust);
    }

    [Fact]
    public void GeometricMeanIsAContinuousSummary()
    {
        var outcome = Single<OutcomeSyntax>("outcome CK: continuous ck summary geometric_mean");

        Assert.Equal("geometric_mean", Assert.IsType<ContinuousOutcomeSyntax>(outcome.Kind).Summary!.Name);
    }
}
