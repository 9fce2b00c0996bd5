using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ProtocolLang.Tests.Emit;

/// <summary>
/// Compiles emitted code with Roslyn against the real ProtocolLang.Runtime assembly (it is in the test
/// host's trusted platform assemblies).
/// </summary>
internal static class GeneratedCodeCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray());

    /// <summary>Compiles one or more generated files together, as in one consuming project.</summary>
    public static CSharpCompilation Compile(params string[] generated)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var sources = generated.Select((code, i) => CSharpSyntaxTree.ParseText(code, options, $"Study{i}.g.cs")).ToList();
        return CSharpCompilation.Create("GeneratedStudy", sources, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Errors and warnings of the generated files.</summary>
    public static string[] Problems(params string[] generated) =>
        Compile(generated).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
}
