using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Plan;

/// <summary>How a continuous variable is summarised: <c>summary median</c> or <c>summary mean</c>.</summary>
public enum Summary
{
    Median,
    Mean,

    /// <summary>Geometric mean with its 95% CI (t interval on the log scale), for positive skewed values.</summary>
    GeometricMean,
}

/// <summary>A transform applied to a model's response before fitting.</summary>
public enum ResponseTransform
{
    None,
    Log,
}

/// <summary>What a factor of a model term stands for.</summary>
public enum TermFactorKind
{
    /// <summary>The study's group factor.</summary>
    Group,

    /// <summary>The repeated outcome's time, as a number.</summary>
    Time,

    /// <summary>The repeated outcome's time, as a factor (<c>factor(month)</c>).</summary>
    TimeAsFactor,

    /// <summary>A variable of the subject: a number enters as is, a category or yes/no as a factor.</summary>
    Covariate,

    /// <summary><c>factor(x)</c> of a subject's variable: a number gets one level per distinct value, sorted.</summary>
    CovariateAsFactor,

    /// <summary>
    /// A number per row of the repeated outcome's table (<c>log(Days + 1)</c>, <c>week / 4</c>): its
    /// <see cref="TermFactor.Covariate"/> is a <see cref="RepeatedVariable"/> over the same rows as the response.
    /// </summary>
    RowCovariate,
}

/// <summary>A linear mixed model: <c>model mixed response ~ terms + (random | grouping)</c>.</summary>
/// <param name="GroupsIncluded">The groups analysed (from <c>where group != X</c>); null means all groups.</param>
/// <param name="References">The treatment-contrast reference level of factor terms (<c>reference arm = treatment</c>, a group
/// under the factor name "group"); a factor without one has its first level as reference.</param>
/// <param name="Df">Satterthwaite (<c>df satterthwaite</c>, the default) or Kenward-Roger (<c>df kr</c>) df and SEs.</param>
public sealed record MixedModelSpec(
    RepeatedVariable Response,
    ResponseTransform Transform,
    IReadOnlyList<ModelTerm> FixedTerms,
    IReadOnlyList<RandomEffect> RandomEffects,
    IReadOnlyList<string>? GroupsIncluded,
    bool Reml,
    IReadOnlyList<LinearReference>? References = null,
    MmrmOptions? Mmrm = null,
    RmAnovaOptions? RmAnova = null,
    bool TypeI = false,
    VisitMeansSpec? Means = null,
    ProtocolLang.Runtime.Statistics.Mixed.DegreesOfFreedomMethod Df = ProtocolLang.Runtime.Statistics.Mixed.DegreesOfFreedomMethod.Satterthwaite);

/// <summary>
/// <c>model rm_anova</c>: the terms of a <see cref="MixedModelSpec"/> (no random effects) are the full factorial of
/// between-subject factors and <c>factor(time)</c>, analysed as afex's <c>aov_ez</c> on the subjects with a value at every visit.
/// </summary>
/// <param name="Subject">The subject key column (the repeated table's link), for the formula text.</param>
public sealed record RmAnovaOptions(string Subject);

/// <summary>
/// <c>model mmrm</c>: the fixed terms of a <see cref="MixedModelSpec"/> (which then has no random effects) fitted as a
/// mixed model for repeated measures, one row per subject and visit (the outcome's time), with a structured
/// within-subject covariance.
/// </summary>
/// <param name="Subject">The subject key column (the repeated table's link), for the formula text.</param>
public sealed record MmrmOptions(ProtocolLang.Runtime.Statistics.Mmrm.MmrmCovarianceKind Covariance, string Subject);

/// <summary>
/// <c>means f contrast ... adjust ...</c> of a mixed model or MMRM: the marginal means of a categorical term at each visit
/// (emmeans' <c>~ arm | visit</c>) and their contrasts, adjusted within each visit.
/// </summary>
/// <param name="Factor">The term (<c>group</c> for the analysis' grouping, whatever the scope names it).</param>
/// <param name="Pairwise">Every pair of levels; otherwise each level against the reference (first) level (<c>trt.vs.ctrl</c>).</param>
public sealed record VisitMeansSpec(string Factor, bool Pairwise, LinearContrastAdjust Adjust);

/// <summary>A fixed-effect term: one factor is a main effect, several an interaction.</summary>
public sealed record ModelTerm(IReadOnlyList<TermFactor> Factors);

/// <param name="Covariate">The subject's variable for <see cref="TermFactorKind.Covariate"/> and <see cref="TermFactorKind.CovariateAsFactor"/>; the row values for <see cref="TermFactorKind.RowCovariate"/>; null otherwise.</param>
public sealed record TermFactor(string Name, TermFactorKind Kind, Variable? Covariate = null);

/// <summary>A random effect: <c>(1 | id)</c>, <c>(1 + month | id)</c> or <c>(0 + month | id)</c>.</summary>
public sealed record RandomEffect(string Grouping, bool Intercept, string? Slope);

/// <summary>A Cox proportional-hazards model.</summary>
/// <param name="Zph">The time scale of the proportional-hazards test (<c>cox.zph(fit, transform = )</c>), or none to skip it.</param>
/// <param name="Subgroups">The treatment's hazard ratio within each level of each subgroup factor (<c>subgroup s, t</c>); null for none.</param>
public sealed record CoxSpec(TimeToEventVariable Outcome, IReadOnlyList<CoxTerm> Terms, TiesMethod Ties, IReadOnlyList<Variable> Strata, ZphTransform Zph = ZphTransform.Km,
    CoxSubgroupSpec? Subgroups = null);

/// <summary>
/// <c>model cox ... subgroup s, t</c>: the model refitted on each level's subjects of each factor, and the likelihood-ratio
/// test of the treatment × factor interaction.
/// </summary>
/// <param name="Treatment">The index in <see cref="CoxSpec.Terms"/> of the treatment: a factor main effect in no interaction.</param>
/// <param name="Factors">Each subgroup factor as a main-effect term: a binary or categorical covariate, or the study's group
/// (<see cref="CoxTerm.Covariate"/> null); its reference level is the one its model term has, if it is one.</param>
public sealed record CoxSubgroupSpec(int Treatment, IReadOnlyList<CoxTerm> Factors);

/// <summary>
/// A Cox model term: a covariate (<see cref="Covariate"/> null is the group factor), or, made with <see cref="Product"/>,
/// an interaction (R's <c>a:b</c>) whose design columns are the products of its factors' columns.
/// </summary>
/// <param name="ReferenceLevel">The reference level of a factor (also inside an interaction); null = the first level, as R.</param>
public sealed record CoxTerm(Variable? Covariate, string? ReferenceLevel)
{
    /// <summary>The factors of an interaction, each a main-effect-shaped term (a covariate or the group factor); empty for a main effect.</summary>
    public IReadOnlyList<CoxTerm> Interaction { get; init; } = [];

    public bool IsInteraction => Interaction.Count > 0;

    /// <summary>The study's group factor as a main effect.</summary>
    public bool IsGroup => Covariate is null && !IsInteraction;

    /// <summary>R's term label: the covariate's name, <c>group</c>, or the factors' names joined by ':' (<c>sex:ph_ecog</c>).</summary>
    public string Name => NameIn("group");

    /// <summary>The term label when the study's <c>group</c> factor is named <paramref name="groupTerm"/> in the analysis' scope (<c>sex</c> under <c>by sex</c>).</summary>
    public string NameIn(string groupTerm) =>
        IsInteraction ? string.Join(":", Interaction.Select(f => f.NameIn(groupTerm))) : Covariate?.Name ?? groupTerm;

    /// <summary>The term's variables: its covariate, or its factors' covariates (the group factor has none).</summary>
    public IEnumerable<Variable> Variables => IsInteraction ? Interaction.SelectMany(f => f.Variables) : Covariate is null ? [] : [Covariate];

    /// <summary>The interaction <c>a:b:...</c> of main-effect terms (each a covariate or the group factor).</summary>
    public static CoxTerm Product(params CoxTerm[] factors) => new(null, null) { Interaction = factors };
}

/// <summary>How tied event times are handled in a Cox model.</summary>
public enum TiesMethod
{
    /// <summary><c>coxph(ties = "efron")</c>.</summary>
    Efron,

    /// <summary><c>coxph(ties = "breslow")</c>.</summary>
    Breslow,

    /// <summary><c>coxph(ties = "exact")</c>: the exact partial likelihood of each set of tied events.</summary>
    Exact,
}

/// <summary>The time scale of a Cox model's proportional-hazards test: <c>zph km | rank | identity | log | none</c>.</summary>
public enum ZphTransform
{
    /// <summary><c>cox.zph(fit, transform = "km")</c>, R's default: 1 − the pooled Kaplan-Meier.</summary>
    Km,

    /// <summary><c>cox.zph(fit, transform = "rank")</c>: the rank of the time among all subjects' times.</summary>
    Rank,

    /// <summary><c>cox.zph(fit, transform = "identity")</c>: the time itself.</summary>
    Identity,

    /// <summary><c>cox.zph(fit, transform = "log")</c>: log(time).</summary>
    Log,

    /// <summary>No test: as an R user who does not call <c>cox.zph</c>.</summary>
    None,
}
