using System.Globalization;
using ProtocolLang.Text;

namespace ProtocolLang.Diagnostics;

/// <summary>One reported problem in a <c>.study</c> file, with its exact span.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceLocation Location, string Message)
{
    public string Id => Descriptor.Id;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>The message quotes text from the study; control characters in it are escaped (<see cref="DisplayText"/>)
    /// so that printing a diagnostic never sends a study's ESC or BEL to a terminal.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] args) =>
        new(descriptor, location, DisplayText.Escape(string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat, args)));

    /// <summary>As a compiler prints it: <c>file.study(12,5): error PL2003: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {SeverityText(Severity)} {Id}: {Message}";

    private static string SeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
