using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// Subgroup analyses of a Cox model's treatment (<c>subgroup s, t</c>): the treatment's hazard ratio in the whole model, then
/// within each level of each factor (the same model fitted on that level's subjects), with the likelihood-ratio test of the
/// treatment × factor interaction per factor. NaN is null.
/// </summary>
/// <param name="Treatment">The treatment term (<c>arm</c>, <c>group</c>).</param>
/// <param name="Overall">The treatment's contrasts in the model on every analysed subject: the forest plot's top row.</param>
public sealed record CoxSubgroupsResult(string Treatment, string TreatmentLabel, IReadOnlyList<CoxSubgroupEffect> Overall, IReadOnlyList<CoxSubgroupFactorResult> Factors);

/// <summary>One subgroup factor: its levels' fits and its interaction test.</summary>
/// <param name="Missing">Subjects of the model (complete cases) without a value of the factor: in no level and not in the interaction fits.</param>
public sealed record CoxSubgroupFactorResult(string Variable, string Label, int Missing, IReadOnlyList<CoxSubgroupLevelResult> Levels, CoxSubgroupInteractionResult Interaction);

/// <summary>The model fitted on one level's subjects, as <c>coxph(..., data = subset(d, s == level))</c>.</summary>
/// <param name="Status">"ok"; "not_estimable" (no subjects, no events, or a single arm: the treatment's HR is NA in R); "possibly_infinite".</param>
/// <param name="Reason">Why the treatment's hazard ratio is not estimable; omitted when it is.</param>
/// <param name="Effects">The treatment's contrasts (one for two arms) in this level's fit.</param>
public sealed record CoxSubgroupLevelResult(string Level, string Label, string Status, int N, int Events, IReadOnlyList<CoxSubgroupEffect> Effects, string? Reason);

/// <summary>One contrast of the treatment (a design column, <c>armLev5FU</c>) in one fit.</summary>
/// <param name="Status">"ok", "not_estimable" (NA in R) or "possibly_infinite" (no SE, CI or p).</param>
public sealed record CoxSubgroupEffect(
    string Term,
    string Label,
    string Status,
    double Coefficient,
    double StandardError,
    double HazardRatio,
    double HazardRatioLow,
    double HazardRatioHigh,
    double PValue);

/// <summary>
/// The treatment × factor interaction: <c>anova(fit0, fit1)</c> of <c>fit1 = coxph(Surv ~ terms + s + arm:s)</c> against
/// <c>fit0 = coxph(Surv ~ terms + s)</c>, both on the subjects with a value of the factor.
/// </summary>
/// <param name="Status">"ok" or "not_computed" (no interaction coefficient is estimable, or a fit failed; see Reason).</param>
/// <param name="DegreesOfFreedom">The interaction coefficients estimated: (levels − 1) × treatment contrasts when all are.</param>
public sealed record CoxSubgroupInteractionResult(
    string Status,
    int N,
    double LogLikelihoodWithout,
    double LogLikelihoodWith,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    string? Reason);
