namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Estimated marginal means of a linear model's factor (R: <c>emmeans(fit, ~ factor | by)</c>) and their contrasts
/// (<c>contrast(em, "pairwise" | "trt.vs.ctrl", adjust = )</c>).
/// </summary>
/// <param name="Factor">The factor's name as a model term names it (<c>group</c>, a variable; <c>factor(x)</c> is written <c>x</c>).</param>
/// <param name="By">A second factor of the model: the means and contrasts within each of its levels; null for none.</param>
public sealed record LinearMeansSpec(
    string Factor,
    string? By = null,
    LinearContrastMethod Contrast = LinearContrastMethod.Pairwise,
    LinearContrastAdjust Adjust = LinearContrastAdjust.Tukey);

/// <summary>Which contrasts of the means: every pair, or each level against the reference (first) level.</summary>
public enum LinearContrastMethod
{
    Pairwise,
    Reference,
}

/// <summary>The adjustment of a contrast family (one per <c>by</c> level); tukey is for pairwise contrasts only.</summary>
public enum LinearContrastAdjust
{
    None,
    Tukey,
    Bonferroni,
    Holm,

    /// <summary>emmeans' approximate Dunnett adjustment, its default for contrasts against the reference.</summary>
    Dunnettx,
}
