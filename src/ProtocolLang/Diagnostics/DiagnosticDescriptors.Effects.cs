namespace ProtocolLang.Diagnostics;

/// <summary>PL2220-PL2229: the effect measures of <c>compare</c> (risk_difference ... rate_difference). Each is in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor EffectAcrossGroups { get; } = Error("PL2220", "Effect measure across more than two groups",
        "'{0}' compares two groups, but there are {1}; name the pair ('A vs B', 'A vs each' or 'all pairs')", Binding);

    public static DiagnosticDescriptor EffectDoesNotFit { get; } = Error("PL2221", "Effect measure does not fit the variable",
        "'{0}' needs {1} variable; '{2}' is {3}{4}", Binding);

    public static DiagnosticDescriptor RateWithoutPersonTime { get; } = Error("PL2222", "Rate without person-time",
        "'{0}' needs the person-time of each subject: add 'per VARIABLE' (e.g. 'per person_years')", Binding);

    public static DiagnosticDescriptor PersonTimeWithoutRate { get; } = Error("PL2223", "Person-time without a rate",
        "'per' gives the person-time of rate_ratio and rate_difference; '{0}' does not take it", Binding);

    public static DiagnosticDescriptor StrataNotTaken { get; } = Error("PL2224", "Strata not taken by this test",
        "'strata' is not available with '{0}'{1}", Binding);

    public static DiagnosticDescriptor CorrectionWithExactTest { get; } = Error("PL2225", "Continuity correction with the exact test",
        "'no_correct' turns off the continuity correction of the Mantel-Haenszel chi-squared test; 'conditional' uses the exact conditional test (R's mantelhaen.test(exact = TRUE)), which has none", Binding);

    public static DiagnosticDescriptor BadPersonTime { get; } = Error("PL2226", "Person-time is not a number",
        "'per' needs a number (the person-time of each subject); '{0}' is {1}", Binding);

    public static DiagnosticDescriptor CorrectionWithoutStrata { get; } = Error("PL2227", "Continuity correction without strata",
        "'no_correct' turns off the continuity correction of the Mantel-Haenszel test, which runs with 'strata'; '{0}' without strata has no correction", Binding);
}
