using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// Estimated marginal means of a linear model's factor and their contrasts, as R's emmeans (reference grid: numbers at
/// their mean, the other factors' levels weighted equally); NaN is null.
/// </summary>
/// <param name="Factor">The factor whose means these are (as the model names it: <c>factor(dose)</c>).</param>
/// <param name="By">The factor the means are within, or null.</param>
/// <param name="Scale">"link" for an untransformed response; "log" when the numbers are on the log scale of a <c>log(y)</c> response (see <see cref="ResponseMeans"/>).</param>
/// <param name="Contrast">"pairwise" or "reference" (emmeans' <c>trt.vs.ctrl</c>).</param>
/// <param name="Adjust">"none", "tukey", "bonferroni" or "holm"; the family is the contrasts within one <c>by</c> level.</param>
/// <param name="ResponseMeans">For a log response: the means back-transformed (exp; SE by the delta method), emmeans' <c>type = "response"</c>.</param>
/// <param name="ResponseContrasts">For a log response: the contrasts as ratios (t and p as on the log scale).</param>
public sealed record LinearMeansResult(
    string Factor,
    string? By,
    string Scale,
    string Contrast,
    string Adjust,
    IReadOnlyList<LinearMeanRow> Means,
    IReadOnlyList<LinearContrastRow> Contrasts,
    IReadOnlyList<LinearMeanRow>? ResponseMeans,
    IReadOnlyList<LinearContrastRow>? ResponseContrasts);

/// <summary>One marginal mean: estimate, SE and 95% CI on the residual df.</summary>
public sealed record LinearMeanRow(string Level, string? By, double Estimate, double StandardError, double DegreesOfFreedom, double Low, double High);

/// <summary>One contrast ("A - B", or "A / B" as a ratio): estimate, SE, df, t, adjusted two-sided p and CI (family-wise for tukey and bonferroni/holm).</summary>
public sealed record LinearContrastRow(string Contrast, string? By, double Estimate, double StandardError, double DegreesOfFreedom, double T, double PValue,
    double Low, double High);
