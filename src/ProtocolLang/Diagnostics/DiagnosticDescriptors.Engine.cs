namespace ProtocolLang.Diagnostics;

/// <summary>PL2273–PL2282: <c>compute in engine</c>. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    private const string EngineCategory = "Binding";

    public static DiagnosticDescriptor UnknownComputePlace { get; } = Error("PL2273", "Unknown place to compute in",
        "'compute in' takes 'engine' (the analyses run where the subject rows live); found '{0}'", EngineCategory);

    public static DiagnosticDescriptor TableNotInEngine { get; } = Error("PL2274", "Table that cannot be computed in an engine",
        "table '{0}' cannot be computed in an engine: {1}", EngineCategory);

    public static DiagnosticDescriptor AnalysisNotInEngine { get; } = Error("PL2275", "Analysis kind not computed in an engine",
        "analysis '{0}' cannot be computed in an engine: {1}; remove 'compute in engine' to run it on the rows in memory", EngineCategory);

    public static DiagnosticDescriptor EngineOptionNotSupported { get; } = Error("PL2276", "Analysis option not computed in an engine",
        "analysis '{0}' cannot be computed in an engine: {1}", EngineCategory);

    public static DiagnosticDescriptor EngineScopeNotSupported { get; } = Error("PL2277", "Analysis scope not computed in an engine",
        "analysis '{0}' cannot be computed in an engine: its '{1}' clause is not computed in an engine yet (only the study's groups, or 'by group')", EngineCategory);

    public static DiagnosticDescriptor NoEngineForm { get; } = Error("PL2278", "Expression without an engine form",
        "{0} has no engine form: {1}", EngineCategory);

    public static DiagnosticDescriptor EngineInvalidRowsExclude { get; } = Error("PL2279", "Invalid-row policy 'exclude' in an engine",
        "'on_invalid exclude' is not computed in an engine yet (the engine's data check fails the run on any invalid row); remove it, or remove 'compute in engine'", EngineCategory);

    public static DiagnosticDescriptor EngineSubsetNotSupported { get; } = Error("PL2280", "Population or group set in an engine",
        "{0} '{1}' is not computed in an engine yet; remove it, or remove 'compute in engine'", EngineCategory);

    public static DiagnosticDescriptor EngineCoxTermNotSupported { get; } = Error("PL2281", "Cox term not fitted in an engine",
        "analysis '{0}': the term '{1}' cannot be fitted in an engine: {2}; remove it, or remove 'compute in engine'", EngineCategory);

    public static DiagnosticDescriptor EngineCoxZph { get; } = Error("PL2282", "Proportional-hazards test in an engine",
        "analysis '{0}' asks for the proportional-hazards test (zph {1}{2}), which needs each subject's residuals, and an engine returns only per-time sums; write 'zph none' to fit the model in the engine (its concordance is then reported as not available), or remove 'compute in engine'", EngineCategory);
}

/// <summary>PL2284, PL2285: <c>describe</c> and <c>compare</c> under <c>compute in engine</c>. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor EngineTestNotSupported { get; } = Error("PL2284", "Comparison test not computed in an engine",
        "analysis '{0}' cannot be computed in an engine: the test '{1}' {2}; an engine run compares with mann_whitney, t_test, welch, fisher, chi_square or kruskal_wallis", EngineCategory);

    public static DiagnosticDescriptor EngineStatisticNotSupported { get; } = Error("PL2285", "Summary statistic not computed in an engine",
        "analysis '{0}' cannot be computed in an engine: {1}", EngineCategory);
}

/// <summary>PL2297, PL2298: regressions under <c>compute in engine</c>. Documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor EngineNegativeBinomial { get; } = Error("PL2297", "Negative binomial model in an engine",
        "analysis '{0}' cannot be computed in an engine yet: glm.nb's estimate of θ alternates with IRLS, and each of its Newton steps needs Σ digamma(θ + y) and Σ trigamma(θ + y) over the subjects (from the counts of each value of y) with the μ-dependent sums of that step, one query each, which the engine path does not build yet; remove 'compute in engine', or fit 'model poisson ... family quasi' in memory", EngineCategory);

    public static DiagnosticDescriptor EngineRegressionTermNotSupported { get; } = Error("PL2298", "Regression term not fitted in an engine",
        "analysis '{0}': the term '{1}' cannot be fitted in an engine: {2}; remove it, or remove 'compute in engine'", EngineCategory);
}

/// <summary>PL2283: <c>model mixed</c> under <c>compute in engine</c>. Documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor EngineMixedNotSupported { get; } = Error("PL2283", "Mixed-model term or option not fitted in an engine",
        "analysis '{0}' cannot be fitted in an engine: {1}; an engine fits group, time and factor(time) terms with a random intercept and/or slope on time from per-subject sums; remove it, or remove 'compute in engine'", EngineCategory);

}
