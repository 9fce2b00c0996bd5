using System;
using Microsoft.CodeAnalysis;
using ProtocolLang.Generator.Model;

namespace ProtocolLang.Generator;

/// <summary>
/// Problems of the generator itself (Generation, PL39xx). Everything else the generator reports
/// comes from <see cref="ProtocolLang.Diagnostics.DiagnosticDescriptors"/> through <see cref="DiagnosticMapper"/>.
/// These are built as models too, so every diagnostic is reported the same way.
/// </summary>
internal static class GeneratorDiagnostics
{
    public const string Category = "ProtocolLang.Generation";

    /// <summary>PL3901: the compiler threw; the build goes on without this study's code.</summary>
    public static DiagnosticModel CompilerCrashed(string path, Exception exception) => new(
        "PL3901",
        "The ProtocolLang compiler failed",
        $"the ProtocolLang compiler failed on this file and generated no code: {exception.GetType().FullName}: {exception.Message}",
        DiagnosticSeverity.Error,
        Category,
        LocationInfo.StartOf(path));

    /// <summary>PL3902: the build gave the file but its text could not be read.</summary>
    public static DiagnosticModel StudyUnreadable(string path) => new(
        "PL3902",
        "The .study file could not be read",
        "the .study file could not be read; expected a readable text file",
        DiagnosticSeverity.Error,
        Category,
        LocationInfo.StartOf(path));

    /// <summary>PL3903: two studies would generate the same file (and the same C# types).</summary>
    public static DiagnosticModel DuplicateGeneratedFile(string path, string hintName, string firstPath) => new(
        "PL3903",
        "Two studies generate the same file",
        $"this study generates '{hintName}', which '{firstPath}' already generates; give each study in a project a unique name",
        DiagnosticSeverity.Error,
        Category,
        LocationInfo.StartOf(path));
}
