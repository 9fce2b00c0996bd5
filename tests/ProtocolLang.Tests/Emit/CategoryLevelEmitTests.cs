using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>Coded, quoted and labelled levels reach generated code as string literals, and the code compiles.</summary>
public class CategoryLevelEmitTests
{
    private const string Study = """
        study Codes {
          table subjects from "subjects.csv" {
            sex: category(1 "Male", 2 "Female")
            rx: category("Obs", "Lev+5FU" "Say \"hi\" \\ back\nto me", "class")
            time: number
            status: integer
          }
          groups {
            Men "Men": sex == 1
            Women "Women": sex == 2 and rx in ("Obs", "Lev+5FU")
          }
          outcome Death: time_to_event(time, status == 2)
          describe sex, rx by group
          model kaplan_meier Death by group at 12
        }
        """;

    private static string Emit() => CSharpEmitter.Emit(TestStudies.BindClean(Study, "codes.study"));

    [Fact]
    public void CodedAndQuotedLevelsCompileAgainstTheRuntime()
    {
        Assert.Empty(GeneratedCodeCompiler.Problems(Emit()));
    }

    [Fact]
    public void LabelsWithQuotesBackslashesAndNewlinesStayStringLiterals()
    {
        var code = Emit();

        Assert.Contains("new[] { \"Obs\", \"Lev+5FU\", \"class\" }, new[] { \"Obs\", \"Say \\\"hi\\\" \\\\ back\\nto me\", \"class\" }", code, System.StringComparison.Ordinal);
        Assert.Contains("new[] { \"1\", \"2\" }, new[] { \"Male\", \"Female\" }", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TheSchemaHoldsTheCodesTheFileHolds()
    {
        Assert.Contains("Levels: new[] { \"1\", \"2\" }", Emit(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ASubjectTableWithoutKeyIsKeyedByItsRowNumber()
    {
        var code = Emit();

        Assert.Contains("Key: null", code, System.StringComparison.Ordinal);
        Assert.Contains("run.Cohort(subjectsTable, r => subjectsTable.SourceRows[r].ToString(global::System.Globalization.CultureInfo.InvariantCulture), ", code, System.StringComparison.Ordinal);
    }
}
