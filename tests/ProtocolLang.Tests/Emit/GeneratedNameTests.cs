using System.Linq;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>
/// Names from the study that the emitter turns into C# identifiers: whatever a valid study calls its
/// study, tables, columns, derives, levels, groups and outcomes, the generated code compiles.
/// </summary>
public class GeneratedNameTests
{
    /// <summary>A small valid study; NAME, TABLE, COLUMN, DERIVE, LEVEL, GROUP and OUTCOME are replaced.</summary>
    private const string Template = """
        study NAME {
          table TABLE from "subjects.csv" key id {
            id: text
            COLUMN: category(LEVEL, other)
            age: number
            derive DERIVE = age * 2
          }
          table visits from "visits.csv" of TABLE by id {
            id: text
            month: number
            ck: number
          }
          groups {
            GROUP "First": COLUMN == LEVEL
            Second "Second": COLUMN == other
          }
          outcome OUTCOME: continuous DERIVE
          outcome Course: repeated visits.ck over month
          describe age, COLUMN, OUTCOME by group
          compare OUTCOME: GROUP vs Second using mann_whitney
          model mixed Course ~ group * month + (1 | id)
        }
        """;

    private static string Study(string name = "S", string table = "subjects", string column = "arm", string level = "a",
        string derive = "twice", string group = "First", string outcome = "Twice") =>
        Template.Replace("NAME", name, System.StringComparison.Ordinal).Replace("TABLE", table, System.StringComparison.Ordinal)
            .Replace("COLUMN", column, System.StringComparison.Ordinal).Replace("LEVEL", level, System.StringComparison.Ordinal)
            .Replace("DERIVE", derive, System.StringComparison.Ordinal).Replace("GROUP", group, System.StringComparison.Ordinal)
            .Replace("OUTCOME", outcome, System.StringComparison.Ordinal);

    private static void AssertCompiles(string text)
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean(text));
        Assert.Empty(GeneratedCodeCompiler.Problems(code));
    }

    [Theory]
    [InlineData("Fn")]
    [InlineData("StudyRun")]
    [InlineData("Variable")]
    [InlineData("Variables")]
    [InlineData("DataTable")]
    [InlineData("Array")]
    [InlineData("String")]
    [InlineData("System")]
    [InlineData("Math")]
    [InlineData("Enumerable")]
    [InlineData("CultureInfo")]
    [InlineData("Func")]
    [InlineData("ProtocolLang")]
    [InlineData("Runtime")]
    [InlineData("Studies")]
    [InlineData("Summary")]
    [InlineData("Pairing")]
    [InlineData("DateOnly")]
    [InlineData("Nullable")]
    [InlineData("global")]
    [InlineData("class")]
    public void AStudyNamedLikeARuntimeOrSystemTypeCompiles(string name)
    {
        AssertCompiles(Study(name: name));
    }

    [Theory]
    [InlineData("Fn")]
    [InlineData("StudyRun")]
    [InlineData("CultureInfo")]
    [InlineData("System")]
    [InlineData("Array")]
    [InlineData("Criterion")]
    [InlineData("MemberwiseClone")]
    [InlineData("ToString")]
    [InlineData("GetType")]
    [InlineData("ReferenceEquals")]
    public void ColumnsLevelsAndGroupsNamedLikeRuntimeTypesCompile(string name)
    {
        AssertCompiles(Study(column: name, level: name, group: name, outcome: name + "_o", derive: name + "_d"));
    }

    [Fact]
    public void TablesThatPascalCaseToTheSameNameGetDistinctMembers()
    {
        AssertCompiles(Study(table: "s_row").Replace("describe", """
              table sRow from "more.csv" of s_row by id {
                id: text
                x: number
              }
              describe
            """, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("schema")]
    [InlineData("run")]
    [InlineData("groups")]
    [InlineData("criteria")]
    [InlineData("analysis_plan")]
    [InlineData("name")]
    [InlineData("read_visits")]
    public void ATableOrCategoryNamedLikeAStudyClassMemberCompiles(string name)
    {
        AssertCompiles(Study(table: name, column: name + "_c"));
        AssertCompiles(Study(column: name));
    }

    [Fact]
    public void AStudyWhoseClassNameEqualsAReaderCompiles()
    {
        // study Read + table study: the class ReadStudy would also get a reader method ReadStudy.
        AssertCompiles(Study(name: "Read", table: "study"));
    }

    [Theory]
    [InlineData("source_row")]
    [InlineData("equality_contract")]
    [InlineData("reference_equals")]
    [InlineData("get_hash_code")]
    [InlineData("to_string")]
    [InlineData("subjects_row")]
    public void ADeriveNamedLikeAGeneratedMemberCompiles(string name)
    {
        AssertCompiles(Study(derive: name));
    }

    [Theory]
    [InlineData("value__")]
    [InlineData("ToString")]
    [InlineData("GetHashCode")]
    [InlineData("Equals")]
    [InlineData("GetType")]
    [InlineData("HasFlag")]
    [InlineData("CompareTo")]
    [InlineData("GetTypeCode")]
    [InlineData("Finalize")]
    [InlineData("MemberwiseClone")]
    public void LevelsAndGroupsNamedLikeEnumMembersCompile(string name)
    {
        AssertCompiles(Study(level: name, group: name));
    }

    [Theory]
    [InlineData("var")]
    [InlineData("value")]
    [InlineData("nameof")]
    [InlineData("field")]
    [InlineData("await")]
    [InlineData("scoped")]
    [InlineData("record")]
    [InlineData("global")]
    [InlineData("dynamic")]
    [InlineData("_")]
    [InlineData("_1")]
    [InlineData("event")]
    [InlineData("rows")]
    [InlineData("i")]
    [InlineData("r")]
    [InlineData("options")]
    public void KeywordAndContextualKeywordNamesCompileEverywhere(string name)
    {
        AssertCompiles(Study(column: name, level: name, group: name, derive: name + "_d", outcome: name + "_o"));
        AssertCompiles(Study(table: name, derive: name));
    }

    [Fact]
    public void AKeywordWithANumberIsTheSameLocalAsTheNameWithoutTheAt()
    {
        // _static and _STATIC both want the local @static; the second must not become @static2, which is static2.
        AssertCompiles(Study(table: "_static").Replace("age: number", """
                age: number
                _STATIC: number
                static2: number
            """, System.StringComparison.Ordinal).Replace("describe age,", "describe _STATIC, static2, age,", System.StringComparison.Ordinal));
    }

    [Fact]
    public void NamesThatDifferOnlyInCaseOrUnderscoresCompile()
    {
        AssertCompiles(Study(column: "arm").Replace("age: number", """
                age: number
                Age: number
                a_ge: number
                AGE: category(a, A, a_, A_)
                Arm: category(x, y)
                _arm: bool
            """, System.StringComparison.Ordinal).Replace("describe age,", "describe age, Age, a_ge, AGE, Arm, _arm,", System.StringComparison.Ordinal));
    }

    [Fact]
    public void NamesOfTheLongestAllowedLengthCompileEverywhere()
    {
        static string Long(char c) => new(c, ProtocolLang.Binding.Binder.MaxNameLength);
        AssertCompiles(Study(name: Long('S'), table: Long('t'), column: Long('c'), level: Long('l'), derive: Long('d'), group: Long('G'), outcome: Long('O')));
    }

    [Theory]
    [InlineData("study", 490)]
    [InlineData("table", 129)]
    [InlineData("column", 129)]
    [InlineData("level", 129)]
    [InlineData("derived variable", 1020)]
    [InlineData("group", 129)]
    [InlineData("outcome", 129)]
    public void ANameLongerThanTheLimitIsAnErrorAtItsDeclaration(string kind, int length)
    {
        var name = new string('n', length);
        var text = kind switch
        {
            "study" => Study(name: name),
            "table" => Study(table: name),
            "column" => Study(column: name),
            "level" => Study(level: name),
            "derived variable" => Study(derive: name),
            "group" => Study(group: name),
            _ => Study(outcome: name),
        };

        var diagnostics = TestStudies.Bind(text).Diagnostics;

        var tooLong = Assert.Single(diagnostics, d => d.Id == "PL2080");
        Assert.Equal(text.IndexOf(name, System.StringComparison.Ordinal), tooLong.Location.Span.Start);
        Assert.Equal(length, tooLong.Location.Span.Length);
        Assert.Equal(kind + " name '" + new string('n', 32) + "...' has " + length + " characters; a name may have at most 128 (it becomes part of C# identifiers)", tooLong.Message);
    }

    [Fact]
    public void AStudyWithATooLongNameGetsItsStubUnderAHintNameThatFitsAFileName()
    {
        var compilation = StudyCompiler.Compile("long.study", Study(name: new string('n', 490)));

        Assert.True(compilation.HasErrors);
        Assert.NotNull(compilation.Stub);
        Assert.Equal(new string('n', 128) + ".g.cs", compilation.HintName);
    }

    [Theory]
    [InlineData("größe")]
    [InlineData("时间")]
    [InlineData("naïve_x")]
    public void UnicodeLettersInANameGiveAnErrorOrCodeThatCompilesNeverABrokenRun(string name)
    {
        // The grammar's names are ASCII today; should it accept more, the emitter maps other letters to '_' and numbers clashes.
        var compilation = StudyCompiler.Compile("test.study", Study(column: name, group: name + "_g"));

        if (compilation.HasErrors)
        {
            Assert.Null(compilation.GeneratedSource);
        }
        else
        {
            Assert.Empty(GeneratedCodeCompiler.Problems(compilation.GeneratedSource!));
        }

        Assert.True(compilation.HasErrors || compilation.GeneratedSource is not null);
    }

    [Fact]
    public void AGroupNamedLikeATableAndAnOutcomeNamedLikeAColumnCompile()
    {
        AssertCompiles(Study(group: "visits", outcome: "Visits"));
    }
}
