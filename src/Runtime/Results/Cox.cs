using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>A fitted Cox proportional-hazards model, as <c>summary(coxph(...))</c>; NaN is null.</summary>
/// <param name="Ties">"efron" or "breslow".</param>
/// <param name="Strata">Names of the stratification variables; empty without strata.</param>
/// <param name="N">Subjects in the fit (complete cases).</param>
/// <param name="Excluded">Subjects left out for a missing time, event or covariate.</param>
/// <param name="Iterations">Newton-Raphson iterations (R's <c>fit$iter</c>).</param>
/// <param name="Concordance">Harrell's C, as R's <c>concordance(fit)</c>.</param>
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
    double Concordance);

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
