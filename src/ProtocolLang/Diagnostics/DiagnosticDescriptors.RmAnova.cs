namespace ProtocolLang.Diagnostics;

/// <summary>PL2260–PL2263: <c>model rm_anova</c>. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor RmAnovaWithinFactor { get; } = Error("PL2260", "Repeated-measures ANOVA without its within-subject factor",
        "a repeated-measures ANOVA's within-subject factor is the visit, written 'factor({0})'; {1}", Analyses);

    public static DiagnosticDescriptor RmAnovaTermNotAFactor { get; } = Error("PL2261", "Repeated-measures ANOVA term that is not a between-subject factor",
        "a repeated-measures ANOVA's other terms are between-subject factors (a category, a bool, a group set, group or factor(x) of a subject-level number); '{0}' is {1}", Analyses);

    public static DiagnosticDescriptor RmAnovaNotFactorial { get; } = Error("PL2262", "Repeated-measures ANOVA that does not cross its factors",
        "a repeated-measures ANOVA tests every effect of the full factorial of its factors, as afex; write '{0}' (missing: {1})", Analyses);

    public static DiagnosticDescriptor RandomTermInRmAnova { get; } = Error("PL2263", "Random-effects term in a repeated-measures ANOVA",
        "a repeated-measures ANOVA takes its error strata from the subjects and visits, not from random effects; remove '{0}' (or use 'model mixed')", Analyses);
}
