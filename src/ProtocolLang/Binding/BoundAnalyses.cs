using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>How an analysis treats a variable: decided by the outcome kind or the column type.</summary>
public enum VariableKind
{
    Continuous,
    Binary,
    Categorical,
    Count,
    TimeToEvent,
    Repeated,
}

/// <summary>
/// A variable used by an analysis: an outcome, a subject-level column or derived variable, or a subject-level
/// expression written where a variable is accepted (<c>describe log(ck)</c>). Exactly one of <see cref="Outcome"/>,
/// <see cref="Column"/>, <see cref="Derive"/>, <see cref="Expression"/> is set; an expression's name and label are its text.
/// </summary>
public sealed record BoundVariable(string Name, VariableKind Kind, OutcomeSymbol? Outcome, ColumnSymbol? Column, DeriveSymbol? Derive)
{
    /// <summary>The expression of a variable written as one (<c>log(ck)</c>, <c>age / 10</c>); null for named variables.</summary>
    public BoundExpression? Expression { get; init; }

    public static BoundVariable ForExpression(string text, VariableKind kind, BoundExpression expression) =>
        new(text, kind, null, null, null) { Expression = expression };

    public static BoundVariable ForOutcome(OutcomeSymbol outcome) => new(outcome.Name, ToVariableKind(outcome.Kind), outcome, null, null);

    public static BoundVariable ForColumn(ColumnSymbol column, VariableKind kind) => new(column.Name, kind, null, column, null);

    public static BoundVariable ForDerive(DeriveSymbol derive, VariableKind kind) => new(derive.Name, kind, null, null, derive);

    public static BoundVariable ForGroupSet(GroupSetSymbol set) => new(set.Name, VariableKind.Categorical, null, null, null) { GroupSet = set };

    /// <summary>A named group set used as a factor (<c>by arm</c>); null for every other variable.</summary>
    public GroupSetSymbol? GroupSet { get; init; }

    /// <summary>
    /// A bool expression used as a factor (<c>by age >= 65</c>): its levels are labelled as written,
    /// <c>age >= 65: false</c> and <c>age >= 65: true</c>, not No/Yes.
    /// </summary>
    public bool LevelsAsWritten { get; init; }

    private static VariableKind ToVariableKind(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Continuous => VariableKind.Continuous,
        OutcomeKind.Binary => VariableKind.Binary,
        OutcomeKind.Categorical => VariableKind.Categorical,
        OutcomeKind.Count => VariableKind.Count,
        OutcomeKind.TimeToEvent => VariableKind.TimeToEvent,
        _ => VariableKind.Repeated,
    };
}

/// <summary>An analysis, in protocol order. <see cref="Source"/> is its .study text, whitespace-normalised.</summary>
public abstract record BoundAnalysis(string Source, TextSpan Span)
{
    /// <summary>The analysis id (<c>[a-z][a-z0-9_]*</c>, at most 64): the author's <c>as</c>, else derived from the text.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Which subjects the analysis runs on and how it groups them.</summary>
    public BoundScope Scope { get; init; } = BoundScope.Default;
}

/// <summary>A factor an analysis groups by: a category, bool or derived categorical variable, or the study's <c>group</c> (<see cref="Variable"/> null).</summary>
public sealed record BoundFactor(string Name, BoundVariable? Variable)
{
    public bool IsGroup => Variable is null;
}

/// <summary>
/// The scope clauses of an analysis: <c>by</c>, <c>overall</c>, <c>where</c>, <c>in</c>, <c>within</c>.
/// The default (<see cref="Default"/>) is everyone analysed, by the study's groups.
/// </summary>
public sealed record BoundScope
{
    public static BoundScope Default { get; } = new();

    /// <summary>The factors of <c>by</c>, in order; empty means the study's groups.</summary>
    public ImmutableArray<BoundFactor> By { get; init; } = ImmutableArray<BoundFactor>.Empty;

    /// <summary><c>overall</c>: no grouping at all.</summary>
    public bool Overall { get; init; }

    /// <summary>The <c>where</c> condition (bool), over <see cref="WhereTable"/>'s rows; null when there is none.</summary>
    public BoundExpression? Where { get; init; }

    /// <summary>The <c>where</c> condition as written (whitespace-normalised), for results and the report.</summary>
    public string? WhereText { get; init; }

    /// <summary>The table whose rows <see cref="Where"/> selects: the subject table, or a repeated outcome's child table.</summary>
    public string? WhereTable { get; init; }

    /// <summary>The population of <c>in</c>; null is everyone analysed.</summary>
    public string? Population { get; init; }

    /// <summary>The factor of <c>within</c>: the analysis is repeated in each of its levels.</summary>
    public BoundFactor? Within { get; init; }

    /// <summary>
    /// A mixed model's <c>where</c> split into parts (see <c>Binder.WhereSplit.cs</c>): the text of the subject-level
    /// <c>and</c> parts that <see cref="Where"/> holds, when the condition also has row parts; null otherwise.
    /// </summary>
    public string? SubjectWhereText { get; init; }

    /// <summary>The row parts of a mixed model's <c>where</c>, over its repeated outcome's child rows; null when there are none.</summary>
    public BoundExpression? RowWhere { get; init; }

    /// <summary>The text of the row parts of <see cref="RowWhere"/>, joined by <c>and</c>.</summary>
    public string? RowWhereText { get; init; }

    public bool IsDefault => By.IsEmpty && !Overall && Where is null && RowWhere is null && Population is null && Within is null;
}

/// <summary>A statistic of <c>describe ... statistics</c>; names as in the study (mean_sd, mean_se, ...).</summary>
public enum DescribeStatistic
{
    MeanSd,
    MeanSe,
    MedianIqr,
    Range,
    GeometricMean,
    PercentCi,
}

/// <param name="Statistics">The statistics asked for, in order; empty for the default table.</param>
/// <param name="QuantileType">R's quantile type of the medians and quartiles, 1 to 9 (7 by default).</param>
public sealed record BoundDescribe(
    string Source,
    ImmutableArray<BoundVariable> Variables,
    ImmutableArray<DescribeStatistic> Statistics,
    int QuantileType,
    TextSpan Span) : BoundAnalysis(Source, Span)
{
    /// <summary>The decimals of the table's continuous statistics (<c>decimals n</c>, 0 to 6); null for the report's default.</summary>
    public int? Decimals { get; init; }

    /// <summary>Decimals of single variables (<c>decimals CK = 0</c>), in the order written; they override <see cref="Decimals"/>.</summary>
    public ImmutableArray<VariableDecimals> VariableDecimals { get; init; } = ImmutableArray<VariableDecimals>.Empty;
}

/// <summary>A variable of a <c>describe</c> and the decimals its continuous statistics print with.</summary>
public sealed record VariableDecimals(string Variable, int Decimals);

public enum TestKind
{
    MannWhitney,
    TTest,
    Welch,
    Fisher,
    ChiSquare,
    KruskalWallis,
    Anova,
    WelchAnova,
    RiskDifference,
    RelativeRisk,
    OddsRatio,
    Nnt,
    RateRatio,
    RateDifference,
    Bartlett,
    Levene,
    Tukey,
}

/// <summary>R's <c>exact</c> argument of <c>wilcox.test</c>: NULL (default), TRUE or FALSE.</summary>
public enum ExactMode
{
    Default,
    Exact,
    Approximate,
}

/// <summary>The options after a test's name: <c>exact</c>/<c>approximate</c> and <c>no_conf_int</c> (mann_whitney), <c>no_correct</c> (mann_whitney, chi_square).</summary>
/// <param name="CenterMean">Levene's test about group means (<c>using levene mean</c>); medians by default, as car::leveneTest.</param>
/// <param name="ConfInt">R's <c>conf.int</c> of wilcox.test: the Hodges-Lehmann shift and its CI (on unless <c>no_conf_int</c>).</param>
public sealed record BoundTestOptions(ExactMode Exact, bool Correct, bool CenterMean = false, bool ConfInt = true)
{
    public static BoundTestOptions Default { get; } = new(ExactMode.Default, true);
}

public enum AdjustMethod
{
    None,
    Bonferroni,
    Holm,
    Hochberg,
    BenjaminiHochberg,
}

public abstract record BoundPairing;

/// <summary><c>A vs B</c></summary>
public sealed record TwoGroupsPairing(string First, string Second) : BoundPairing;

/// <summary><c>Ref vs each</c> (all other groups, in declaration order) or <c>Ref vs (B, C)</c>.</summary>
public sealed record VsReferencePairing(string Reference, ImmutableArray<string> Others) : BoundPairing;

public sealed record AllPairsPairing : BoundPairing;

public sealed record AcrossGroupsPairing : BoundPairing;

public sealed record BoundCompare(
    string Source,
    ImmutableArray<BoundVariable> Variables,
    BoundPairing Pairing,
    TestKind Test,
    AdjustMethod Adjust,
    BoundTestOptions Options,
    TextSpan Span) : BoundAnalysis(Source, Span)
{
    /// <summary>The strata, person-time and options of an effect measure (risk_difference, ..., rate_ratio); null for a test.</summary>
    public BoundEffect? Effect { get; init; }
}

public enum ResponseTransform
{
    None,
    Log,
}

public enum TermFactorKind
{
    Group,

    /// <summary>The repeated outcome's time column, as a number.</summary>
    Time,

    /// <summary><c>factor(time)</c>: one level per distinct time.</summary>
    TimeAsFactor,

    /// <summary>A subject-level variable: a number enters as is, a category or bool as a factor.</summary>
    Covariate,

    /// <summary><c>factor(x)</c> of a subject-level variable: a number gets one level per distinct value.</summary>
    CovariateAsFactor,

    /// <summary>A number per row of the repeated outcome's table (<c>log(Days + 1)</c>, <c>week / 4</c>): <see cref="BoundTermFactor.RowValue"/>.</summary>
    RowCovariate,
}

/// <param name="Covariate">The subject-level variable of a <see cref="TermFactorKind.Covariate"/> or <see cref="TermFactorKind.CovariateAsFactor"/> factor; null otherwise.</param>
public sealed record BoundTermFactor(string Name, TermFactorKind Kind, BoundVariable? Covariate = null)
{
    /// <summary>The expression over the repeated outcome's row of a <see cref="TermFactorKind.RowCovariate"/> factor; null otherwise.</summary>
    public BoundExpression? RowValue { get; init; }
}

/// <summary>One factor is a main effect; several an interaction. <c>a * b</c> is already expanded to a, b, a:b.</summary>
public sealed record BoundModelTerm(ImmutableArray<BoundTermFactor> Factors);

public sealed record BoundRandomEffect(string Grouping, bool Intercept, string? Slope);

/// <param name="IncludedGroups">Groups kept by the <c>where</c> clause, in declaration order; default = all groups.</param>
public sealed record BoundMixedModel(
    string Source,
    OutcomeSymbol Response,
    ResponseTransform Transform,
    ImmutableArray<BoundModelTerm> FixedTerms,
    ImmutableArray<BoundRandomEffect> RandomEffects,
    ImmutableArray<string> IncludedGroups,
    bool Reml,
    TextSpan Span) : BoundAnalysis(Source, Span)
{
    /// <summary><c>reference x = level</c> (or a group): the treatment-contrast reference level of factor terms, as R's <c>relevel</c>.</summary>
    public ImmutableArray<BoundLinearReference> References { get; init; } = ImmutableArray<BoundLinearReference>.Empty;

    /// <summary><c>means f</c>: the means of f at each visit and their contrasts; null without <c>means</c>.</summary>
    public BoundVisitMeans? Means { get; init; }

    /// <summary><c>anova type1</c>: the F tests are sequential (lmerTest's <c>anova(fit, type = 1)</c>) instead of type III.</summary>
    public bool TypeI { get; init; }

    /// <summary><c>model mmrm</c>: fit as a mixed model for repeated measures (no random effects); null for <c>model mixed</c>.</summary>
    public BoundMmrmOptions? Mmrm { get; init; }

    /// <summary><c>model rm_anova</c>: the terms are the full factorial of between factors and <c>factor(time)</c>; null otherwise.</summary>
    public BoundRmAnovaOptions? RmAnova { get; init; }

    /// <summary><c>df kr</c>: Kenward-Roger df and adjusted SEs; false for <c>df satterthwaite</c> (the default).</summary>
    public bool KenwardRoger { get; init; }
}

/// <param name="Subject">The repeated table's link column (afex's <c>id</c>).</param>
public sealed record BoundRmAnovaOptions(string Subject);

/// <param name="Covariance">us, cs, ar1 or toep (mmrm's names).</param>
/// <param name="Subject">The repeated table's link column.</param>
/// <param name="Means">The factor whose means are estimated at each visit; null for none.</param>
public sealed record BoundMmrmOptions(string Covariance, string Subject);

/// <summary>
/// <c>means f contrast reference | pairwise adjust ...</c> of <c>model mixed</c> or <c>model mmrm</c>: the means of
/// factor f at each visit (emmeans' <c>~ f | visit</c>) and their contrasts, adjusted within each visit.
/// </summary>
public sealed record BoundVisitMeans(string Factor, bool Pairwise, LinearMeansAdjust Adjust);

public sealed record BoundKaplanMeier(string Source, OutcomeSymbol Outcome, ImmutableArray<double> Times, SurvivalConfType ConfType, TextSpan Span)
    : BoundAnalysis(Source, Span)
{
    /// <summary><c>conf_band</c>: the report's figure draws each curve's pointwise CI as a band.</summary>
    public bool ConfBand { get; init; }
}

/// <param name="Pairwise">Also test every pair of groups, p-values adjusted with <see cref="Adjust"/>.</param>
public sealed record BoundLogRank(string Source, OutcomeSymbol Outcome, double Rho, BoundVariable? Strata, bool Pairwise, AdjustMethod Adjust, TextSpan Span)
    : BoundAnalysis(Source, Span);

/// <summary>How tied event times enter a Cox model: <c>coxph(ties = "efron" | "breslow" | "exact")</c>.</summary>
public enum TiesMethod
{
    Efron,
    Breslow,
    Exact,
}

/// <summary>The time scale of a Cox model's proportional-hazards test: <c>cox.zph(fit, transform = )</c>, or no test.</summary>
public enum ZphTransform
{
    Km,
    Rank,
    Identity,
    Log,
    None,
}

/// <summary>A Cox term: <see cref="Covariate"/> null means the group factor, unless the term is an <see cref="Interaction"/>.</summary>
public sealed record BoundCoxTerm(BoundVariable? Covariate, string? ReferenceLevel)
{
    /// <summary>The factors of an interaction (<c>a:b</c>), each a main-effect-shaped term; empty for a main effect.</summary>
    public ImmutableArray<BoundCoxTerm> Interaction { get; init; } = ImmutableArray<BoundCoxTerm>.Empty;

    /// <summary>The term's variables: its covariate, or its factors' covariates.</summary>
    public IEnumerable<BoundVariable> Variables => Interaction.IsEmpty
        ? Covariate is null ? [] : [Covariate]
        : Interaction.SelectMany(f => f.Variables);
}

public sealed record BoundCox(
    string Source,
    OutcomeSymbol Outcome,
    ImmutableArray<BoundCoxTerm> Terms,
    TiesMethod Ties,
    ImmutableArray<BoundVariable> Strata,
    TextSpan Span) : BoundAnalysis(Source, Span)
{
    /// <summary><c>zph km | rank | identity | log | none</c>; km (cox.zph's default) when absent.</summary>
    public ZphTransform Zph { get; init; } = ZphTransform.Km;

    /// <summary><c>subgroup s, t</c>: the treatment's hazard ratio within each level of each factor; null without the clause.</summary>
    public BoundCoxSubgroups? Subgroups { get; init; }
}

/// <summary>
/// <c>model cox ... subgroup s, t</c>: the model refitted within each level of each factor, and the treatment × factor
/// interaction test. <see cref="Treatment"/> indexes <see cref="BoundCox.Terms"/>: the <c>group</c> term, else the first term.
/// </summary>
/// <param name="Factors">Each subgroup factor as a main-effect term (<see cref="BoundCoxTerm.Covariate"/> null = the study's group),
/// with the reference level its model term has, if it is one.</param>
public sealed record BoundCoxSubgroups(int Treatment, ImmutableArray<BoundCoxTerm> Factors);

/// <summary>Which ANOVA table a linear model reports: <c>anova type1 | type2 | type3</c>.</summary>
public enum LinearAnovaType
{
    TypeI,
    TypeII,
    TypeIII,
}

/// <summary><c>robust hc0 ... hc3</c>: the coefficients' covariance (sandwich::vcovHC); None is the classical one.</summary>
public enum RobustStandardErrors
{
    None,
    HC0,
    HC1,
    HC2,
    HC3,
}

/// <summary><c>reference x = level</c> (or a group) of a linear model.</summary>
public sealed record BoundLinearReference(string Factor, string Level);

/// <summary><c>model linear y ~ terms</c>; <see cref="Terms"/> are expanded (<c>a * b</c> = a, b, a:b) in R's order.</summary>
public sealed record BoundLinearModel(
    string Source,
    BoundVariable Response,
    ResponseTransform Transform,
    ImmutableArray<BoundModelTerm> Terms,
    ImmutableArray<BoundLinearReference> References,
    LinearAnovaType Anova,
    RobustStandardErrors Robust,
    TextSpan Span) : BoundAnalysis(Source, Span)
{
    /// <summary><c>means f[, g]</c> with its contrast and adjustment; null without <c>means</c>.</summary>
    public BoundLinearMeans? Means { get; init; }
}

/// <summary><c>means f, g contrast ... adjust ...</c> of a linear model: emmeans(fit, ~ f | g).</summary>
public sealed record BoundLinearMeans(string Factor, string? By, LinearMeansContrast Contrast, LinearMeansAdjust Adjust);

/// <summary><c>contrast pairwise | reference</c>.</summary>
public enum LinearMeansContrast
{
    Pairwise,
    Reference,
}

/// <summary><c>adjust none | tukey | bonferroni | holm | dunnettx</c> of marginal-means contrasts.</summary>
public enum LinearMeansAdjust
{
    None,
    Tukey,
    Bonferroni,
    Holm,
    Dunnettx,
}

/// <summary>One top-level <c>and</c> conjunct of a population's condition: the subject flow says which one a subject failed first.</summary>
public sealed record BoundPopulationCondition(string Text, BoundExpression Condition);

/// <summary><c>population Name "label": condition</c>, its condition split at the top-level <c>and</c>s.</summary>
public sealed record BoundPopulation(string Name, string Label, ImmutableArray<BoundPopulationCondition> Conditions, TextSpan Span);

/// <summary>The family of a <see cref="BoundGlmModel"/>: the model kind, and <c>family quasi</c> for a Poisson one.</summary>
public enum GlmModelFamily
{
    Logistic,
    Poisson,
    QuasiPoisson,
    NegativeBinomial,
}

/// <summary><c>model logistic | poisson | negative_binomial y ~ terms</c>; terms as <see cref="BoundLinearModel"/>'s, and an optional offset.</summary>
public sealed record BoundGlmModel(
    string Source,
    BoundVariable Response,
    GlmModelFamily Family,
    ImmutableArray<BoundModelTerm> Terms,
    ImmutableArray<BoundLinearReference> References,
    BoundVariable? Offset,
    TextSpan Span) : BoundAnalysis(Source, Span)
{
    /// <summary><c>means f[, g]</c> with its contrast and adjustment (on the link scale, and back-transformed); null without <c>means</c>.</summary>
    public BoundLinearMeans? Means { get; init; }
}
