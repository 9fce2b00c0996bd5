using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>A fitted Cox proportional-hazards model, as <c>summary(coxph(...))</c>; NaN is null.</summary>
/// <param name="Ties">"efron", "breslow" or "exact", as <c>coxph(ties = )</c>.</param>
/// <param name="Strata">Names of the stratification variables; empty without strata.</param>
/// <param name="N">Subjects in the fit (complete cases).</param>
/// <param name="Excluded">Subjects left out for a missing time, event or covariate.</param>
/// <param name="Iterations">Newton-Raphson iterations (R's <c>fit$iter</c>).</param>
/// <param name="Concordance">Harrell's C, as R's <c>concordance(fit)</c>.</param>
/// <param name="ConcordanceStandardError">Its SE, sqrt(<c>concordance(fit)$var</c>) = <c>summary(fit)$concordance[2]</c>.</param>
/// <param name="ProportionalHazards">The test of proportional hazards, as <c>cox.zph(fit, transform = )</c>; null (omitted) for <c>zph none</c>.</param>
public sealed record CoxResult(
    string Ties,
    IReadOnlyList<string> Strata,
    int N,
    int Excluded,
    int Events,
    int Iterations,
    bool Converged,
    IReadOnlyList<CoxTermResult> Terms,
    double LogLikelihoodNull,
    double LogLikelihood,
    CoxTestResult LikelihoodRatio,
    CoxTestResult Wald,
    CoxTestResult Score,
    double Concordance,
    double ConcordanceStandardError,
    CoxProportionalHazardsResult? ProportionalHazards)
{
    /// <summary>The time-to-event outcome modelled (its name in the study), so a report can match the model to the outcome's curves.</summary>
    public string? Outcome { get; init; }

    /// <summary>R's <c>AIC(fit)</c>: −2 log L + 2 × (estimated coefficients); null without events.</summary>
    public double Aic { get; init; } = double.NaN;

    /// <summary>R's <c>BIC(fit)</c>: −2 log L + log(events) × (estimated coefficients), survival counting events as n; null without events.</summary>
    public double Bic { get; init; } = double.NaN;

    /// <summary>R's <c>vcov(fit)</c>: rows and columns in the order of <see cref="Terms"/>; null (NA) for aliased terms.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Vcov { get; init; } = [];

    /// <summary>The treatment's hazard ratio per subgroup level with the interaction tests (<c>subgroup s, t</c>); null (omitted) without.</summary>
    public CoxSubgroupsResult? Subgroups { get; init; }

    /// <summary>For a model fitted in an engine (<c>compute in engine</c>): what the fit cost and what it could not give; null (omitted) in memory.</summary>
    public CoxEngineResult? Engine { get; init; }
}

/// <summary>
/// A Cox model fitted where the rows live (push-down): one query for the means, then one GROUP BY (stratum, time,
/// status) per evaluation of the partial likelihood; only per-time sums come back.
/// </summary>
/// <param name="Queries">Queries the fit ran (the means, then β = 0 and one per Newton iteration).</param>
/// <param name="RowsReceived">Rows that came back over those queries.</param>
/// <param name="Received">What came back, in <paramref name="ReceivedUnit"/>.</param>
/// <param name="ReceivedUnit">"bytes" (an HTTP engine's bodies as received) or "values" (rows × columns, an ADO.NET engine, whose driver does not expose its wire bytes).</param>
/// <param name="NotAvailable">What an engine fit does not give (the concordance, cox.zph, residuals) and why.</param>
public sealed record CoxEngineResult(long Queries, long RowsReceived, long Received, string ReceivedUnit, string NotAvailable);

/// <summary>
/// One design column: a numeric covariate, or one level of a factor against its reference.
/// A coefficient that may be infinite (monotone likelihood) keeps R's estimate but has no SE,
/// z, p or CI: those numbers would be artefacts of where the iteration stopped.
/// </summary>
/// <param name="Term">R's column name (<c>groupNXP2_JDM</c>, <c>age</c>, <c>sexM</c>).</param>
/// <param name="Label">For a reader: "NXP2+ JDM vs NXP2+ adult DM", "Age at diagnosis (per years)".</param>
/// <param name="Status">"ok", "possibly_infinite" or "aliased".</param>
public sealed record CoxTermResult(
    string Term,
    string Variable,
    string Label,
    string? Level,
    string? ReferenceLevel,
    string Status,
    double Coefficient,
    double HazardRatio,
    double StandardError,
    double Z,
    double PValue,
    double HazardRatioLow,
    double HazardRatioHigh);

/// <summary>A global test of a Cox model: "likelihood_ratio", "wald" or "score".</summary>
public sealed record CoxTestResult(string Test, double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>
/// The Grambsch-Therneau test of proportional hazards, as R survival 3.x's
/// <c>cox.zph(fit, transform = Transform, terms = TRUE)</c>: one row per model term, then "GLOBAL".
/// </summary>
/// <param name="Transform">The time scale of the test: "km" (1 − the pooled Kaplan-Meier, the default), "rank"
/// (the rank of the time among all subjects' times), "identity" (the time) or "log" (log time).</param>
/// <param name="Reason">Why the tests are undefined (all null), or absent.</param>
public sealed record CoxProportionalHazardsResult(string Transform, IReadOnlyList<CoxProportionalHazardsTerm> Tests, string? Reason);

/// <summary>One row of <c>cox.zph(fit)$table</c>; Term is the covariate's name or "GLOBAL".</summary>
public sealed record CoxProportionalHazardsTerm(string Term, string Label, double ChiSquare, int DegreesOfFreedom, double PValue);
