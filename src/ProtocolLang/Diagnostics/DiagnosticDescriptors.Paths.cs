namespace ProtocolLang.Diagnostics;

/// <summary>PL2070-PL2079: paths the study declares. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor PathOutsideStudy { get; } = Warning("PL2070", "Path outside the study's folder",
        "{0} is '{1}', which {2}; 'run' refuses it unless allowed with --allow-outside (or StudyRunOptions.AllowOutside)", Binding);
}
