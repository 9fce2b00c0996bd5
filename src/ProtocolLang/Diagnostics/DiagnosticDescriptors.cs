namespace ProtocolLang.Diagnostics;

/// <summary>
/// Every diagnostic ProtocolLang reports. One partial file per phase
/// (<c>DiagnosticDescriptors.Syntax.cs</c>, <c>.Binding.cs</c>, <c>.Emit.cs</c>); each ID is documented
/// in <c>docs/diagnostics.md</c>, and a test checks the two lists agree.
/// </summary>
public static partial class DiagnosticDescriptors
{
    private static DiagnosticDescriptor Error(string id, string title, string format, string category) =>
        new(id, title, format, DiagnosticSeverity.Error, category);

    private static DiagnosticDescriptor Warning(string id, string title, string format, string category) =>
        new(id, title, format, DiagnosticSeverity.Warning, category);
}
