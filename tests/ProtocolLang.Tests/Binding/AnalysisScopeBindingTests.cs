using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

/// <summary>The scope clauses every kind takes, bound into <see cref="BoundScope"/>.</summary>
public class AnalysisScopeBindingTests
{
    private const string Header = """
        study S {
          table subjects from "s.csv" key id {
            id: text
            age: number
            sex: category(F, M)
            adult: bool
            months: number
            relapsed: bool
          }
          table visits from "v.csv" of subjects by id {
            id: text
            month: integer
            ck: number
          }
          groups {
            A "A": sex == F
            B "B": sex == M
          }
          outcome CK: continuous age
          outcome Relapse: time_to_event(months, relapsed)
          outcome Course: repeated visits.ck over month

        """;

    private static BoundAnalysis Single(string analysis) =>
        Assert.Single(TestStudies.BindClean(Header + analysis + "\n}\n").Analyses);

    [Fact]
    public void WithoutScopeClausesTheScopeIsTheDefault()
    {
        Assert.True(Single("describe age by group").Scope.IsDefault);
    }

    [Fact]
    public void ByNamesFactorsInOrder()
    {
        var scope = Single("model kaplan_meier Relapse by sex, adult").Scope;

        Assert.Equal(["sex", "adult"], scope.By.Select(f => f.Name));
        Assert.All(scope.By, f => Assert.False(f.IsGroup));
    }

    [Fact]
    public void OverallNeedsNoGroups()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from "s.csv" key id {
                id: text
                age: number
              }
              describe age overall
            }
            """);

        Assert.True(Assert.Single(study.Analyses).Scope.Overall);
    }

    [Fact]
    public void ASubjectWhereKeepsItsText()
    {
        var scope = Single("compare CK: A vs B using welch where age >= 18   and adult").Scope;

        Assert.Equal("age >= 18 and adult", scope.WhereText);
        Assert.Equal("subjects", scope.WhereTable);
        Assert.NotNull(scope.Where);
    }

    [Fact]
    public void AMixedModelsWhereMaySelectRowsOfItsRepeatedOutcome()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Course ~ group + month + (1 | id) where month > 0"));

        Assert.Null(model.Scope.Where);
        Assert.NotNull(model.Scope.RowWhere);
        Assert.Equal(("month > 0", "month > 0"), (model.Scope.WhereText, model.Scope.RowWhereText));
        Assert.Equal(["A", "B"], model.IncludedGroups.ToArray());
    }

    [Fact]
    public void AMixedModelsWhereSplitsAtItsAndsIntoASubjectPartAndARowPart()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Course ~ group + month + (1 | id) where month > 0 and age > 40 and month < 12"));

        Assert.Equal("month > 0 and age > 40 and month < 12", model.Scope.WhereText);
        Assert.Equal(("subjects", "age > 40"), (model.Scope.WhereTable, model.Scope.SubjectWhereText));
        Assert.Equal("month > 0 and month < 12", model.Scope.RowWhereText);
    }

    [Fact]
    public void AMixedModelsWhereOnGroupStillRestrictsGroups()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Course ~ group + (1 | id) where group != A"));

        Assert.Equal(["B"], model.IncludedGroups.ToArray());
        Assert.Null(model.Scope.Where);
    }

    [Fact]
    public void AMixedModelsWhereJoinsAGroupPartToSubjectAndRowParts()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Course ~ group + month + (1 | id) where group != A and age > 40 and month > 0"));

        Assert.Equal(["B"], model.IncludedGroups.ToArray());
        Assert.Equal("group != A and age > 40 and month > 0", model.Scope.WhereText);
        Assert.Equal(("subjects", "age > 40"), (model.Scope.WhereTable, model.Scope.SubjectWhereText));
        Assert.Equal("month > 0", model.Scope.RowWhereText);
    }

    [Fact]
    public void AMixedModelsReferenceNamesAGroupOrACategoryLevelOfItsTerms()
    {
        var model = Assert.IsType<BoundMixedModel>(Single("model mixed Course ~ group * month + sex + adult + (1 | id) reference B, sex = M, adult = true"));

        Assert.Equal([("group", "B"), ("sex", "M"), ("adult", "true")], model.References.Select(r => (r.Factor, r.Level)));
    }

    [Theory]
    [InlineData("model mixed Course ~ group + month + (1 | id) reference month = M", "PL2035")]
    [InlineData("model mixed Course ~ group + factor(month) + (1 | id) reference month = M", "PL2035")]
    [InlineData("model mixed Course ~ group + sex + (1 | id) reference sex = X", "PL2011")]
    [InlineData("model mixed Course ~ group + (1 | id) reference C", "PL2023")]
    public void AMixedModelsReferenceMustNameALevelOfACategoricalTerm(string analysis, string id)
    {
        var result = TestStudies.Bind(Header + analysis + "\n}\n");

        Assert.Equal([id], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void WithinNamesOneFactor()
    {
        var scope = Single("model cox Relapse ~ group + age within sex as cox_by_sex").Scope;

        Assert.Equal("sex", scope.Within!.Name);
    }

    [Fact]
    public void APopulationIsSplitAtItsTopLevelAndsAndAnalysesSelectIt()
    {
        var study = TestStudies.BindClean(Header + """
              population PP "Per protocol": adult and (age > 18 or sex == F) and months > 0
              describe age in PP
            }
            """);

        var population = Assert.Single(study.Populations);
        Assert.Equal(["adult", "(age > 18 or sex == F)", "months > 0"], population.Conditions.Select(c => c.Text));
        Assert.Equal("PP", Assert.Single(study.Analyses).Scope.Population);
    }

    [Fact]
    public void APairingNamesTheLevelsOfItsByFactor()
    {
        var compare = Assert.IsType<BoundCompare>(Single("compare CK: M vs F by sex using t_test"));

        Assert.Equal(new TwoGroupsPairing("M", "F"), compare.Pairing);
    }

    [Fact]
    public void TheStudysGroupsCrossWithOtherFactorsAndAnAnalysisWithinThemIsOverallInEach()
    {
        var crossed = Single("describe age by group, sex").Scope;
        Assert.Equal(["group", "sex"], crossed.By.Select(f => f.Name));
        Assert.True(crossed.By[0].IsGroup);

        var within = Single("model kaplan_meier Relapse within group").Scope;
        Assert.True(within.Within!.IsGroup);
        Assert.True(within.Overall);
        Assert.False(Single("model kaplan_meier Relapse by sex within group").Scope.Overall);
    }

    [Fact]
    public void PairingsAndReferencesNameNumberAndQuotedLevelsAsTheCategoryDeclaresThem()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from "s.csv" key id {
                id: text
                weight: number
                diet: category(1 "Diet 1", 2 "Diet 2", "3+" "Diet 3 or 4")
                months: number
                relapsed: bool
              }
              outcome Relapse: time_to_event(months, relapsed)
              compare weight: 1 vs 2 by diet using t_test
              compare weight: "3+" vs (1, 2) by diet using welch
              model cox Relapse ~ diet reference diet = 2
            }
            """);

        Assert.Equal(new TwoGroupsPairing("1", "2"), Assert.IsType<BoundCompare>(study.Analyses[0]).Pairing);
        var list = Assert.IsType<VsReferencePairing>(Assert.IsType<BoundCompare>(study.Analyses[1]).Pairing);
        Assert.Equal("3+", list.Reference);
        Assert.Equal(new[] { "1", "2" }, list.Others.ToArray());
        Assert.Equal("2", Assert.Single(Assert.IsType<BoundCox>(study.Analyses[2]).Terms).ReferenceLevel);
    }

    [Fact]
    public void APairingWithANameThatIsNotALevelOfTheByFactorIsReported()
    {
        var result = TestStudies.Bind(Header + "compare CK: A vs B by sex using t_test\n}\n");

        Assert.Equal(["PL2023", "PL2023"], result.Diagnostics.Select(d => d.Id));
        Assert.Equal("unknown group 'A'", result.Diagnostics[0].Message);
    }

    [Fact]
    public void AModelWithoutAGroupTermNeedsNoGroups()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from "s.csv" key id {
                id: text
                arm: category(control, treatment)
                months: number
                relapsed: bool
              }
              outcome Relapse: time_to_event(months, relapsed)
              model cox Relapse ~ arm reference arm = control
            }
            """);

        Assert.IsType<BoundCox>(Assert.Single(study.Analyses));
    }
}
