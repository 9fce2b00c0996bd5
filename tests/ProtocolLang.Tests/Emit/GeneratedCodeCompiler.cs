using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>Compiles emitted code with Roslyn against the runtime API stub and the real runtime Data types (as source).</summary>
internal static class GeneratedCodeCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray());

    public static CSharpCompilation Compile(string generated)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var runtime = Path.Combine(TestStudies.RepositoryRoot, "src", "Runtime", "Data");
        var sources = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(generated, options, "Study.g.cs"),
            CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Emit", "RuntimeApiStub.cs")), options, "RuntimeApiStub.cs"),
        };
        sources.AddRange(Directory.GetFiles(runtime, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, Path.GetFileName(f))));
        return CSharpCompilation.Create("GeneratedStudy", sources, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Errors and warnings of the generated file (other files are the stub's business).</summary>
    public static string[] Problems(string generated) =>
        Compile(generated).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
}
