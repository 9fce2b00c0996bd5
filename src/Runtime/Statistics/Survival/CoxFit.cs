using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>How tied event times enter the Cox partial likelihood.</summary>
public enum CoxTies
{
    /// <summary>Efron (1977) approximation, <c>coxph(ties = "efron")</c> (R's default).</summary>
    Efron,

    /// <summary>Breslow (1974) approximation, <c>coxph(ties = "breslow")</c>.</summary>
    Breslow,

    /// <summary>
    /// The exact partial likelihood of Kalbfleisch and Prentice (1980, section 4.2; the conditional
    /// logistic likelihood of the tied events), <c>coxph(ties = "exact")</c>; see <see cref="CoxExactRiskSets"/>.
    /// </summary>
    Exact,
}

/// <summary>One coefficient of a Cox model, as a row of <c>summary(coxph(...))</c>.</summary>
/// <param name="Name">The design column's name, R style (<c>groupNXP2_JDM</c>, <c>age</c>).</param>
/// <param name="Coefficient">β, the log hazard ratio; NaN when aliased.</param>
/// <param name="HazardRatio">exp(β).</param>
/// <param name="StandardError">sqrt of the diagonal of the inverse information.</param>
/// <param name="Z">Wald z = β / SE.</param>
/// <param name="PValue">Two-sided normal p-value of z.</param>
/// <param name="HazardRatioLow">exp(β − 1.96 SE) (R: qnorm(0.975)).</param>
/// <param name="HazardRatioHigh">exp(β + 1.96 SE).</param>
/// <param name="Aliased">The column is constant or collinear with earlier ones; R reports NA.</param>
/// <param name="PossiblyInfinite">The likelihood converged before this coefficient did
/// (monotone likelihood): β drifts to ±∞ and its SE, z, p and CI are meaningless.</param>
public sealed record CoxCoefficient(
    string Name,
    double Coefficient,
    double HazardRatio,
    double StandardError,
    double Z,
    double PValue,
    double HazardRatioLow,
    double HazardRatioHigh,
    bool Aliased,
    bool PossiblyInfinite);

/// <summary>A global chi-square test of a Cox model (likelihood ratio, Wald or score).</summary>
public sealed record CoxGlobalTest(string Name, double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>A fitted Cox model, shaped like <c>summary(coxph(...))</c> and <c>concordance(fit)</c>.</summary>
/// <param name="N">Subjects used (complete cases).</param>
/// <param name="Events">Number of events.</param>
/// <param name="Iterations">Newton-Raphson iterations, R's <c>fit$iter</c>.</param>
/// <param name="Converged">False when the iteration limit was reached first.</param>
/// <param name="LogLikelihoodNull">Log partial likelihood at β = 0 (<c>fit$loglik[1]</c>).</param>
/// <param name="LogLikelihood">At the estimate (<c>fit$loglik[2]</c>).</param>
/// <param name="Concordance">Harrell's C of the linear predictor, as <c>concordance(fit)</c>.</param>
/// <param name="ConcordanceStandardError">Its standard error, sqrt(<c>concordance(fit)$var</c>) = <c>summary(fit)$concordance[2]</c>.</param>
/// <param name="Variance">The inverse information at the estimate (R's <c>fit$var</c>), row-major p × p.</param>
/// <param name="Warnings">R's warnings in words (non-convergence, possibly infinite coefficients).</param>
public sealed record CoxFit(
    CoxTies Ties,
    int N,
    int Events,
    int Strata,
    int Iterations,
    bool Converged,
    IReadOnlyList<CoxCoefficient> Coefficients,
    double LogLikelihoodNull,
    double LogLikelihood,
    CoxGlobalTest LikelihoodRatio,
    CoxGlobalTest Wald,
    CoxGlobalTest Score,
    double Concordance,
    double ConcordanceStandardError,
    double[,] Variance,
    IReadOnlyList<string> Warnings);
