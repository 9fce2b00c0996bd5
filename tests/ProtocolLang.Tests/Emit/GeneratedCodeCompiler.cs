using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ProtocolLang.Tests.Emit;

/// <summary>
/// Compiles emitted code with Roslyn against the real ProtocolLang.Runtime assembly (it is in the test
/// host's trusted platform assemblies) plus <c>RuntimeApiStub.cs</c> for the API not on main yet.
/// </summary>
internal static class GeneratedCodeCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray());

    public static CSharpCompilation Compile(string generated)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var sources = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(generated, options, "Study.g.cs"),
            CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Emit", "RuntimeApiStub.cs")), options, "RuntimeApiStub.cs"),
        };
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
