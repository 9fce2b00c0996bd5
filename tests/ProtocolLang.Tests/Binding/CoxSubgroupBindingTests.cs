using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Emit;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// <c>model cox ... subgroup</c> at the binder and emitter: which term is the treatment, how subgroup factors are bound and
/// emitted. The numbers are checked against R in ProtocolLang.Cli.Tests' CoxSubgroupRunTests; the bad cases are
/// TestFiles/bad/291-cox-subgroups.
/// </summary>
public class CoxSubgroupBindingTests
{
    private const string Study = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            age: number
            sex: category(F "Female", M "Male")
            arm: category(placebo, active)
            frail: bool
            months: number
            relapsed: bool
          }
          groups {
            A "A": age < 50
            B "B": age >= 50
          }
          outcome Relapse: time_to_event(months, relapsed)
          model cox Relapse ~ arm + age subgroup sex, age >= 65, frail as by_arm
          model cox Relapse ~ age + group + sex subgroup sex reference sex = M as by_group
          model cox Relapse ~ arm + age as without
        }
        """;

    [Fact]
    public void WithoutAGroupTermTheFirstTermIsTheTreatmentAndEachSubgroupIsAFactor()
    {
        var cox = (BoundCox)TestStudies.BindClean(Study).Analyses[0];

        Assert.Equal(0, cox.Subgroups!.Treatment);
        Assert.Equal(["sex", "age >= 65", "frail"], cox.Subgroups.Factors.Select(f => f.Covariate!.Name));
        Assert.True(cox.Subgroups.Factors[1].Covariate!.LevelsAsWritten);
        Assert.Equal(VariableKind.Binary, cox.Subgroups.Factors[2].Covariate!.Kind);
    }

    [Fact]
    public void TheGroupTermIsTheTreatmentWhereverItIsAndASubgroupThatIsATermKeepsItsReference()
    {
        var cox = (BoundCox)TestStudies.BindClean(Study).Analyses[1];

        Assert.Equal(1, cox.Subgroups!.Treatment);
        Assert.Null(cox.Terms[1].Covariate);
        Assert.Equal("M", Assert.Single(cox.Subgroups.Factors).ReferenceLevel);
    }

    [Fact]
    public void AModelWithoutTheClauseHasNoSubgroups()
    {
        Assert.Null(((BoundCox)TestStudies.BindClean(Study).Analyses[2]).Subgroups);
    }

    [Fact]
    public void SubgroupsAreEmittedAsACoxSubgroupSpecAndTheCodeCompiles()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(Study));

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        code = GeneratedCodeText.Unqualified(code);
        Assert.Contains("Subgroups: new CoxSubgroupSpec(0, new CoxTerm[] { new(sex, null), new(", code, System.StringComparison.Ordinal);
        Assert.Contains("Subgroups: new CoxSubgroupSpec(1, new CoxTerm[] { new(sex, \"M\") }", code, System.StringComparison.Ordinal);
        Assert.Equal(2, code.Split("Subgroups:").Length - 1);
    }
}
