namespace ProtocolLang.Diagnostics;

/// <summary>PL2256: the random-effects terms of <c>model mixed</c> (issue 13). Documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor RandomTermsNotSupported { get; } = Error("PL2256", "Random-effects terms not supported",
        "a mixed model takes one random-effects term per subject ('(1 | {0})', '(1 + {1} | {0})', '(0 + {1} | {0})'), or an uncorrelated random intercept and slope, '(1 | {0}) + (0 + {1} | {0})', written '({1} || {0})' as in lme4; found {2}", Analyses);
}
