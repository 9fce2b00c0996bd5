namespace ProtocolLang.Diagnostics;

/// <summary>
/// A kind of diagnostic: a stable ID (<c>PL</c> + four digits, by phase: PL1xxx syntax,
/// PL2xxx binding, PL3xxx generation, PL4xxx data, PL5xxx statistics), never reused.
/// <paramref name="MessageFormat"/> uses <c>{0}</c>-style placeholders.
/// </summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    DiagnosticSeverity Severity,
    string Category);
