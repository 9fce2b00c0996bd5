using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A generalised linear model: <c>model logistic y ~ terms</c> (R's <c>glm(family = binomial)</c>) or
/// <c>model poisson y ~ terms offset e</c> (<c>glm(family = poisson | quasipoisson)</c>, <c>MASS::glm.nb</c>).
/// Terms and references are those of <see cref="LinearSpec"/>, built into the same model matrix.
/// </summary>
/// <param name="Response">Logistic: a binary variable (true = 1). Poisson: a count or non-negative numeric variable.</param>
/// <param name="Offset">A numeric term added to the linear predictor with coefficient 1 (e.g. log(person_time)); null for none.</param>
/// <param name="Means">Marginal means of a factor on the link scale and back-transformed (emmeans, <c>type = "response"</c>); null for none.</param>
public sealed record GlmSpec(
    Variable Response,
    GlmModelFamily Family,
    IReadOnlyList<ModelTerm> Terms,
    IReadOnlyList<LinearReference> References,
    Variable? Offset = null,
    LinearMeansSpec? Means = null);

/// <summary>The family of a <see cref="GlmSpec"/>, with its canonical link.</summary>
public enum GlmModelFamily
{
    /// <summary>Binomial with the logit link: odds ratios.</summary>
    Logistic,

    /// <summary>Poisson with the log link: rate ratios.</summary>
    Poisson,

    /// <summary>Quasi-Poisson: the Poisson fit with the dispersion estimated from Pearson's χ².</summary>
    QuasiPoisson,

    /// <summary>Negative binomial with θ estimated by maximum likelihood (MASS::glm.nb).</summary>
    NegativeBinomial,
}
