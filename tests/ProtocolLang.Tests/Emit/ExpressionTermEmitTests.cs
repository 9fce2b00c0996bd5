using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>Expressions as factors, strata, inline outcomes and mixed-model terms emit code that compiles, strings escaped.</summary>
public class ExpressionTermEmitTests
{
    private const string Study = """
        study Expressions {
          table subjects from "s.csv" key id {
            id: text
            site: text optional
            age: number
            sex: category(F, M)
            months: number
            status: integer
            relapsed: bool
            dose: number optional
          }
          table visits from "v.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          outcome Relapse: time_to_event(months, relapsed)
          outcome Score: repeated visits.score over week
          describe age, age >= 65 by age >= 65, sex
          describe age by site == "a \"quoted\" \\ site"
          model cox Relapse ~ age within dose > 1
          test logrank Relapse by sex strata age >= 65
          model cox Relapse ~ age strata age >= 65
          model kaplan_meier time_to_event(months / 12, status == 2) by sex
          test logrank time_to_event(months, status == 2) overall
          model mixed Score ~ log(week + 1) * sex + log(age) + (1 | id) overall
          model mixed Score ~ week / 4 + (week | id) overall where week > 0
        }
        """;

    private static string Emit() => CSharpEmitter.Emit(TestStudies.BindClean(Study, "expressions.study"));

    [Fact]
    public void ExpressionTermsCompileAgainstTheRuntimeApi()
    {
        Assert.Empty(GeneratedCodeCompiler.Problems(Emit()));
    }

    [Fact]
    public void ABoolFactorIsCategoricalWithLevelsLabelledAsWrittenBesideTheBinaryHeadOfTheSameText()
    {
        var code = Emit();

        Assert.Contains("Variables.Binary(subjects, \"age >= 65\", \"age >= 65\", ", code, System.StringComparison.Ordinal);
        Assert.Contains("Variables.Categorical(subjects, \"age >= 65\", \"age >= 65\", new[] { \"false\", \"true\" }, new[] { \"age >= 65: false\", \"age >= 65: true\" }, ", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AFactorsTextIsEscaped()
    {
        Assert.Contains("\"site == \\\"a \\\\\\\"quoted\\\\\\\" \\\\\\\\ site\\\": true\"", Emit(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ARowTermIsBuiltOverTheSameRowsAsTheResponse()
    {
        var code = Emit();

        Assert.Contains("new(\"log(week + 1)\", global::ProtocolLang.Runtime.Plan.TermFactorKind.RowCovariate, global::ProtocolLang.Runtime.Plan.Variables.Repeated(visits, \"log(week + 1)\"", code, System.StringComparison.Ordinal);
        // With a where over the child rows, the term's rows are selected by the same condition as the response's.
        Assert.Contains("\"week / 4\", null, \"week\", r => ", code, System.StringComparison.Ordinal);
        Assert.Matches("TermFactorKind\\.RowCovariate, [^\\n]*\"week / 4\"[^\\n]*\"week > 0\"\\)", code);
    }
}
