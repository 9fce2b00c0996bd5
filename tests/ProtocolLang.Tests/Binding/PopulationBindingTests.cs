using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Emit;

namespace ProtocolLang.Tests.Binding;

public class PopulationBindingTests
{
    private const string Study = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            age: number
            adherent: bool
            deviated: bool
          }
          groups {
            Young "Young": age < 50
            Old "Old": age >= 50
          }
          population ITT "Intention to treat": true
          population PP "Per protocol": adherent   and
              not deviated and (age > 18 and age < 80)
          describe age in PP
          describe age in ITT
        }
        """;

    [Fact]
    public void APopulationIsSplitIntoItsTopLevelConjunctsWithNormalisedText()
    {
        var study = TestStudies.BindClean(Study);

        Assert.Equal(["ITT", "PP"], study.Populations.Select(p => p.Name));
        var pp = study.Populations[1];
        Assert.Equal("Per protocol", pp.Label);
        Assert.Equal(["adherent", "not deviated", "(age > 18 and age < 80)"], pp.Conditions.Select(c => c.Text));
        Assert.All(pp.Conditions, c => Assert.Equal(TypeKind.Bool, c.Condition.Type.Kind));
        Assert.Empty(study.Populations[0].Conditions); // `true` holds for everyone: no condition to report in the flow
    }

    [Fact]
    public void InNamesAPopulationDeclaredAfterTheAnalysis()
    {
        var study = TestStudies.BindClean(Study.Replace("  population ITT \"Intention to treat\": true\n", string.Empty, System.StringComparison.Ordinal)
            .Replace("describe age in ITT\n", "describe age in ITT\n  population ITT \"Intention to treat\": true\n", System.StringComparison.Ordinal));

        Assert.Equal(["PP", "ITT"], study.Analyses.Select(a => a.Scope.Population));
    }

    [Fact]
    public void EveryPopulationIsRegisteredAfterTheCohortAndBeforeTheFirstAnalysisAndTheCodeCompiles()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(Study));

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        code = GeneratedCodeText.Unqualified(code);
        var cohort = code.IndexOf("run.Cohort(", System.StringComparison.Ordinal);
        var pp = code.IndexOf("run.Population(\"PP\", \"Per protocol\", new PopulationCondition[]", System.StringComparison.Ordinal);
        var firstAnalysis = code.IndexOf("run.Describe(", System.StringComparison.Ordinal);
        Assert.True(cohort >= 0 && cohort < pp && pp < firstAnalysis, code);
        Assert.True(code.Contains("new(\"not deviated\", Variables.Binary(subjects, \"PP\", \"not deviated\", r => Fn.Not(subjectsDeviated[r].GetValueOrDefault()))),", System.StringComparison.Ordinal), code);
        Assert.Contains("Scope = new AnalysisScope { Population = \"PP\" }", code, System.StringComparison.Ordinal);
    }
}
