using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>
/// One row of R's <c>summary(glm)</c> coefficient table, with <c>confint.default</c> (Wald) and
/// <c>confint</c> (profile likelihood) intervals, and the exponentiated estimate and intervals (the
/// odds ratio for logit, the rate ratio for log). Aliased columns have NaN everywhere (R's NA).
/// </summary>
/// <param name="Statistic">z (t for quasi-Poisson, whose dispersion is estimated).</param>
/// <param name="PValue">2·P(Z &gt; |z|), or 2·P(T_df &gt; |t|) with the residual df.</param>
/// <param name="ProfileLow">NaN when the profile does not reach the cut-off (e.g. under separation) or fails.</param>
public sealed record GlmCoefficient(
    string Name,
    bool Aliased,
    double Estimate,
    double StandardError,
    double Statistic,
    double PValue,
    double WaldLow,
    double WaldHigh,
    double ProfileLow,
    double ProfileHigh)
{
    public double ExpEstimate => System.Math.Exp(Estimate);

    public double ExpWaldLow => System.Math.Exp(WaldLow);

    public double ExpWaldHigh => System.Math.Exp(WaldHigh);

    public double ExpProfileLow => System.Math.Exp(ProfileLow);

    public double ExpProfileHigh => System.Math.Exp(ProfileHigh);
}

/// <summary>
/// A fitted GLM: what R's <c>summary(glm)</c> (or <c>summary(glm.nb)</c>) prints, plus logLik,
/// the unscaled covariance (XᵀWX)⁻¹ and the fitted values.
/// </summary>
/// <param name="StatisticIsT">Whether the tests are t tests (quasi-Poisson) with <see cref="ResidualDf"/> df.</param>
/// <param name="Aic">NaN for quasi-Poisson, as R.</param>
/// <param name="LogLikelihood">NaN for quasi-Poisson, as R.</param>
/// <param name="Theta">Negative binomial θ (NaN otherwise), with its SE from the observed information.</param>
/// <param name="Iterations">IRLS iterations of the (last) fit, R's <c>$iter</c>.</param>
/// <param name="Alternations">glm.nb's θ/β alternations (0 for other families).</param>
/// <param name="Covariance">Dispersion × (XᵀWX)⁻¹, R's <c>vcov</c>; rows and columns of aliased terms are NaN.</param>
/// <param name="Failed">True when no fit exists (the kernel could not start or broke down); every number is NaN and a warning says why.</param>
public sealed record GlmFit(
    GlmFamilyKind Family,
    int Observations,
    IReadOnlyList<GlmCoefficient> Coefficients,
    bool StatisticIsT,
    double Deviance,
    double NullDeviance,
    int ResidualDf,
    int NullDf,
    double Aic,
    double LogLikelihood,
    double Dispersion,
    double Theta,
    double ThetaStandardError,
    int Iterations,
    int Alternations,
    bool Converged,
    int Rank,
    double[,] Covariance,
    double[] Fitted,
    IReadOnlyList<GlmWarning> Warnings,
    bool Failed = false);
