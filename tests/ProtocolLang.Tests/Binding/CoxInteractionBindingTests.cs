using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;
using ProtocolLang.Syntax;
using ProtocolLang.Tests.Emit;
using ProtocolLang.Tests.Parsing;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// Interactions (<c>a * b</c>, <c>a:b</c>) and named group sets as Cox terms, at the parser, binder and emitter. The numbers
/// are checked against R in ProtocolLang.Cli.Tests' CoxInteractionRunTests; the bad cases are TestFiles/bad/290-cox-interactions.
/// </summary>
public class CoxInteractionBindingTests
{
    private const string Study = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            age: number
            sex: category(F "Female", M "Male")
            ecog: number optional
            months: number
            relapsed: bool
          }
          groups arm {
            treat "Treatment \"new\"": age < 40
            control "Control": age >= 40
          }
          outcome Relapse: time_to_event(months, relapsed)
          model cox Relapse ~ sex * ecog + age
          model cox Relapse ~ ecog + age + age:ecog + ecog:age
          model cox Relapse ~ log(age) * sex + arm reference sex = M, arm = control
          model cox Relapse ~ age * sex * ecog
        }
        """;

    [Fact]
    public void CrossedAndColonTermsParseWithTheirOperatorAndExpressionOperands()
    {
        var source = InStudy("model cox Relapse ~ log(age) * sex + age:ecog");
        var cox = (AnalysisSyntax)ParseClean(source).Declarations[0];

        var terms = cox.Formula().Terms.Cast<FixedTermSyntax>().ToList();
        Assert.Equal([FormulaOperator.Crossed, FormulaOperator.Interaction], terms.Select(t => t.Operator));
        Assert.Equal("log(age)", TextOf(source, terms[0].Factors[0].Span));
        Assert.Equal(["age", "ecog"], terms[1].Factors.Select(f => f.Variable!.Name));
    }

    [Fact]
    public void ACrossedTermExpandsToMainEffectsThenTheInteractionAsROrdersThem()
    {
        var cox = (BoundCox)TestStudies.BindClean(Study).Analyses[0];

        Assert.Equal(["sex", "ecog", "age", "sex:ecog"], cox.Terms.Select(Name));
        Assert.True(cox.Terms[3].Covariate is null && cox.Terms[3].Interaction.Length == 2);
    }

    [Fact]
    public void AnInteractionWrittenTwiceIsKeptOnceWithItsFactorsInTheOrderTheFormulaFirstNamesThem()
    {
        var cox = (BoundCox)TestStudies.BindClean(Study).Analyses[1];

        Assert.Equal(["ecog", "age", "ecog:age"], cox.Terms.Select(Name));
    }

    [Fact]
    public void ReferencesApplyToAFactorInsideAnInteractionAndAGroupSetIsACategoricalTerm()
    {
        var cox = (BoundCox)TestStudies.BindClean(Study).Analyses[2];

        Assert.Equal(["log(age)", "sex", "arm", "log(age):sex"], cox.Terms.Select(Name));
        Assert.Equal("M", cox.Terms[1].ReferenceLevel);
        Assert.Equal(("arm", "control"), (cox.Terms[2].Covariate!.GroupSet!.Name, cox.Terms[2].ReferenceLevel));
        Assert.Equal([null, "M"], cox.Terms[3].Interaction.Select(f => f.ReferenceLevel));
    }

    [Fact]
    public void AThreeWayCrossedTermHasEverySubsetSmallestFirst()
    {
        var cox = (BoundCox)TestStudies.BindClean(Study).Analyses[3];

        Assert.Equal(["age", "sex", "ecog", "age:sex", "age:ecog", "sex:ecog", "age:sex:ecog"], cox.Terms.Select(Name));
    }

    [Fact]
    public void TheStudysGroupMayBeAFactorOfAnInteractionAndCarriesItsReference()
    {
        var study = TestStudies.BindClean(Study.Replace("  outcome Relapse", "  groups {\n    A \"A\": age < 50\n    B \"B\": age >= 50\n  }\n  outcome Relapse", System.StringComparison.Ordinal)
            .Replace("model cox Relapse ~ age * sex * ecog", "model cox Relapse ~ group * age reference group = B", System.StringComparison.Ordinal));

        var cox = (BoundCox)study.Analyses[3];
        Assert.Equal(["group", "age", "group:age"], cox.Terms.Select(Name));
        Assert.Equal([(true, "B"), (false, null)], cox.Terms[2].Interaction.Select(f => (f.Covariate is null, f.ReferenceLevel)));
        Assert.Contains("CoxTerm.Product(new CoxTerm(null, \"B\"), new CoxTerm(age, null))", GeneratedCodeText.Unqualified(CSharpEmitter.Emit(study)), System.StringComparison.Ordinal);
    }

    [Fact]
    public void InteractionsAreEmittedAsCoxTermProductsAndTheCodeCompiles()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(Study));

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        code = GeneratedCodeText.Unqualified(code);
        Assert.Contains("CoxTerm.Product(new CoxTerm(sex, null), new CoxTerm(ecog, null))", code, System.StringComparison.Ordinal);
        Assert.Contains("new(arm, \"control\")", code, System.StringComparison.Ordinal);
        Assert.Contains("\"Treatment \\\"new\\\"\"", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AGroupSetIsAFixedTermOfAMixedModel()
    {
        var study = TestStudies.BindClean("""
            study T {
              table subjects from "s.csv" key id {
                id: text
                age: number
              }
              table visits from "v.csv" of subjects by id {
                id: text
                week: integer
                score: number
              }
              groups arm {
                treat "Treatment": age < 40
                control "Control": age >= 40
              }
              outcome Score: repeated visits.score over week
              model mixed Score ~ arm * week + (1 | id)
            }
            """);

        var mixed = (BoundMixedModel)study.Analyses[0];
        Assert.Equal(["arm", "week", "arm:week"], mixed.FixedTerms.Select(t => string.Join(":", t.Factors.Select(f => f.Name))));
        Assert.Equal(("arm", TermFactorKind.Covariate), (mixed.FixedTerms[0].Factors[0].Covariate!.GroupSet!.Name, mixed.FixedTerms[0].Factors[0].Kind));
        Assert.Empty(GeneratedCodeCompiler.Problems(CSharpEmitter.Emit(study)));
    }

    private static string Name(BoundCoxTerm term) => term.Interaction.IsEmpty
        ? term.Covariate?.Name ?? "group"
        : string.Join(":", term.Interaction.Select(Name));
}
