namespace ProtocolLang.Diagnostics;

/// <summary>PL2245–PL2246: <c>model mmrm</c>. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor RandomTermInMmrm { get; } = Error("PL2245", "Random-effects term in an MMRM",
        "an MMRM models the within-subject covariance with 'covariance us|cs|ar1|toep', not with random effects; remove '{0}' (or use 'model mixed')", Analyses);

    public static DiagnosticDescriptor MmrmMeansFactor { get; } = Error("PL2246", "Visit means of the wrong factor",
        "'means' of a mixed model or MMRM takes one factor, whose means are estimated at each visit of '{0}'; found {1}", Analyses);
}
