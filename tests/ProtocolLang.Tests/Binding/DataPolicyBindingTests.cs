using System.Linq;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Emit;

namespace ProtocolLang.Tests.Binding;

/// <summary><c>on_invalid</c> (study and table) and <c>groups on_overlap</c>: bound, emitted into the schema, compiled.</summary>
public sealed class DataPolicyBindingTests
{
    private const string Study = """
        study P {
          STUDY_POLICY
          table subjects from "s.csv" key id SUBJECTS_POLICY {
            id: text
            sex: category(F, M)
          }
          table visits from "v.csv" of subjects by id {
            id: text
            month: integer
          }
          groups GROUPS_POLICY {
            Women "Women" : sex == F
            Men "Men" : sex == M
          }
          describe sex by group
        }
        """;

    private static string Text(string study = "", string subjects = "", string groups = "") =>
        Study.Replace("STUDY_POLICY", study, System.StringComparison.Ordinal)
            .Replace("SUBJECTS_POLICY", subjects, System.StringComparison.Ordinal)
            .Replace("GROUPS_POLICY", groups, System.StringComparison.Ordinal);

    [Fact]
    public void WithoutAPolicyEveryTableAndTheGroupsAreStrict()
    {
        var study = TestStudies.BindClean(Text());

        Assert.All(study.Tables, t => Assert.False(t.ExcludeInvalidRows));
        Assert.False(study.ExcludeOverlapping);
        Assert.DoesNotContain("DataPolicy", CSharpEmitter.Emit(study), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATableHeaderClauseAppliesToThatTableOnly()
    {
        var study = TestStudies.BindClean(Text(subjects: "on_invalid exclude"));

        Assert.Equal([true, false], study.Tables.Select(t => t.ExcludeInvalidRows));
    }

    [Fact]
    public void TheStudyDeclarationAppliesToEveryTableAndATableMayStayStrict()
    {
        var study = TestStudies.BindClean(Text(study: "on_invalid exclude", subjects: "on_invalid fail"));

        Assert.Equal([false, true], study.Tables.Select(t => t.ExcludeInvalidRows));
    }

    [Fact]
    public void OnOverlapExcludeIsBoundAndEmittedWithTheTablePoliciesAndTheGeneratedCodeCompiles()
    {
        var study = TestStudies.BindClean(Text(subjects: "on_invalid exclude", groups: "on_overlap exclude"));
        var code = CSharpEmitter.Emit(study);

        Assert.True(study.ExcludeOverlapping);
        Assert.Contains("}) { OnInvalid = global::ProtocolLang.Runtime.Data.DataPolicy.Exclude },", code, System.StringComparison.Ordinal);
        Assert.Contains("OnOverlap = global::ProtocolLang.Runtime.Data.DataPolicy.Exclude,", code, System.StringComparison.Ordinal);
        Assert.Empty(GeneratedCodeCompiler.Problems(code));
    }

    [Fact]
    public void TheStudysWarningsAreWrittenIntoTheSchemaWithTheirLineAndColumnAndTheCodeCompiles()
    {
        var text = Text().Replace("Men \"Men\" : sex == M", "Anyone \"Anyone\" : sex in (F, M)", System.StringComparison.Ordinal);
        var compilation = StudyCompiler.Compile("dir/p.study", text);
        var warning = Assert.Single(compilation.Diagnostics, d => d.Severity == global::ProtocolLang.Diagnostics.DiagnosticSeverity.Warning);
        Assert.Equal("PL2038", warning.Id);

        var line = warning.Location.LineSpan.Start.Line + 1;
        var column = warning.Location.LineSpan.Start.Character + 1;
        Assert.Contains($"new(\"{warning.Id}\", \"p.study\", {line}, {column}, ", compilation.GeneratedSource, System.StringComparison.Ordinal);
        Assert.Empty(GeneratedCodeCompiler.Problems(compilation.GeneratedSource!));
    }
}
