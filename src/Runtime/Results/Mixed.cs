using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>A fitted linear mixed model (R's <c>lmerTest::lmer</c>: <c>summary</c>, <c>VarCorr</c>, <c>anova</c>).</summary>
/// <param name="Formula">The model as R would write it, e.g. <c>log(ck) ~ group * factor(month) + (1 | id)</c>.</param>
/// <param name="Estimation">"REML" or "ML".</param>
/// <param name="Observations">Rows fitted.</param>
/// <param name="Subjects">Subjects (levels of the grouping factor) with at least one fitted row.</param>
/// <param name="GroupLevels">The group factor's levels in coding order (the first is the reference); null without a group term.</param>
/// <param name="TimeLevels">The time factor's levels, numerically sorted (the first is the reference); null unless time is a factor.</param>
/// <param name="RowsLeftOut">Rows not fitted, per reason (missing value or time, non-positive value under log, group not included).</param>
/// <param name="FixedEffects">Coefficients in R's order and names, with Satterthwaite t-tests.</param>
/// <param name="VarianceComponents">Random-effect SDs, their correlation, and the residual SD, as <c>VarCorr</c>.</param>
/// <param name="TypeIII">F tests per term: type III hypotheses, Satterthwaite denominator df (lmerTest's <c>anova</c>).</param>
/// <param name="NotEstimable">Coefficients lme4 drops from a rank-deficient design (aliased columns, e.g. a group without rows at some time); null when X has full rank.</param>
/// <param name="MarginalMeans">Estimated mean of every group × time cell on the model's scale (log for <c>log(...)</c>), for plots (emmeans' reference grid: other factors averaged with equal weights, numeric covariates at their mean over the fitted rows; all null for a cell that is not estimable); null unless the model has group and factor time.</param>
public sealed record MixedModelResult(
    string Formula,
    string Estimation,
    int Observations,
    int Subjects,
    IReadOnlyList<string>? GroupLevels,
    IReadOnlyList<double>? TimeLevels,
    IReadOnlyList<RowsLeftOut> RowsLeftOut,
    IReadOnlyList<FixedEffectRow> FixedEffects,
    IReadOnlyList<VarianceComponentRow> VarianceComponents,
    IReadOnlyList<TermTestRow> TypeIII,
    IReadOnlyList<MarginalMeanRow>? MarginalMeans,
    MixedFitStatistics Fit,
    IReadOnlyList<string>? NotEstimable = null)
{
    /// <summary>
    /// For each categorical covariate whose levels have labels (<c>category(1 "Male", 2 "Female")</c>), its codes and labels:
    /// coefficient and term names stay R's (<c>sex2</c>), so a reader needs the key; null when no covariate has labels.
    /// </summary>
    public IReadOnlyList<LevelLabelsRow>? LevelLabels { get; init; }

    /// <summary>
    /// The name of the group term when the analysis' <c>by</c> regroups its subjects (<c>by sex</c>: terms <c>sex2</c>,
    /// <c>sex:factor(week)</c>; crossed factors "arm, sex"); null for the study's groups, whose term is <c>group</c>.
    /// </summary>
    public string? GroupTerm { get; init; }

    /// <summary>
    /// R's <c>vcov(fit)</c>: the covariance matrix of the fixed effects, σ² (XᵀV⁻¹X)⁻¹ at the estimate,
    /// rows and columns in the order of <see cref="FixedEffects"/> (coefficients lme4 drops are not in it).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> Vcov { get; init; } = [];

    /// <summary>With <c>means f</c>: the means of f at each visit (emmeans' <c>~ f | visit</c>), with the fit's df and 95% CI; null otherwise.</summary>
    public IReadOnlyList<VisitMeanRow>? VisitMeans { get; init; }

    /// <summary>With <c>means f</c>: the contrasts of those means within each visit, adjusted per visit (<see cref="ContrastAdjust"/>); null otherwise.</summary>
    public IReadOnlyList<VisitContrastRow>? VisitContrasts { get; init; }

    /// <summary>For a <c>log(y)</c> response: <see cref="VisitMeans"/> back-transformed (exp; SE by the delta method), emmeans' <c>type = "response"</c>; null otherwise.</summary>
    public IReadOnlyList<VisitMeanRow>? VisitResponseMeans { get; init; }

    /// <summary>For a <c>log(y)</c> response: <see cref="VisitContrasts"/> as ratios "A / B" (t and p as on the log scale); null otherwise.</summary>
    public IReadOnlyList<VisitContrastRow>? VisitResponseContrasts { get; init; }

    /// <summary>The factor of <see cref="VisitMeans"/> as the design names it; null without means.</summary>
    public string? MeansFactor { get; init; }

    /// <summary>The adjustment of <see cref="VisitContrasts"/> within each visit (none, tukey, bonferroni, holm, dunnettx); null without means.</summary>
    public string? ContrastAdjust { get; init; }

    /// <summary>With <c>anova type1</c>: sequential F tests per term in the formula's order (lmerTest's <c>anova(fit, type = 1)</c>, Satterthwaite df); null otherwise.</summary>
    public IReadOnlyList<TermTestRow>? TypeI { get; init; }

    /// <summary>
    /// The df method of every t and F test and mean: "satterthwaite" (lmerTest's default) or "kenward_roger"
    /// (<c>df kr</c>: pbkrtest's KR df, and every SE and <see cref="Vcov"/> from the adjusted <c>vcovAdj</c>).
    /// </summary>
    public string DegreesOfFreedom { get; init; } = DegreesOfFreedomNames.Satterthwaite;
}

/// <summary>The names results.json gives the df methods.</summary>
public static class DegreesOfFreedomNames
{
    public const string Satterthwaite = "satterthwaite";
    public const string KenwardRoger = "kenward_roger";

    public static string Of(ProtocolLang.Runtime.Statistics.Mixed.DegreesOfFreedomMethod method) =>
        method == ProtocolLang.Runtime.Statistics.Mixed.DegreesOfFreedomMethod.KenwardRoger ? KenwardRoger : Satterthwaite;
}

/// <summary>The levels of a categorical covariate as coded in model terms, and the label of each (same order).</summary>
public sealed record LevelLabelsRow(string Variable, IReadOnlyList<string> Levels, IReadOnlyList<string> Labels);

/// <summary>A cell's estimated marginal mean x'β with SE, Satterthwaite df and 95% CI.</summary>
public sealed record MarginalMeanRow(string Group, double Time, double Estimate, double StandardError, double DegreesOfFreedom, double Lower, double Upper);

/// <summary>Rows of the repeated outcome left out of the model for one reason.</summary>
public sealed record RowsLeftOut(string Reason, int Count);

/// <summary>One coefficient: estimate, SE, Satterthwaite df, t and two-sided p.</summary>
public sealed record FixedEffectRow(string Term, double Estimate, double StandardError, double DegreesOfFreedom, double T, double PValue);

/// <summary>A variance component: <see cref="Name"/> "(Intercept)", the slope's variable, or "Residual".</summary>
/// <param name="Grouping">The grouping factor (the subject key), or "Residual".</param>
/// <param name="Correlation">With the slope's row of a correlated intercept + slope: their correlation.</param>
public sealed record VarianceComponentRow(string Grouping, string Name, double Variance, double StandardDeviation, double? Correlation);

/// <summary>An F test of a model term.</summary>
public sealed record TermTestRow(string Term, int NumeratorDf, double DenominatorDf, double F, double PValue);

/// <summary>Fit statistics and how the optimiser ended.</summary>
/// <param name="Criterion">The REML criterion (REML) or the deviance (ML), as lme4 prints it.</param>
/// <param name="Parameters">Parameters counted by AIC and BIC (β, θ and σ).</param>
/// <param name="Theta">Relative covariance parameters (R's <c>getME(fit, "theta")</c>).</param>
/// <param name="Singular">lme4's <c>isSingular</c>: a random-effect variance at 0 (or a correlation at ±1).</param>
/// <param name="Gradient">Largest absolute gradient of the criterion in θ at the optimum.</param>
public sealed record MixedFitStatistics(
    double Criterion,
    double LogLikelihood,
    int Parameters,
    double Aic,
    double Bic,
    double Sigma,
    IReadOnlyList<double> Theta,
    bool Singular,
    bool Converged,
    int Evaluations,
    double Gradient);
