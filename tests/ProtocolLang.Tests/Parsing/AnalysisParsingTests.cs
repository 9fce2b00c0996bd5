using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

public class AnalysisParsingTests
{
    [Fact]
    public void DescribeListsVariables()
    {
        var describe = Single<DescribeSyntax>("describe age, sex, CK by group");

        Assert.Equal(["age", "sex", "CK"], describe.Variables.Select(v => v.Name));
    }

    [Fact]
    public void CompareTwoGroupsWithAdjustment()
    {
        var source = InStudy("compare CK, CMAS: A vs B using mann_whitney adjust holm");
        var compare = (CompareSyntax)ParseClean(source).Declarations[0];

        Assert.Equal(["CK", "CMAS"], compare.Variables.Select(v => v.Name));
        var pairing = Assert.IsType<TwoGroupsPairingSyntax>(compare.Pairing);
        Assert.Equal(("A", "B"), (pairing.First.Name, pairing.Second.Name));
        Assert.Equal("A vs B", TextOf(source, pairing.Span));
        Assert.Equal("mann_whitney", compare.Test.Name);
        Assert.Equal("holm", compare.Adjust!.Name);
    }

    [Fact]
    public void CompareReferenceVersusEach()
    {
        var compare = Single<CompareSyntax>("compare CK: A vs each using fisher");

        Assert.Equal("A", Assert.IsType<VsEachPairingSyntax>(compare.Pairing).Reference.Name);
        Assert.Null(compare.Adjust);
    }

    [Fact]
    public void CompareReferenceVersusAList()
    {
        var source = InStudy("compare CK: A vs (B, C) using t_test");
        var pairing = Assert.IsType<VsListPairingSyntax>(((CompareSyntax)ParseClean(source).Declarations[0]).Pairing);

        Assert.Equal("A", pairing.Reference.Name);
        Assert.Equal(["B", "C"], pairing.Others.Select(o => o.Name));
        Assert.Equal("A vs (B, C)", TextOf(source, pairing.Span));
    }

    [Fact]
    public void CompareAllPairs()
    {
        var source = InStudy("compare CK: all pairs using welch adjust bh");
        var pairing = ((CompareSyntax)ParseClean(source).Declarations[0]).Pairing;

        Assert.Equal("all pairs", TextOf(source, Assert.IsType<AllPairsPairingSyntax>(pairing).Span));
    }

    [Fact]
    public void AGroupCalledAllIsStillAGroup()
    {
        var compare = Single<CompareSyntax>("compare CK: all vs B using welch");

        Assert.Equal("all", Assert.IsType<TwoGroupsPairingSyntax>(compare.Pairing).First.Name);
    }

    [Fact]
    public void CompareAcrossGroups()
    {
        var source = InStudy("compare MAS, CK across groups using kruskal_wallis");
        var compare = (CompareSyntax)ParseClean(source).Declarations[0];

        Assert.Equal("across groups", TextOf(source, Assert.IsType<AcrossGroupsPairingSyntax>(compare.Pairing).Span));
        Assert.Equal("kruskal_wallis", compare.Test.Name);
    }

    [Fact]
    public void MixedModelHasFormulaWhereAndMethod()
    {
        var model = Single<MixedModelSyntax>("model mixed log(CK) ~ group * factor(month) + (1 | id) where group != ADM method ml");

        Assert.Equal("log", model.Formula.Response.Transform!.Name);
        Assert.Equal(2, model.Formula.Terms.Length);
        Assert.Equal(BinaryOperator.NotEqual, Assert.IsType<BinaryExpressionSyntax>(model.Where).Operator);
        Assert.Equal("ml", model.Method!.Name);
    }

    [Fact]
    public void MixedModelWhereAndMethodAreOptional()
    {
        var model = Single<MixedModelSyntax>("model mixed y ~ group");

        Assert.Null(model.Where);
        Assert.Null(model.Method);
    }

    [Fact]
    public void KaplanMeierHasOutcomeAndTimes()
    {
        var km = Single<KaplanMeierSyntax>("model kaplan_meier Relapse by group at 12, 24.5, 36");

        Assert.Equal("Relapse", km.Outcome.Name);
        Assert.Equal([12, 24.5, 36], km.Times.Select(t => t.Value));
        Assert.Empty(Single<KaplanMeierSyntax>("model kaplan_meier Relapse by group").Times);
    }

    [Fact]
    public void LogRankHasRhoAndStrata()
    {
        var test = Single<LogRankSyntax>("test logrank Relapse by group rho 1 strata sex");

        Assert.Equal("Relapse", test.Outcome.Name);
        Assert.Equal(1, test.Rho!.Value);
        Assert.Equal("sex", test.Strata!.Name);
        var plain = Single<LogRankSyntax>("test logrank Relapse by group");
        Assert.Null(plain.Rho);
        Assert.Null(plain.Strata);
    }

    [Fact]
    public void KaplanMeierConfTypeIsOptionalAndOneOfThree()
    {
        Assert.Null(Single<KaplanMeierSyntax>("model kaplan_meier Relapse by group at 12").ConfType);
        Assert.Equal("log_log", Single<KaplanMeierSyntax>("model kaplan_meier Relapse by group at 12 conf_type log_log").ConfType!.Name);
        Assert.Equal("plain", Single<KaplanMeierSyntax>("model kaplan_meier Relapse by group conf_type plain").ConfType!.Name);
        Assert.Equal("log", Single<KaplanMeierSyntax>("model kaplan_meier Relapse by group conf_type log").ConfType!.Name);
    }

    [Fact]
    public void LogRankPairwiseTakesAnOptionalAdjustmentAfterStrata()
    {
        var test = Single<LogRankSyntax>("test logrank Relapse by group rho 1 strata sex pairwise adjust holm");

        Assert.Equal("sex", test.Strata!.Name);
        Assert.NotNull(test.Pairwise);
        Assert.Equal("holm", test.Adjust!.Name);
        var bare = Single<LogRankSyntax>("test logrank Relapse by group pairwise");
        Assert.NotNull(bare.Pairwise);
        Assert.Null(bare.Adjust);
        Assert.Null(Single<LogRankSyntax>("test logrank Relapse by group").Pairwise);
    }

    [Fact]
    public void CoxModelHasTermsReferencesTiesAndStrata()
    {
        var source = InStudy("model cox Relapse ~ group + age + sex reference NXP2_ADM, sex = F ties breslow strata centre, era");
        var cox = (CoxModelSyntax)ParseClean(source).Declarations[0];

        Assert.Equal("Relapse", cox.Outcome.Name);
        Assert.Equal(["group", "age", "sex"], cox.Terms.Select(t => t.Name));
        Assert.Null(cox.References[0].Variable);
        Assert.Equal("NXP2_ADM", cox.References[0].Level.Name);
        Assert.Equal("sex", cox.References[1].Variable!.Name);
        Assert.Equal("F", cox.References[1].Level.Name);
        Assert.Equal("sex = F", TextOf(source, cox.References[1].Span));
        Assert.Equal("breslow", cox.Ties!.Name);
        Assert.Equal(["centre", "era"], cox.Strata.Select(s => s.Name));
    }

    [Fact]
    public void CoxModelOptionsAreOptional()
    {
        var cox = Single<CoxModelSyntax>("model cox Relapse ~ group");

        Assert.Empty(cox.References);
        Assert.Null(cox.Ties);
        Assert.Empty(cox.Strata);
    }
}
