using System;
using Microsoft.CodeAnalysis;
using DiagnosticDescriptors = ProtocolLang.Diagnostics.DiagnosticDescriptors;
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
        DiagnosticDescriptors.CompilerCrashed.Id,
        DiagnosticDescriptors.CompilerCrashed.Title,
        Format(DiagnosticDescriptors.CompilerCrashed, exception.GetType().FullName, exception.Message),
        DiagnosticSeverity.Error,
        Category,
        LocationInfo.StartOf(path));

    /// <summary>PL3902: the build gave the file but its text could not be read.</summary>
    public static DiagnosticModel StudyUnreadable(string path) => new(
        DiagnosticDescriptors.StudyUnreadable.Id,
        DiagnosticDescriptors.StudyUnreadable.Title,
        DiagnosticDescriptors.StudyUnreadable.MessageFormat,
        DiagnosticSeverity.Error,
        Category,
        LocationInfo.StartOf(path));

    /// <summary>PL3903: two studies would generate the same file (and the same C# types).</summary>
    public static DiagnosticModel DuplicateGeneratedFile(string path, string hintName, string firstPath) => new(
        DiagnosticDescriptors.DuplicateGeneratedFile.Id,
        DiagnosticDescriptors.DuplicateGeneratedFile.Title,
        Format(DiagnosticDescriptors.DuplicateGeneratedFile, hintName, firstPath),
        DiagnosticSeverity.Error,
        Category,
        LocationInfo.StartOf(path));

    private static string Format(ProtocolLang.Diagnostics.DiagnosticDescriptor descriptor, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, descriptor.MessageFormat, args);
}
