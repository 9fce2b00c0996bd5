namespace ProtocolLang.Catalog;

/// <summary>
/// Whether, and from which sufficient statistics, an analysis kind is computed under <c>compute in engine</c>: the engine
/// returns only aggregates (<see cref="Statistics"/>) and the in-memory kernels finish them, so the result is the one the
/// rows give in memory. A kind the engine cannot serve yet says why (<see cref="Reason"/>), and the binder reports it
/// (PL2275) instead of reading the rows behind the study's back.
/// </summary>
/// <param name="Statistics">What the engine returns for the kind, in words (null when it cannot be computed there).</param>
/// <param name="Reason">Why the kind is not computed in an engine (null when it is).</param>
public sealed record EngineSupport(string? Statistics, string? Reason)
{
    public bool Supported => Statistics is not null;

    public static EngineSupport From(string statistics) => new(statistics, null);

    public static EngineSupport NotYet(string reason) => new(null, reason);
}

/// <summary>The engine column of the catalog: one entry per analysis kind (<see cref="AnalysisKind.Engine"/>).</summary>
public static class EngineCatalog
{
    private const string NotFromRandomEffectsSums = "the per-subject sums of a random-effects model (SqlMixedModel) do not give";

    /// <summary>The engine support of kind <paramref name="kind"/>; a kind not listed is not computed in an engine.</summary>
    public static EngineSupport Of(string kind) => kind switch
    {
        "kaplan_meier" => EngineSupport.From("events and censorings per (group, time), horizon applied (SqlSurvivalCounts)"),
        "logrank" => EngineSupport.From("events and censorings per (stratum, group, time), horizon applied (SqlSurvivalCounts); pairwise tests from the same counts"),
        "compare" => EngineSupport.From(
            "one GROUP BY (group, value) per variable: a number's value counts (Mann-Whitney with the Hodges-Lehmann shift and CI, Kruskal-Wallis, Student's and Welch's t, medians, quartiles, box plots), a yes/no or category's counts per level (Fisher, chi-square) (SqlNumberCounts, SqlValueCounts)"),
        "describe" => EngineSupport.From(
            "one GROUP BY (group, value) per variable: a number's value counts (n, missing, mean, SD, SE, type-7 median and quartiles, range, exact), a yes/no or category's counts per level (SqlNumberCounts, SqlValueCounts)"),
        "cox" => EngineSupport.From(
            "Σexp(η), Σx·exp(η), Σxx'·exp(η) per (stratum, time, status), one query per Newton iteration (SqlCox); with zph none, and no interaction, subgroup or exact ties (PL2281, PL2282, PL2276); no concordance"),
        "linear" => EngineSupport.From(
            "two scans: n with the complete subjects' level counts and means, then X'X, X'y and y'y of the design columns shifted by those means (a third under sum contrasts for anova type3) (SqlRegression); no robust SEs or means (PL2276), no factor(x) of a number (PL2298)"),
        "logistic" or "poisson" => EngineSupport.From(
            "the linear model's design scan, then one scan per IRLS point returning Σw·x·x', Σw·x·z and the deviance at the current β, the in-memory iteration and convergence rule (SqlGlm; a Poisson model adds a GROUP BY of the response); Wald intervals, no profile-likelihood intervals; no offset, family quasi or means (PL2276)"),
        "negative_binomial" => EngineSupport.NotYet("θ's Newton steps need one query each (Σ digamma and trigamma of θ + y with the step's μ-dependent sums), which are not built yet (PL2297)"),
        "mixed" => EngineSupport.From(
            "the child rows joined to the analysed subjects in the engine: counts per (group, reason, time), one GROUP BY subject query of Z'Z, Z'X, Z'y, one aggregate of X'X, X'y, y'y (SqlMixedModel); group, time and factor(time) terms, a random intercept and/or slope on time; no covariates, means or anova type1 (PL2283)"),
        "mmrm" => EngineSupport.NotYet("an MMRM's likelihood needs, per pattern of visits, the sums of each pair of visits' rows (x x', x y, y y), which "
            + NotFromRandomEffectsSums),
        "rm_anova" => EngineSupport.NotYet("its error strata and Mauchly's test need the complete subjects' visit-by-visit cross-products, which "
            + NotFromRandomEffectsSums),
        _ => EngineSupport.NotYet("no engine form of its sufficient statistics yet"),
    };
}
