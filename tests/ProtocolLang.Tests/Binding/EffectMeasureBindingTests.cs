using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;

namespace ProtocolLang.Tests.Binding;

public class EffectMeasureBindingTests
{
    private const string Study = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            arm: category(A, B)
            centre: category(C1, C2)
            sex: category(F, M)
            response: bool
            events: integer
            days: number
          }
          groups {
            Active "Active": arm == A
            Placebo "Placebo": arm == B
          }

        """;

    [Theory]
    [InlineData("risk_difference", TestKind.RiskDifference)]
    [InlineData("relative_risk", TestKind.RelativeRisk)]
    [InlineData("odds_ratio", TestKind.OddsRatio)]
    [InlineData("nnt", TestKind.Nnt)]
    public void ABinaryVariableBetweenTwoGroupsBindsToTheEffectMeasure(string test, TestKind expected)
    {
        var compare = Bind("compare response: Active vs Placebo using " + test);

        Assert.Equal(expected, compare.Test);
        Assert.Equal(BoundEffect.Default, compare.Effect);
    }

    [Fact]
    public void StrataAreCrossedVariablesAndNoCorrectTurnsOffMantelhaenTestsCorrection()
    {
        var compare = Bind("compare response: Active vs Placebo using odds_ratio no_correct strata centre, sex");

        var effect = compare.Effect!;
        Assert.Equal(["centre", "sex"], effect.Strata.Select(s => s.Name));
        Assert.False(effect.Correct);
        Assert.False(effect.Conditional);
    }

    [Theory]
    [InlineData("nnt beneficial", NntDirection.Beneficial)]
    [InlineData("nnt harmful", NntDirection.Harmful)]
    [InlineData("nnt", NntDirection.Neutral)]
    public void NntDirectionWordsNameWhatTheEventIs(string test, NntDirection expected) =>
        Assert.Equal(expected, Bind("compare response: Active vs Placebo using " + test).Effect!.Direction);

    [Fact]
    public void ARateTakesAnIntegerEventCountAndAPersonTimeExpression()
    {
        var compare = Bind("compare events: Active vs Placebo using rate_ratio per days / 365.25");

        Assert.Equal(TestKind.RateRatio, compare.Test);
        Assert.Equal("days / 365.25", compare.Effect!.PersonTime!.Name);
    }

    [Fact]
    public void AcrossTwoGroupsIsOneComparison()
    {
        var compare = Bind("compare response across groups using odds_ratio conditional");

        Assert.IsType<AcrossGroupsPairing>(compare.Pairing);
        Assert.True(compare.Effect!.Conditional);
    }

    [Fact]
    public void TheEmittedCallPassesStrataPersonTimeAndOptionsToCompareEffects()
    {
        var text = Study + """
              compare response: Active vs Placebo using nnt harmful no_correct strata centre
              compare events: Active vs Placebo using rate_difference per days
            }
            """;
        var code = CSharpEmitter.Emit(TestStudies.BindClean(text));

        Assert.Contains("run.CompareEffects(", code, System.StringComparison.Ordinal);
        Assert.Contains("global::ProtocolLang.Runtime.Plan.TestKind.Nnt", code, System.StringComparison.Ordinal);
        Assert.Contains("Correct = false, Direction = global::ProtocolLang.Runtime.Plan.NntDirection.Harmful", code, System.StringComparison.Ordinal);
        Assert.Contains("PersonTime = ", code, System.StringComparison.Ordinal);
    }

    private static BoundCompare Bind(string analysis) =>
        Assert.IsType<BoundCompare>(TestStudies.BindClean(Study + analysis + "\n}").Analyses.Single());
}
