using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// A fitted GLM, as <c>summary(glm(...))</c> with <c>confint.default</c> (Wald) and <c>confint</c> (profile-likelihood)
/// intervals and the exponentiated coefficients (odds ratios for logistic, rate ratios for Poisson); NaN is null.
/// </summary>
/// <param name="Family">"binomial", "poisson", "quasipoisson" or "negative_binomial".</param>
/// <param name="Response">The response as fitted.</param>
/// <param name="Offset">The offset's name, or null.</param>
/// <param name="N">Subjects in the fit (complete cases).</param>
/// <param name="Excluded">Subjects left out for a missing response, term or offset value.</param>
/// <param name="Ratio">"odds_ratio" or "rate_ratio": what exp(estimate) is.</param>
/// <param name="Dispersion">1, or the quasi-Poisson Pearson estimate.</param>
/// <param name="Aic">Null for quasi-Poisson, as R.</param>
/// <param name="Theta">The negative binomial θ (null otherwise).</param>
public sealed record GlmModelResult(
    string Family,
    string Response,
    string? Offset,
    int N,
    int Excluded,
    string Ratio,
    int Rank,
    IReadOnlyList<GlmTermResult> Coefficients,
    double Deviance,
    int ResidualDf,
    double NullDeviance,
    int NullDf,
    double Aic,
    double LogLikelihood,
    double Dispersion,
    double Theta,
    int Iterations,
    bool Converged)
{
    /// <summary>
    /// With <c>means f</c>: the marginal means on the link scale (logit or log, z intervals: df = ∞ as emmeans for glm fits)
    /// and back-transformed in <see cref="LinearMeansResult.ResponseMeans"/> (probabilities or rates) with the contrasts as
    /// odds or rate ratios; null without <c>means</c>.
    /// </summary>
    public LinearMeansResult? Means { get; init; }

    /// <summary>For a model fitted in an engine: its queries, what came back, and what an engine fit cannot give; null in memory.</summary>
    public CoxEngineResult? Engine { get; init; }
}

/// <summary>One coefficient (a model-matrix column) of a GLM.</summary>
/// <param name="Statistic">z, or t for quasi-Poisson.</param>
/// <param name="Ratio">exp(estimate): the odds or rate ratio, with its Wald and profile intervals.</param>
public sealed record GlmTermResult(
    string Term,
    string Label,
    string Status,
    double Estimate,
    double StandardError,
    double Statistic,
    double PValue,
    double WaldLow,
    double WaldHigh,
    double ProfileLow,
    double ProfileHigh,
    double Ratio,
    double RatioWaldLow,
    double RatioWaldHigh,
    double RatioProfileLow,
    double RatioProfileHigh);
