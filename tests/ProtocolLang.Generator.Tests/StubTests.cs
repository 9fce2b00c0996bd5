using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProtocolLang.Generator.Tests.TestHelpers;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Generator.Tests;

/// <summary>
/// A study with errors: the build reports its PL errors and nothing else. C# that uses the study's
/// namespace and class must not add CS0234/CS0246/CS0103 errors of its own (the generator emits a
/// stub, <see cref="ProtocolLang.Emit.StudyStubEmitter"/>).
/// </summary>
public sealed class StubTests
{
    /// <summary>What a program using study Bad writes (as <c>protocollang new</c>'s Program.cs does).</summary>
    private const string ProgramUsingBad = """
        using System;
        using System.Linq;
        using ProtocolLang.Runtime.Plan;
        using ProtocolLang.Studies.Bad;

        public static class App
        {
            public static int Main()
            {
                var results = BadStudy.Run(new StudyRunOptions { StudyDirectory = "." });
                Console.WriteLine(BadStudy.Name + " " + BadStudy.Schema.Tables.Count + " " + BadStudy.AnalysisPlan.Count);
                Console.WriteLine(results.Study.Name + typeof(BadStudy).Assembly.GetName().Name);
                return results.Analyses.Count;
            }
        }
        """;

    [Fact]
    public void CSharpUsingAStudyWithErrorsGetsNoErrorsOfItsOwn()
    {
        var driver = GeneratorHarness.CreateDriver(new InMemoryAdditionalText("/p/bad.study", TestStudies.ThreeMistakes))
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(ProgramUsingBad), out var output, out _);

        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id.StartsWith("PL", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void StubHasTheNamesOfTheFullCodeSoCodeThatCompilesAgainstOneCompilesAgainstTheOther()
    {
        var fixedStudy = TestStudies.Valid("Bad");
        var driver = GeneratorHarness.CreateDriver(new InMemoryAdditionalText("/p/bad.study", fixedStudy))
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(ProgramUsingBad), out var output, out _);

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void StubOfAProjectWithoutTheRuntimeDeclaresOnlyFrameworkTypedMembers()
    {
        var withoutRuntime = CSharpCompilation.Create(
            "NoRuntime",
            [CSharpSyntaxTree.ParseText("public static class App { public static string N => ProtocolLang.Studies.Bad.BadStudy.Name; }", GeneratorHarness.ParseOptions)],
            GeneratorHarness.References.Where(r => !(r.Display ?? string.Empty).EndsWith("ProtocolLang.Runtime.dll", StringComparison.OrdinalIgnoreCase)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.DoesNotContain(withoutRuntime.ReferencedAssemblyNames, a => a.Name == "ProtocolLang.Runtime");

        var driver = GeneratorHarness.CreateDriver(new InMemoryAdditionalText("/p/bad.study", TestStudies.ThreeMistakes))
            .RunGeneratorsAndUpdateCompilation(withoutRuntime, out var output, out _);

        var stub = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.DoesNotContain("ProtocolLang.Runtime", stub, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void StubRunThrowsSoAStudyWithErrorsNeverRunsEvenWithItsErrorsSuppressed()
    {
        var (output, _) = GeneratorHarness.RunAndCompile("/p/bad.study", TestStudies.ThreeMistakes);
        using var image = new MemoryStream();
        Assert.True(output.Emit(image).Success);
        image.Position = 0;

        var context = new AssemblyLoadContext("stub", isCollectible: true);
        try
        {
            var study = context.LoadFromStream(image).GetType("ProtocolLang.Studies.Bad.BadStudy", throwOnError: true)!;
            Assert.Equal("Bad", study.GetField("Name")!.GetValue(null));
            var run = study.GetMethod("Run")!;
            var thrown = Assert.Throws<TargetInvocationException>(() => run.Invoke(null, [new StudyRunOptions { StudyDirectory = "." }]));
            var problem = Assert.IsType<InvalidOperationException>(thrown.InnerException);
            Assert.Contains("bad.study", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void StudyWhoseHeaderDoesNotParseGetsNoStub()
    {
        var result = GeneratorHarness.Run("/p/broken.study", "stdy X { }");

        Assert.Empty(result.GeneratedSources);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
