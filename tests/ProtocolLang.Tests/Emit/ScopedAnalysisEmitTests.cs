using System;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>Analyses with ids and scope clauses emit <c>AnalysisInfo</c>/<c>AnalysisScope</c> calls that compile.</summary>
public class ScopedAnalysisEmitTests
{
    private const string Study = """
        study Scoped {
          table subjects from "s.csv" key id {
            id: text
            site: text
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
          describe age, sex by sex, adult where site != "a \"quoted\" \\ site" as table_one
          describe age overall
          model kaplan_meier Relapse overall at 12
          model cox Relapse ~ age within sex
          compare CK: A vs B using welch where adult
          model mixed Course ~ group + month + (1 | id) where month > 0
          test logrank Relapse by adult
          population ITT "Intention to treat": true
          population PP "Per \"protocol\"": adult and age > 18
          describe age in PP
          describe log(age), age / 10, age > 40 by sex
          compare age / 1000: A vs B using welch
          model cox Relapse ~ group + log(age) + age / 10
          model cox Relapse ~ age zph rank
          model cox Relapse ~ sex zph none
        }
        """;

    private static string Emit() => CSharpEmitter.Emit(TestStudies.BindClean(Study, "scoped.study"));

    [Fact]
    public void ScopedAnalysesCompileAgainstTheRuntimeApi()
    {
        Assert.Empty(GeneratedCodeCompiler.Problems(Emit()));
    }

    [Fact]
    public void OnlyACoxModelWithAnotherZphTimeScaleNamesIt()
    {
        var code = Emit();

        Assert.Contains("Zph: global::ProtocolLang.Runtime.Plan.ZphTransform.Rank));", code, StringComparison.Ordinal);
        Assert.Contains("Zph: global::ProtocolLang.Runtime.Plan.ZphTransform.None));", code, StringComparison.Ordinal);
        Assert.DoesNotContain("ZphTransform.Km", code, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScopeIsWrittenOnTheAnalysisInfo()
    {
        var code = Emit();

        Assert.Contains("AnalysisInfo(\"table_one\", ", code, System.StringComparison.Ordinal);
        Assert.Contains("By = new global::ProtocolLang.Runtime.Plan.Variable[] { sex, adult }", code, System.StringComparison.Ordinal);
        Assert.Contains("WhereText = \"site != \\\"a \\\\\\\"quoted\\\\\\\" \\\\\\\\ site\\\"\"", code, System.StringComparison.Ordinal);
        Assert.Contains("Overall = true", code, System.StringComparison.Ordinal);
        Assert.Contains("Within = sex", code, System.StringComparison.Ordinal);
        Assert.Contains("\"month > 0\")", code, System.StringComparison.Ordinal);
        Assert.Contains("run.Population(\"PP\", \"Per \\\"protocol\\\"\", new global::ProtocolLang.Runtime.Plan.PopulationCondition[] { new(\"adult\", ", code, System.StringComparison.Ordinal);
        Assert.Contains("Population = \"PP\"", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnalysisWithoutScopeClausesHasNoScope()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(TestStudies.ReadExample(), "nxp2_jdm.study"));

        Assert.DoesNotContain("Scope = ", code, System.StringComparison.Ordinal);
        Assert.Contains("AnalysisInfo(\"kaplan_meier_relapse\", ", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ExpressionsWhereAVariableIsAcceptedBecomeVariablesLabelledByTheirText()
    {
        var code = Emit();

        Assert.Contains("Variables.Continuous(subjects, \"log(age)\", \"log(age)\", null, ", code, System.StringComparison.Ordinal);
        Assert.Contains("Variables.Binary(subjects, \"age > 40\", \"age > 40\", ", code, System.StringComparison.Ordinal);
        Assert.Contains("\"age / 1000\"", code, System.StringComparison.Ordinal);
    }
}
