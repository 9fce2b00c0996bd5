using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>A linear model, <c>model linear response ~ terms</c> (R's <c>lm</c>).</summary>
/// <param name="Response">A continuous or count variable of the subjects.</param>
/// <param name="Terms">Main effects and interactions (<c>a * b</c> already expanded to a, b, a:b), in R's order.</param>
/// <param name="References">Reference levels by factor name (<c>group</c>, a variable's name); absent factors use their first level.</param>
/// <param name="Means">Estimated marginal means and contrasts of one of the factors; null for none.</param>
public sealed record LinearSpec(
    Variable Response,
    ResponseTransform Transform,
    IReadOnlyList<ModelTerm> Terms,
    IReadOnlyList<LinearReference> References,
    LinearAnovaType Anova = LinearAnovaType.TypeI,
    RobustStandardErrors Robust = RobustStandardErrors.None,
    LinearMeansSpec? Means = null);

/// <summary><c>reference x = level</c> of a linear model (<c>relevel(x, ref = level)</c>).</summary>
public sealed record LinearReference(string Factor, string Level);

/// <summary>Which ANOVA table a linear model reports.</summary>
public enum LinearAnovaType
{
    /// <summary>Sequential sums of squares, R's <c>anova(fit)</c>.</summary>
    TypeI,

    /// <summary><c>car::Anova(fit, type = 2)</c>.</summary>
    TypeII,

    /// <summary><c>car::Anova(fit, type = 3)</c> with sum-to-zero contrasts.</summary>
    TypeIII,
}

/// <summary>The covariance of a linear model's coefficients: classical, or <c>sandwich::vcovHC(type = )</c>.</summary>
public enum RobustStandardErrors
{
    None,
    HC0,
    HC1,
    HC2,
    HC3,
}
