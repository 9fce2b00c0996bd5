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
    /// <summary>
    /// A compilation with the references and no source, whose referenced assemblies are bound once: a
    /// compilation derived from it with <c>AddSyntaxTrees</c> reuses them, which makes each further compile
    /// several times faster (the property tests compile hundreds of studies).
    /// </summary>
    private static readonly Lazy<CSharpCompilation> Empty = new(() =>
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();
        var empty = CSharpCompilation.Create("GeneratedStudy", [], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _ = empty.GlobalNamespace.GetMembers();
        return empty;
    });

    /// <summary>Compiles one or more generated files together, as in one consuming project.</summary>
    public static CSharpCompilation Compile(params string[] generated)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var sources = generated.Select((code, i) => CSharpSyntaxTree.ParseText(code, options, $"Study{i}.g.cs"));
        return Empty.Value.AddSyntaxTrees(sources);
    }

    /// <summary>Errors and warnings of the generated files.</summary>
    public static string[] Problems(params string[] generated) =>
        Compile(generated).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
}
