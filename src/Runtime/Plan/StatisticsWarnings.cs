using System;
using System.Collections.Generic;
using System.Globalization;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

/// <summary>The PL5xxx warnings analyses record; each is documented in docs/diagnostics.md.</summary>
internal static class StatisticsWarnings
{
    /// <summary>A test's statistic or p-value is undefined for these data; the kernel says why.</summary>
    public const string TestUndefined = "PL5001";

    /// <summary>A chi-square test has an expected count below 5 (R: "Chi-squared approximation may be incorrect").</summary>
    public const string ChiSquareSmallExpected = "PL5095";

    /// <summary>A test gave a result with a caveat from the kernel.</summary>
    public const string TestCaveat = "PL5002";

    /// <summary>Subjects with a missing value were left out of a comparison.</summary>
    public const string MissingValuesLeftOut = "PL5003";

    /// <summary>A group has no analysed subjects.</summary>
    public const string EmptyGroup = "PL5004";

    /// <summary>Some comparisons of a family have no p-value; the adjustment used the others.</summary>
    public const string AdjustmentFamilyReduced = "PL5005";

    /// <summary>A variable of a kind Table 1 does not summarise was left out.</summary>
    public const string VariableNotSummarised = "PL5006";

    /// <summary>The test does not fit the variable or the number of groups.</summary>
    public const string TestDoesNotFit = "PL5007";

    /// <summary>The analysis names a group the study does not define.</summary>
    public const string UnknownGroup = "PL5008";

    /// <summary>A Kaplan-Meier curve has an edge case: no events, one subject, or all events at one time.</summary>
    public const string SurvivalEdgeCase = "PL5009";

    /// <summary>Survival was asked for after a group's last observation; it is NA there.</summary>
    public const string SurvivalBeyondFollowUp = "PL5010";

    /// <summary>A group has too few values for the test (fewer than 2 for t-tests and ANOVA, none for rank tests).</summary>
    public const string TooFewValues = "PL5011";

    /// <summary>The compared values do not vary (all equal, or constant within every group for a test of means).</summary>
    public const string NoVariation = "PL5012";

    /// <summary>A geometric mean is undefined: a value is zero or negative, or there are too few values.</summary>
    public const string GeometricMeanUndefined = "PL5013";

    /// <summary>A Cox coefficient may be infinite: the likelihood converged before it did (monotone likelihood).</summary>
    public const string CoxCoefficientMayBeInfinite = "PL5020";

    /// <summary>A Cox model ran out of Newton-Raphson iterations before converging.</summary>
    public const string CoxNotConverged = "PL5021";

    /// <summary>A Cox model or one of its coefficients cannot be estimated (no events, a constant or collinear covariate).</summary>
    public const string CoxNotEstimable = "PL5022";

    /// <summary>Subjects with a missing time, event, covariate or stratum were left out of a Cox model.</summary>
    public const string CoxSubjectsLeftOut = "PL5023";

    /// <summary>cox.zph cannot be computed: its information matrix is singular (e.g. all events at one time).</summary>
    public const string CoxProportionalHazardsUndefined = "PL5024";

    /// <summary>A pair of a pairwise log-rank test has no defined test (no events, or an empty group).</summary>
    public const string PairwiseLogRankUndefined = "PL5025";

    /// <summary>A group in a log-rank test has subjects but no events (observed 0).</summary>
    public const string LogRankGroupWithoutEvents = "PL5026";

    /// <summary>Rows of a mixed model's outcome were left out (missing, non-positive under log, group not included).</summary>
    public const string MixedRowsLeftOut = "PL5030";

    /// <summary>A mixed model's fit is singular: a random-effect variance is 0 (lme4's "boundary (singular) fit").</summary>
    public const string MixedSingularFit = "PL5031";

    /// <summary>A mixed model's optimiser or Satterthwaite Hessian reports a convergence problem.</summary>
    public const string MixedConvergence = "PL5032";

    /// <summary>A mixed model cannot be fitted: an unsupported random-effects structure, a covariate of an unusable kind, or too few rows.</summary>
    public const string MixedNotFitted = "PL5033";

    /// <summary>The fixed-effects design is rank deficient: lme4's aliased columns are dropped and their coefficients are not estimable.</summary>
    public const string MixedRankDeficient = "PL5034";

    /// <summary>Rows of a variable gave no finite number (division by zero, log or sqrt out of domain, overflow) and are missing.</summary>
    public const string NotFiniteValues = "PL5050";

    /// <summary>A mixed model's response does not vary: no variance component is estimable.</summary>
    public const string MixedResponseConstant = "PL5051";

    /// <summary>A mixed model's grouping factor has as many levels as observations (one row per subject): lme4 refuses.</summary>
    public const string MixedTooFewObservationsPerSubject = "PL5052";

    /// <summary>A model's group term has fewer than two analysed groups, so no group effect is estimable.</summary>
    public const string GroupTermNotEstimable = "PL5053";

    /// <summary>A test needs at least two groups with data; fewer remain, so it is not estimable.</summary>
    public const string TooFewGroups = "PL5054";

    /// <summary>Subjects with a missing <c>by</c> or <c>within</c> factor were left out of a scoped analysis.</summary>
    public const string ScopeFactorMissing = "PL5070";

    /// <summary>A scoped analysis ran on part of the analysed subjects: its population or <c>where</c> subset left the others out.</summary>
    public const string ScopeSubset = "PL5071";

    /// <summary>No analysed subject is in the scope (a <c>within</c> level, a subset, a population): the analysis is not estimable.</summary>
    public const string ScopeEmpty = "PL5072";

    /// <summary>A linear-model column is a combination of earlier columns (an aliased term): its coefficient is NA, as R's <c>lm</c>.</summary>
    public const string LinearAliased = "PL5080";

    /// <summary>A linear model has no residual degrees of freedom (no more rows than coefficients): not estimable.</summary>
    public const string LinearTooFewRows = "PL5081";

    /// <summary>A linear model's response is constant over the analysed rows: not estimable.</summary>
    public const string LinearResponseConstant = "PL5082";

    /// <summary>Rows left out of a linear model (a missing response or term value, a non-positive response under <c>log</c>), or factor levels without rows dropped.</summary>
    public const string LinearRowsLeftOut = "PL5083";

    /// <summary>Part of a linear model's output cannot be computed (type II/III ANOVA with an aliased column, HC2/HC3 at leverage 1).</summary>
    public const string LinearOutputNotComputed = "PL5084";

    /// <summary>A linear model's marginal means cannot be estimated (an aliased column): they and their contrasts are reported as missing.</summary>
    public const string LinearMeansNotEstimable = "PL5100";

    /// <summary>The factor (or <c>by</c> factor) of a linear model's marginal means is not a factor term of the model: no means are reported.</summary>
    public const string LinearMeansNotAFactor = "PL5101";

    /// <summary>Tukey's adjustment asked for contrasts against a reference level: bonferroni is used instead.</summary>
    public const string LinearMeansAdjustChanged = "PL5102";

    /// <summary>A subject has two rows at one visit of an MMRM: Σ has one row per visit, so the model is not fitted.</summary>
    public const string MmrmDuplicateVisit = "PL5103";

    /// <summary>The MMRM's REML optimisation did not converge, or ended where the Hessian is not positive definite.</summary>
    public const string MmrmConvergence = "PL5104";

    /// <summary>An MMRM cannot be fitted (too few rows for the covariance parameters, Σ not positive definite, no rows).</summary>
    public const string MmrmNotFitted = "PL5105";

    /// <summary>A GLM's IRLS (or glm.nb's θ alternation) reached its iteration limit (R: "glm.fit: algorithm did not converge").</summary>
    public const string GlmNotConverged = "PL5085";

    /// <summary>A logistic model's fitted probabilities reach 0 or 1: complete or quasi-complete separation; the diverging terms are named.</summary>
    public const string GlmSeparation = "PL5086";

    /// <summary>A GLM's design is rank deficient: aliased columns have no coefficient (NA, as R).</summary>
    public const string GlmRankDeficient = "PL5087";

    /// <summary>A Poisson or negative binomial model's fitted rates reach 0, e.g. a group with no events; the diverging terms are named.</summary>
    public const string GlmZeroRate = "PL5088";

    /// <summary>A negative binomial model's θ diverges (no overdispersion) or its ML iteration stopped.</summary>
    public const string GlmThetaInfinite = "PL5089";

    /// <summary>Subjects without a value at every visit are left out of a repeated-measures ANOVA (afex's complete cases), each named with why.</summary>
    public const string RmAnovaSubjectsDropped = "PL5120";

    /// <summary>A subject has two rows at one visit of a repeated-measures ANOVA: the analysis is not run (afex would average them).</summary>
    public const string RmAnovaDuplicateVisit = "PL5121";

    /// <summary>The within factor or a between factor has fewer than two levels among the complete subjects: no ANOVA.</summary>
    public const string RmAnovaOneLevel = "PL5122";

    /// <summary>No complete subject, an empty between-subject cell, or no residual df: no ANOVA.</summary>
    public const string RmAnovaNotComputed = "PL5123";

    /// <summary>A Huynh-Feldt epsilon above 1 used as 1, or a singular error matrix with no sphericity test or correction.</summary>
    public const string RmAnovaSphericity = "PL5124";

    /// <summary>A Cox subgroup level has no subjects, no events or a single arm: the treatment's hazard ratio is not estimable there (or may be infinite).</summary>
    public const string CoxSubgroupNotEstimable = "PL5125";

    /// <summary>Subjects of a Cox model without a value of a subgroup factor: in no level and not in its interaction test.</summary>
    public const string CoxSubgroupMissing = "PL5126";

    /// <summary>A Cox subgroup factor's treatment × subgroup interaction test cannot be computed.</summary>
    public const string CoxSubgroupInteractionNotComputed = "PL5127";

    public static WarningResult Warning(string code, string message) => new(code, "warning", message);

    public static WarningResult Info(string code, string message) => new(code, "info", message);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<WarningResult> None { get; } = Array.Empty<WarningResult>();

    /// <summary>An effect measure's estimate, CI or p is undefined: a zero cell, a group without subjects or events.</summary>
    public const string EffectUndefined = "PL5090";

    /// <summary>Strata in which one of the two compared groups has no subject contribute nothing to a Mantel-Haenszel measure.</summary>
    public const string StrataWithoutBothGroups = "PL5091";

    /// <summary>Subjects left out of an effect measure: a missing stratum, a missing or negative person-time, an event count that is not a whole number.</summary>
    public const string EffectSubjectsLeftOut = "PL5092";
}
