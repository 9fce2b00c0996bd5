using Microsoft.CodeAnalysis;

namespace ProtocolLang.Generator.Model;

/// <summary>
/// A diagnostic as an equatable value: everything needed to report it, nothing that holds on to
/// a compilation. <see cref="DiagnosticMapper.ToDiagnostic"/> makes the Roslyn diagnostic.
/// </summary>
internal sealed record DiagnosticModel(
    string Id,
    string Title,
    string Message,
    DiagnosticSeverity Severity,
    string Category,
    LocationInfo Location);
