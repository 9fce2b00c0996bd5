using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

public class CSharpEmitterTests
{
    private static string EmitExample() => CSharpEmitter.Emit(TestStudies.BindClean(TestStudies.ReadExample(), "nxp2_jdm.study"));

    [Fact]
    public void TheExampleEmitsTheGoldenCode()
    {
        Golden.Verify(EmitExample(), "tests", "ProtocolLang.Tests", "Emit", "Golden", "Nxp2Jdm.g.cs.expected");
    }

    [Fact]
    public void TheExampleCodeCompilesAgainstTheRuntimeApiWithoutWarnings()
    {
        Assert.Empty(GeneratedCodeCompiler.Problems(EmitExample()));
    }

    [Fact]
    public void TwoStudiesWithTheSameCategoryColumnCompileTogetherInOneProject()
    {
        static string Study(string name) => CSharpEmitter.Emit(TestStudies.BindClean($$"""
            study {{name}} {
              table subjects from "subjects.csv" key id {
                id: text
                sex: category(F, M)
              }
              groups {
                Women "Women": sex == F
                Men "Men": sex == M
              }
              describe sex by group
            }
            """, name + ".study"));

        Assert.Empty(GeneratedCodeCompiler.Problems(Study("First"), Study("Second")));
    }

    [Fact]
    public void AnalysisOptionsEmitAsRuntimeOptionsThatCompile()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean("""
            study Options {
              table subjects from "subjects.csv" key id {
                id: text
                age: number
                mas: bool
                arm: category(A, B, C)
              }
              groups {
                A "A": arm == A
                B "B": arm == B
                C "C": arm == C
              }
              outcome Age: continuous age summary geometric_mean
              describe age, mas by group statistics mean_se, geometric_mean, percent_ci quantile_type 6
              describe age by group quantile_type 2
              describe age by group decimals 1
              describe age, mas by group decimals age = 2
              compare Age: A vs each using mann_whitney exact no_correct adjust holm
              compare Age: A vs B using mann_whitney approximate
              compare mas: A vs B using chi_square no_correct
              compare Age across groups using welch_anova
              compare Age: A vs B using mann_whitney
              compare Age: A vs B using mann_whitney no_conf_int
            }
            """, "options.study"));

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        code = GeneratedCodeText.Unqualified(code);
        Assert.Contains("new DescribeOptions(new DescribeStatistic[] { DescribeStatistic.MeanSe, DescribeStatistic.GeometricMean, DescribeStatistic.PercentCi }, QuantileType: 6), age, mas);", code, System.StringComparison.Ordinal);
        Assert.Contains("new DescribeOptions(null, QuantileType: 2), age);", code, System.StringComparison.Ordinal);
        Assert.Contains("new DescribeOptions(null, QuantileType: 7, Decimals: 1), age);", code, System.StringComparison.Ordinal);
        Assert.Contains("new DescribeOptions(null, QuantileType: 7, VariableDecimals: new (string, int)[] { (\"age\", 2) }), age, mas);", code, System.StringComparison.Ordinal);
        Assert.Contains("TestKind.MannWhitney, AdjustMethod.Holm, new TestOptions(ExactMode.Exact, Correct: false));", code, System.StringComparison.Ordinal);
        Assert.Contains("TestKind.MannWhitney, AdjustMethod.None, new TestOptions(ExactMode.Approximate, Correct: true));", code, System.StringComparison.Ordinal);
        Assert.Contains("TestKind.ChiSquare, AdjustMethod.None, new TestOptions(ExactMode.Default, Correct: false));", code, System.StringComparison.Ordinal);
        Assert.Contains("TestKind.WelchAnova, AdjustMethod.None);", code, System.StringComparison.Ordinal);
        Assert.Contains("TestKind.MannWhitney, AdjustMethod.None);", code, System.StringComparison.Ordinal);
        Assert.Contains("TestKind.MannWhitney, AdjustMethod.None, new TestOptions(ExactMode.Default, Correct: true, ConfInt: false));", code, System.StringComparison.Ordinal);
        Assert.Contains("Summary.GeometricMean", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void IsMissingOnAComputedNumberAlsoCatchesUndefinedValuesButAColumnStaysANullCheck()
    {
        var code = CSharpEmitter.Emit(TestStudies.BindClean("""
            study Undefined {
              table subjects from "subjects.csv" key id {
                id: text
                x: number optional
                derive lx = log(x)
              }
              include "Defined log": lx is not missing
              exclude "No x": x is missing
              groups {
                All "All": x > 0 or x <= 0
              }
            }
            """, "undefined.study"));

        // log(0) is NaN and x / 0 an infinity, not null: Fn.IsMissing counts them as missing.
        Assert.Contains("r => !global::ProtocolLang.Runtime.Plan.Fn.IsMissing(r.Lx)", code, System.StringComparison.Ordinal);
        Assert.Contains("r => r.X is null", code, System.StringComparison.Ordinal);
        Assert.Empty(GeneratedCodeCompiler.Problems(code));
    }

    [Fact]
    public void MixedModelCovariatesArePassedWithTheirVariablesAndCompile()
    {
        var study = TestStudies.BindClean(TestStudies.ReadExample().Replace(
            "model mixed CMASCourse ~ group * factor(month) + (1 | id)",
            "model mixed CMASCourse ~ group * factor(month) + age + sex * factor(month) + factor(calcinosis) + (1 | id)",
            System.StringComparison.Ordinal), "nxp2_jdm.study");

        string code = CSharpEmitter.Emit(study);

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        code = GeneratedCodeText.Unqualified(code);
        Assert.Contains("new(new TermFactor[] { new(\"age\", TermFactorKind.Covariate, age) }),", code, System.StringComparison.Ordinal);
        Assert.Contains("new(new TermFactor[] { new(\"sex\", TermFactorKind.Covariate, sex), new(\"month\", TermFactorKind.TimeAsFactor) }),", code, System.StringComparison.Ordinal);
        Assert.Contains("new(\"calcinosis\", TermFactorKind.CovariateAsFactor, calcinosis)", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TheCompileCheckDoesReportBrokenCode()
    {
        Assert.NotEmpty(GeneratedCodeCompiler.Problems(EmitExample().Replace("Fn.Log(Ck)", "Fn.Log(Ck, Ck)", System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("fi-FI")]
    [InlineData("ar-SA")]
    public void EmittingUnderAnyCultureGivesTheSameText(string culture)
    {
        var study = TestStudies.BindClean(TestStudies.ReadExample().Replace("range 0..100", "range -1.5..100.25", System.StringComparison.Ordinal), "nxp2_jdm.study");
        var invariant = WithCulture(CultureInfo.InvariantCulture, () => CSharpEmitter.Emit(study));

        var local = WithCulture(CultureInfo.GetCultureInfo(culture), () => CSharpEmitter.Emit(study));

        Assert.Equal(invariant, local);
        Assert.Contains("Min: -1.5, Max: 100.25", invariant, System.StringComparison.Ordinal);
    }

    [Fact]
    public void EmittingTwiceGivesIdenticalText()
    {
        Assert.Equal(EmitExample(), EmitExample());
    }

    [Theory]
    [InlineData("x\"); System.Environment.Exit(1); //")]
    [InlineData("line\nbreak \u2028 sep \u2029 para \u0085 nel { } \" \\ end")]
    [InlineData("*/ </summary> \r\n #error injected")]
    [InlineData("bidi \u202E override \uD83D\uDE00 emoji \0 nul")]
    public void StringsFromTheStudyFileEndUpAsDataInTheGeneratedCode(string label)
    {
        var text = """
            study T {
              title "TITLE"
              table subjects from "PATH" key id {
                id: text label "LABEL"
                age: number unit "UNIT"
              }
              groups {
                All "LABEL": age >= 0
              }
              include "LABEL": id != "LABEL"
              describe age by group
            }
            """;
        var escaped = label.Replace("\\", "\\\\", System.StringComparison.Ordinal).Replace("\"", "\\\"", System.StringComparison.Ordinal)
            .Replace("\n", "\\n", System.StringComparison.Ordinal).Replace("\r", "\\r", System.StringComparison.Ordinal);
        var study = TestStudies.BindClean(text.Replace("LABEL", escaped, System.StringComparison.Ordinal)
            .Replace("TITLE", escaped, System.StringComparison.Ordinal).Replace("PATH", escaped, System.StringComparison.Ordinal)
            .Replace("UNIT", escaped, System.StringComparison.Ordinal));
        Assert.Equal(label, study.Title);

        var code = CSharpEmitter.Emit(study);

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        var tree = CSharpSyntaxTree.ParseText(code);
        var literals = tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).Select(l => l.Token.ValueText).ToList();
        // title, table source, column label, unit (schema and variable), group label, criterion label and the compared text,
        // and the last three again in the cohort's SQL form and in Run's column-wise criteria and groups
        Assert.Equal(14, literals.Count(l => l == label));
        Assert.DoesNotContain(tree.GetRoot().DescendantNodes().OfType<MemberAccessExpressionSyntax>(), m => m.ToString().Contains("Environment", System.StringComparison.Ordinal));
        Assert.DoesNotContain(tree.GetRoot().DescendantTrivia(), t => t.IsKind(SyntaxKind.ErrorDirectiveTrivia));
    }

    [Fact]
    public void KeywordNamesAreEscapedWithAnAt()
    {
        var study = TestStudies.BindClean("""
            study @T {
              table @class from "c.csv" key id {
                id: integer
                @event: bool
                @int: category(@class, @string, @value__)
                source_row: number optional
                derive @double = if @event then source_row * 2 else missing
              }
              groups {
                @namespace "N": @int == @class
                @return "R": @int in (@string, @value__)
              }
              describe @event, @int, @double by group
            }
            """.Replace("@", string.Empty, System.StringComparison.Ordinal));

        var code = CSharpEmitter.Emit(study);

        Assert.Empty(GeneratedCodeCompiler.Problems(code));
        Assert.Contains("public enum Int { @class, @string, value__2 }", code, System.StringComparison.Ordinal);
        Assert.Contains("var @event = ", code, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ASCII")]
    [InlineData("TIF1γ+ JDM")]
    [InlineData("\u0001\u007f\u00a0\u00ad\ud800")]
    public void StringLiteralsRoundTripThroughTheCSharpParser(string value)
    {
        var literal = CSharpLiterals.String(value);

        var parsed = SyntaxFactory.ParseExpression(literal);

        Assert.Equal(value, ((LiteralExpressionSyntax)parsed).Token.ValueText);
        Assert.DoesNotContain('\n', literal);
    }

    private static T WithCulture<T>(CultureInfo culture, System.Func<T> action)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
