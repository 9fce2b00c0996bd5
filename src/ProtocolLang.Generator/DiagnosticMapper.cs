using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ProtocolLang.Generator.Model;
using StudyDiagnostic = ProtocolLang.Diagnostics.Diagnostic;
using StudySeverity = ProtocolLang.Diagnostics.DiagnosticSeverity;
using StudySourceLocation = ProtocolLang.Text.SourceLocation;

namespace ProtocolLang.Generator;

/// <summary>
/// Converts ProtocolLang's diagnostics to the generator's equatable <see cref="DiagnosticModel"/>,
/// and a model to the Roslyn <see cref="Diagnostic"/> the build prints as
/// <c>file.study(12,5): error PL2003: message</c>.
/// </summary>
internal static class DiagnosticMapper
{
    private const string DefaultCategory = "ProtocolLang";

    public static DiagnosticModel ToModel(StudyDiagnostic diagnostic) => new(
        diagnostic.Id,
        diagnostic.Descriptor.Title,
        diagnostic.Message,
        ToRoslyn(diagnostic.Severity),
        string.IsNullOrEmpty(diagnostic.Descriptor.Category) ? DefaultCategory : diagnostic.Descriptor.Category,
        ToLocationInfo(diagnostic.Location));

    /// <summary>
    /// The message is passed as the argument of a <c>"{0}"</c> format, so braces in it (from the
    /// user's text) are never read as placeholders.
    /// </summary>
    public static Diagnostic ToDiagnostic(DiagnosticModel model)
    {
        var descriptor = new DiagnosticDescriptor(
            model.Id,
            model.Title,
            "{0}",
            model.Category,
            model.Severity,
            isEnabledByDefault: true);
        return Diagnostic.Create(descriptor, model.Location.ToLocation(), model.Message);
    }

    public static LocationInfo ToLocationInfo(StudySourceLocation location) => new(
        location.Path,
        new TextSpan(location.Span.Start, location.Span.Length),
        new LinePositionSpan(
            new LinePosition(location.LineSpan.Start.Line, location.LineSpan.Start.Character),
            new LinePosition(location.LineSpan.End.Line, location.LineSpan.End.Character)));

    private static DiagnosticSeverity ToRoslyn(StudySeverity severity) => severity switch
    {
        StudySeverity.Error => DiagnosticSeverity.Error,
        StudySeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
