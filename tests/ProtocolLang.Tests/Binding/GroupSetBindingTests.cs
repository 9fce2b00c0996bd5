using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;
using ProtocolLang.Syntax;
using ProtocolLang.Tests.Emit;
using static ProtocolLang.Tests.Parsing.ParserTestHelpers;

namespace ProtocolLang.Tests.Binding;

public class GroupSetBindingTests
{
    private const string Study = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            age: number
            arm_code: integer
            sex: category(F, M)
          }
          groups {
            Young "Young": age < 50
            Old "Old": age >= 50
          }
          groups arm on_overlap exclude {
            treat "Treatment": arm_code == 1
            control "Control": arm_code == 2
          }
          groups site {
            north "North": arm_code < 10
          }
          describe age by arm
          describe age by sex within arm
        }
        """;

    [Fact]
    public void ANamedGroupsBlockKeepsItsNameAndPolicyAndTheUnnamedOneHasNone()
    {
        var study = ParseClean(Study);
        var blocks = study.Declarations.OfType<GroupsSyntax>().ToList();

        Assert.Equal([null, "arm", "site"], blocks.Select(b => b.Name?.Name));
        Assert.Equal("exclude", blocks[1].OnOverlap!.Value.Name);
        Assert.Null(blocks[2].OnOverlap);
    }

    [Fact]
    public void ByAndWithinResolveAGroupSetAsACategoricalFactorAndTheStudyGroupsStayTheUnnamedBlock()
    {
        var study = TestStudies.BindClean(Study);

        Assert.Equal(["Young", "Old"], study.Groups.Select(g => g.Name));
        Assert.Equal(["arm", "site"], study.GroupSets.Select(s => s.Name));
        Assert.True(study.GroupSets[0].ExcludeOverlapping);
        Assert.Equal(["Treatment", "Control"], study.GroupSets[0].Groups.Select(g => g.Label));
        var by = Assert.Single(study.Analyses[0].Scope.By).Variable!;
        Assert.Equal((VariableKind.Categorical, "arm"), (by.Kind, by.GroupSet!.Name));
        Assert.Equal("arm", study.Analyses[1].Scope.Within!.Variable!.GroupSet!.Name);
    }

    [Fact]
    public void AGroupSetIsEmittedAsACategoricalFactorWithItsPolicyAndTheCodeCompiles()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(Study));

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        code = GeneratedCodeText.Unqualified(code);
        Assert.True(code.Contains(
            "var arm = GroupSets.Categorical(subjects, \"arm\", \"s.csv\", \"id\", r => subjectsTable.SourceRows[r], new GroupDefinition<int>[] { "
            + "new GroupDefinition<int>(\"treat\", \"Treatment\", r => Fn.Eq<double>(subjectsArmCode[r].GetValueOrDefault(), 1.0)), ", System.StringComparison.Ordinal), code);
        Assert.Contains("}, true);", code, System.StringComparison.Ordinal);
    }
}
