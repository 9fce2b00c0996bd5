using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// A mixed model for repeated measures as <c>summary(mmrm(...))</c> and <c>emmeans(fit, ~ arm | visit)</c> report it:
/// fixed effects with Satterthwaite t tests, the within-subject covariance Σ over the visits, the fit, and the
/// marginal means of one factor at each visit with their contrasts.
/// </summary>
/// <param name="Formula">R's formula, with mmrm's covariance term (<c>us(week | id)</c>).</param>
/// <param name="Covariance">"unstructured", "compound symmetry", "AR(1)" or "Toeplitz".</param>
/// <param name="Visits">The visits (the outcome's time values that entered), Σ's rows and columns in order.</param>
/// <param name="Sigma">Σ̂, one row per visit (R's <c>VarCorr(fit)</c>).</param>
/// <param name="Correlation">Σ̂ as correlations (<c>cov2cor</c>).</param>
/// <param name="Vcov">Cov(β̂), rows and columns in the order of <paramref name="FixedEffects"/> (R's <c>vcov(fit)</c>).</param>
/// <param name="Means">The means factor's levels at each visit (emmeans' reference grid: numbers at their mean, other factors weighted equally), with Satterthwaite df and 95 % CI; null without <c>means</c>.</param>
/// <param name="Contrasts">Differences of those means within each visit, unadjusted (emmeans' <c>adjust = "none"</c>); null without <c>means</c>.</param>
/// <param name="NotEstimable">Coefficients dropped from a rank-deficient design; null when X has full rank.</param>
public sealed record MmrmResult(
    string Formula,
    string Covariance,
    int Observations,
    int Subjects,
    IReadOnlyList<string> Visits,
    IReadOnlyList<RowsLeftOut> RowsLeftOut,
    IReadOnlyList<FixedEffectRow> FixedEffects,
    IReadOnlyList<IReadOnlyList<double>> Sigma,
    IReadOnlyList<IReadOnlyList<double>> Correlation,
    IReadOnlyList<IReadOnlyList<double>> Vcov,
    MmrmFitStatistics Fit,
    IReadOnlyList<VisitMeanRow>? Means,
    IReadOnlyList<VisitContrastRow>? Contrasts,
    IReadOnlyList<string>? NotEstimable = null)
{
    /// <summary>The means factor's name; null without <c>means</c>.</summary>
    public string? MeansFactor { get; init; }

    /// <summary>For a <c>log(y)</c> response: the means back-transformed (exp; SE by the delta method), emmeans' <c>type = "response"</c>; null otherwise.</summary>
    public IReadOnlyList<VisitMeanRow>? ResponseMeans { get; init; }

    /// <summary>For a <c>log(y)</c> response: the contrasts as ratios "A / B" (t and p as on the log scale); null otherwise.</summary>
    public IReadOnlyList<VisitContrastRow>? ResponseContrasts { get; init; }

    /// <summary>The adjustment of the contrasts within each visit (none, tukey, bonferroni, holm, dunnettx); null without means.</summary>
    public string? ContrastAdjust { get; init; }

    /// <summary>Codes and labels of categorical covariates with labelled levels; null when none has labels.</summary>
    public IReadOnlyList<LevelLabelsRow>? LevelLabels { get; init; }

    /// <summary>"satterthwaite" or "kenward_roger" (<c>df kr</c>: mmrm's KR df, and every SE and <see cref="Vcov"/> from the adjusted covariance).</summary>
    public string DegreesOfFreedom { get; init; } = DegreesOfFreedomNames.Satterthwaite;

    /// <summary>Type III F tests per term (SAS's type 3 hypotheses, as lmerTest's; multi-df Satterthwaite or Kenward-Roger df).</summary>
    public IReadOnlyList<TermTestRow> TypeIII { get; init; } = [];
}

/// <param name="Parameters">Covariance parameters, the k of AIC = −2 l_R + 2k and BIC = −2 l_R + k log(subjects), as mmrm.</param>
/// <param name="Gradient">Largest absolute gradient of −2 l_R in the covariance parameters at the end (numeric).</param>
public sealed record MmrmFitStatistics(double Criterion, double LogLikelihood, int Parameters, double Aic, double Bic, bool Converged, int Evaluations, double Gradient);

/// <summary>A level's marginal mean at one visit; all NaN (null in results.json) when not estimable.</summary>
public sealed record VisitMeanRow(string Level, string Visit, double Estimate, double StandardError, double Df, double Lower, double Upper);

/// <summary>A contrast of two levels' means at one visit ("treatment - control"), with its Satterthwaite t test and 95 % CI.</summary>
public sealed record VisitContrastRow(string Contrast, string Visit, double Estimate, double StandardError, double Df, double T, double P, double Lower, double Upper);
