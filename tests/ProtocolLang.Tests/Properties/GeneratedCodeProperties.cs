using System.Collections.Immutable;
using System.Linq;
using CsCheck;
using ProtocolLang.Diagnostics;
using ProtocolLang.Emit;
using ProtocolLang.Tests.Binding;
using ProtocolLang.Tests.Emit;

namespace ProtocolLang.Tests.Properties;

/// <summary>
/// Whatever a valid study calls things, its generated C# compiles without errors or warnings. CsCheck
/// prints the failing study (shrunk) and the seed that reproduces it: set it in <c>CsCheck_Seed</c>.
/// </summary>
public class GeneratedCodeProperties
{
    /// <summary>Enough to meet every kind of name many times over: 24 s on this 2-core machine under a load of 7 (30 s of CPU).</summary>
    private const int Cases = 200;

    [Fact]
    public void EveryRandomValidStudyBindsCleanlyAndGeneratesCSharpThatCompiles()
    {
        RandomStudy.Gen.Sample(study =>
        {
            var text = study.Text();
            var result = TestStudies.Bind(text);
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "the random study does not bind:\n" + string.Join("\n", errors));

            // The binder's warnings go into the generated schema, as StudyCompiler passes them.
            var warnings = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToImmutableArray();
            var code = CSharpEmitter.Emit(result.Study!, warnings);

            var problems = GeneratedCodeCompiler.Problems(code);
            Assert.True(problems.Length == 0, "the generated C# does not compile:\n" + string.Join("\n", problems));
        }, iter: Cases, print: study => "\n" + study.Text());
    }
}
