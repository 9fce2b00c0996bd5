namespace ProtocolLang.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}
