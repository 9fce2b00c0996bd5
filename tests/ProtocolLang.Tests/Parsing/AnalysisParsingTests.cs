using System.Linq;
using ProtocolLang.Syntax;
using static ProtocolLang.Tests.Parsing.AnalysisSyntaxReading;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Parsing;

/// <summary>Every analysis is <c>verb [kind] head { clause }</c>; the v1 forms read with the same meaning.</summary>
public class AnalysisParsingTests
{
    [Fact]
    public void DescribeListsVariablesAndItsByClause()
    {
        var describe = Analysis("describe age, sex, CK by group");

        Assert.Equal("describe", describe.Verb.Name);
        Assert.Null(describe.Kind);
        Assert.Equal(["age", "sex", "CK"], describe.HeadNames());
        Assert.Equal(["group"], describe.NameList("by"));
    }

    [Fact]
    public void CompareTwoGroupsWithAdjustment()
    {
        var source = InStudy("compare CK, CMAS: A vs B using mann_whitney adjust holm");
        var compare = (AnalysisSyntax)ParseClean(source).Declarations[0];

        Assert.Equal(["CK", "CMAS"], compare.HeadNames());
        var pairing = Assert.IsType<TwoGroupsPairingSyntax>(compare.Pairing());
        Assert.Equal(("A", "B"), (pairing.First.Name, pairing.Second.Name));
        Assert.Equal("A vs B", TextOf(source, pairing.Span));
        Assert.Equal("mann_whitney", compare.Test()!.Test.Name);
        Assert.Equal("holm", compare.Word("adjust"));
    }

    [Fact]
    public void CompareReferenceVersusEach()
    {
        var compare = Analysis("compare CK: A vs each using fisher");

        Assert.Equal("A", Assert.IsType<VsEachPairingSyntax>(compare.Pairing()).Reference.Name);
        Assert.Null(compare.Clause("adjust"));
    }

    [Fact]
    public void CompareReferenceVersusAList()
    {
        var source = InStudy("compare CK: A vs (B, C) using t_test");
        var pairing = Assert.IsType<VsListPairingSyntax>(((AnalysisSyntax)ParseClean(source).Declarations[0]).Pairing());

        Assert.Equal("A", pairing.Reference.Name);
        Assert.Equal(["B", "C"], pairing.Others.Select(o => o.Name));
        Assert.Equal("A vs (B, C)", TextOf(source, pairing.Span));
    }

    [Fact]
    public void CompareAllPairs()
    {
        var source = InStudy("compare CK: all pairs using welch adjust bh");
        var pairing = ((AnalysisSyntax)ParseClean(source).Declarations[0]).Pairing();

        Assert.Equal("all pairs", TextOf(source, Assert.IsType<AllPairsPairingSyntax>(pairing).Span));
    }

    [Fact]
    public void AGroupCalledAllIsStillAGroup()
    {
        var compare = Analysis("compare CK: all vs B using welch");

        Assert.Equal("all", Assert.IsType<TwoGroupsPairingSyntax>(compare.Pairing()).First.Name);
    }

    [Fact]
    public void CompareAcrossGroupsIsTheAcrossClause()
    {
        var compare = Analysis("compare MAS, CK across groups using kruskal_wallis");

        Assert.Equal("groups", compare.Word("across"));
        Assert.Equal("kruskal_wallis", compare.Test()!.Test.Name);
    }

    [Fact]
    public void MixedModelHasFormulaWhereAndMethod()
    {
        var model = Analysis("model mixed log(CK) ~ group * factor(month) + (1 | id) where group != ADM method ml");

        Assert.Equal("mixed", model.Kind!.Name);
        Assert.Equal("log", model.Formula().Response.Transform!.Name);
        Assert.Equal(2, model.Formula().Terms.Length);
        Assert.Equal(BinaryOperator.NotEqual, Assert.IsType<BinaryExpressionSyntax>(model.Expression("where")).Operator);
        Assert.Equal("ml", model.Word("method"));
    }

    [Fact]
    public void MixedModelWhereAndMethodAreOptional()
    {
        var model = Analysis("model mixed y ~ group");

        Assert.Empty(model.Clauses);
    }

    [Fact]
    public void KaplanMeierHasOutcomeAndTimes()
    {
        var km = Analysis("model kaplan_meier Relapse by group at 12, 24.5, 36");

        Assert.Equal(["Relapse"], km.HeadNames());
        Assert.Equal([12, 24.5, 36], km.Numbers("at"));
        Assert.Empty(Analysis("model kaplan_meier Relapse by group").Numbers("at"));
    }

    [Fact]
    public void LogRankHasRhoAndStrata()
    {
        var test = Analysis("test logrank Relapse by group rho 1 strata sex");

        Assert.Equal("logrank", test.Kind!.Name);
        Assert.Equal(["Relapse"], test.HeadNames());
        Assert.Equal(1, test.Number("rho")!.Value);
        Assert.Equal(["sex"], test.NameList("strata"));
        var plain = Analysis("test logrank Relapse by group");
        Assert.Null(plain.Clause("rho"));
        Assert.Null(plain.Clause("strata"));
    }

    [Fact]
    public void KaplanMeierConfTypeIsAWordTheBinderChecks()
    {
        Assert.Null(Analysis("model kaplan_meier Relapse by group at 12").Clause("conf_type"));
        Assert.Equal("log_log", Analysis("model kaplan_meier Relapse by group at 12 conf_type log_log").Word("conf_type"));
        Assert.Equal("loglog", Analysis("model kaplan_meier Relapse by group conf_type loglog").Word("conf_type"));
    }

    [Fact]
    public void LogRankPairwiseAndAdjustComeInAnyOrder()
    {
        var test = Analysis("test logrank Relapse by group rho 1 strata sex pairwise adjust holm");

        Assert.Equal(["by", "rho", "strata", "pairwise", "adjust"], test.ClauseKeywords());
        Assert.Null(test.Clause("pairwise")!.Value);
        Assert.Equal("holm", test.Word("adjust"));
        var reordered = Analysis("test logrank Relapse pairwise rho 1 by group");
        Assert.Equal(["pairwise", "rho", "by"], reordered.ClauseKeywords());
    }

    [Fact]
    public void CoxModelHasTermsReferencesTiesAndStrata()
    {
        var source = InStudy("model cox Relapse ~ group + age + sex reference NXP2_ADM, sex = F ties breslow strata centre, era");
        var cox = (AnalysisSyntax)ParseClean(source).Declarations[0];

        Assert.Equal("Relapse", cox.Formula().Response.Variable.Name);
        Assert.Equal(["group", "age", "sex"], cox.Formula().Terms.Select(t => ((FixedTermSyntax)t).Factors[0].Variable!.Name));
        var references = cox.References();
        Assert.Null(references[0].Variable);
        Assert.Equal("NXP2_ADM", references[0].Level.Name);
        Assert.Equal("sex", references[1].Variable!.Name);
        Assert.Equal("F", references[1].Level.Name);
        Assert.Equal("sex = F", TextOf(source, references[1].Span));
        Assert.Equal("breslow", cox.Word("ties"));
        Assert.Equal(["centre", "era"], cox.NameList("strata"));
    }

    [Fact]
    public void CoxStrataMayComeBeforeReference()
    {
        var cox = Analysis("model cox Relapse ~ group + sex strata site ties efron reference group = A, sex = F");

        Assert.Equal(["strata", "ties", "reference"], cox.ClauseKeywords());
        Assert.Equal(2, cox.References().Count);
    }

    [Fact]
    public void ScopeClausesReadTheirValues()
    {
        var describe = Analysis("describe age, sex by arm, sex overall where age >= 18 and sex == F in PP within site as table_one");

        Assert.Equal(["arm", "sex"], describe.NameList("by"));
        Assert.NotNull(describe.Clause("overall"));
        Assert.IsType<BinaryExpressionSyntax>(describe.Expression("where"));
        Assert.Equal("PP", describe.Word("in"));
        Assert.Equal("site", ((NameExpressionSyntax)describe.Expression("within")!).Name.Name);
        Assert.Equal("table_one", describe.Word("as"));
    }

    [Fact]
    public void InAfterAnExpressionIsThePopulationClauseUnlessAParenthesisFollows()
    {
        var analysis = Analysis("describe age in PP where sex in (F, M) in ITT");

        Assert.Equal(["age"], analysis.HeadNames());
        Assert.Equal(["in", "where", "in"], analysis.ClauseKeywords());
        Assert.IsType<InExpressionSyntax>(analysis.Expression("where"));
    }

    [Fact]
    public void TheHeadMayHoldExpressions()
    {
        var source = InStudy("describe log(ck), age / 10, sex by group");
        var describe = (AnalysisSyntax)ParseClean(source).Declarations[0];
        var items = ((ListHeadSyntax)describe.Head).Items;

        Assert.IsType<CallExpressionSyntax>(items[0]);
        Assert.Equal("age / 10", TextOf(source, items[1].Span));
        Assert.IsType<NameExpressionSyntax>(items[2]);
    }

    [Fact]
    public void AnUnknownWordIsKeptAsAnUnknownClauseUpToTheNextKnownOne()
    {
        var source = InStudy("model cox Relapse ~ group tie efron, breslow strata site");
        var cox = (AnalysisSyntax)ParseClean(source).Declarations[0];

        var unknown = cox.Clauses[0];
        Assert.False(unknown.Known);
        Assert.Equal("tie", unknown.Keyword.Name);
        Assert.Equal("tie efron, breslow", TextOf(source, unknown.Span));
        Assert.Equal(["site"], cox.NameList("strata"));
    }

    [Fact]
    public void AnyKindWordParsesSoTheBinderCanNameIt()
    {
        var model = Analysis("model linear weight ~ age + sex");

        Assert.Equal("linear", model.Kind!.Name);
        Assert.Equal("weight", model.Formula().Response.Variable.Name);
    }

    [Fact]
    public void CoxModelOptionsAreOptional()
    {
        var cox = Analysis("model cox Relapse ~ group");

        Assert.Empty(cox.Clauses);
    }

    [Fact]
    public void AMisplacedValueIsReportedWhereTheClauseValueShouldBe()
    {
        var result = Parse(InStudy("model kaplan_meier Relapse by group at twelve"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL1001", diagnostic.Id);
        Assert.Equal("expected a time after 'at' but found 'twelve'", diagnostic.Message);
    }

    [Fact]
    public void APopulationHasANameALabelAndACondition()
    {
        var population = Single<PopulationSyntax>("population PP \"Per protocol\": adherent and not deviated");

        Assert.Equal("PP", population.Name.Name);
        Assert.Equal("Per protocol", population.Label.Value);
        Assert.Equal(BinaryOperator.And, Assert.IsType<BinaryExpressionSyntax>(population.Condition).Operator);
    }
}
