using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

/// <summary>Expressions where a variable is accepted (issue 12, item 7): factors, strata, survival heads, mixed-model terms.</summary>
public class ExpressionTermBindingTests
{
    private const string Header = """
        study S {
          table subjects from "s.csv" key id {
            id: text
            age: number
            sex: category(F, M)
            stage: integer
            months: number
            status: integer
            relapsed: bool
            dose: number
          }
          table visits from "v.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          outcome Relapse: time_to_event(months, relapsed)
          outcome Score: repeated visits.score over week

        """;

    private static BoundAnalysis Single(string analysis) =>
        Assert.Single(TestStudies.BindClean(Header + analysis + "\n}\n").Analyses);

    [Fact]
    public void ABoolExpressionInByIsAFactorNamedByItsTextWithLevelsAsWritten()
    {
        var factor = Assert.Single(Single("describe age by age   >=  65").Scope.By);

        Assert.Equal("age >= 65", factor.Name);
        Assert.False(factor.IsGroup);
        Assert.Equal(VariableKind.Binary, factor.Variable!.Kind);
        Assert.True(factor.Variable.LevelsAsWritten);
        Assert.NotNull(factor.Variable.Expression);
    }

    [Fact]
    public void AnExpressionInWithinIsAFactorToo()
    {
        var within = Single("model kaplan_meier Relapse overall within stage in (3, 4)").Scope.Within;

        Assert.Equal("stage in (3, 4)", within!.Name);
        Assert.True(within.Variable!.LevelsAsWritten);
    }

    [Fact]
    public void ANameInByIsNotMarkedAsWritten()
    {
        Assert.False(Assert.Single(Single("describe age by sex").Scope.By).Variable!.LevelsAsWritten);
    }

    [Fact]
    public void ALogRankStratumMayBeAnExpression()
    {
        var logRank = Assert.IsType<BoundLogRank>(Single("test logrank Relapse by sex strata age >= 65"));

        Assert.Equal("age >= 65", logRank.Strata!.Name);
        Assert.Equal(VariableKind.Binary, logRank.Strata.Kind);
    }

    [Fact]
    public void CoxStrataMayBeExpressions()
    {
        var cox = Assert.IsType<BoundCox>(Single("model cox Relapse ~ age strata age >= 65, sex"));

        Assert.Equal(["age >= 65", "sex"], cox.Strata.Select(s => s.Name));
    }

    [Fact]
    public void AnInlineTimeToEventHeadIsAnOutcomeNamedByItsText()
    {
        var km = Assert.IsType<BoundKaplanMeier>(Single("model kaplan_meier time_to_event(months * 30.44, status == 2) by sex"));

        Assert.Equal("time_to_event(months * 30.44, status == 2)", km.Outcome.Name);
        Assert.Equal(OutcomeKind.TimeToEvent, km.Outcome.Kind);
        Assert.Null(km.Outcome.Unit);
    }

    [Fact]
    public void AnInlineTimeToEventOfAColumnKeepsItsUnit()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from "s.csv" key id {
                id: text
                days: number unit "days"
                dead: bool
              }
              test logrank time_to_event(days, dead) overall
            }
            """);

        Assert.Equal("days", Assert.IsType<BoundLogRank>(Assert.Single(study.Analyses)).Outcome.Unit);
    }

    [Fact]
    public void AMixedModelTermOverTheChildRowsIsARowCovariate()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Score ~ log(week + 1) + week / 4 + (1 | id) overall"));

        Assert.Equal(["log(week + 1)", "week / 4"], model.FixedTerms.Select(t => Assert.Single(t.Factors).Name));
        Assert.All(model.FixedTerms, t => Assert.Equal(TermFactorKind.RowCovariate, t.Factors[0].Kind));
        Assert.All(model.FixedTerms, t => Assert.NotNull(t.Factors[0].RowValue));
    }

    [Fact]
    public void AMixedModelTermOverSubjectColumnsIsACovariate()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Score ~ week * log(dose) + factor(age >= 65) + (1 | id) overall"));

        var factors = model.FixedTerms.Select(t => string.Join(":", t.Factors.Select(f => f.Name + "/" + f.Kind)));
        Assert.Equal(["week/Time", "log(dose)/Covariate", "week/Time:log(dose)/Covariate", "age >= 65/CovariateAsFactor"], factors);
        Assert.Equal(VariableKind.Continuous, model.FixedTerms[1].Factors[0].Covariate!.Kind);
    }

    [Fact]
    public void AQualifiedChildColumnInATermIsARowCovariate()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Score ~ visits.week / 4 + (1 | id) overall"));

        Assert.Equal(TermFactorKind.RowCovariate, Assert.Single(model.FixedTerms).Factors[0].Kind);
    }
}
