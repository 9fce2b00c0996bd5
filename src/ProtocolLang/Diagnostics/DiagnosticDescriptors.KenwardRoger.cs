namespace ProtocolLang.Diagnostics;

/// <summary>PL2255: the <c>df kr</c> option of <c>model mixed</c> and <c>model mmrm</c>. Documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor KenwardRogerNeedsReml { get; } = Error("PL2255", "Kenward-Roger df of an ML fit",
        "Kenward-Roger degrees of freedom are defined for REML fits only (as lmerTest and pbkrtest); remove 'method ml' or use 'df satterthwaite'", Analyses);
}
