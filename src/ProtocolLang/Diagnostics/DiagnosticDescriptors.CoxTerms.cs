namespace ProtocolLang.Diagnostics;

/// <summary>PL2190-PL2193: interactions in Cox formulas. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    private const string CoxTerms = "Binding";

    public static DiagnosticDescriptor CoxSelfInteraction { get; } = Error("PL2191", "Factor interacting with itself",
        "'{0}' appears twice in the interaction '{1}'; the factors of an interaction must be different variables", CoxTerms);
}
