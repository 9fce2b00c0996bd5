using System.Collections.Immutable;
using System.Linq;

namespace ProtocolLang.Catalog;

/// <summary>
/// Every analysis kind of the language, once: its head, what it accepts, its options with their allowed values,
/// defaults and R equivalents. The parser reads clauses by <see cref="Clauses"/> (never by kind), the binder checks
/// each analysis against its <see cref="AnalysisKind"/>, and docs/language.md's reference is generated from here.
/// Adding a kind is an entry here, a bound form, its runtime and its report view.
/// </summary>
public static class AnalysisCatalog
{
    /// <summary>The declaration keywords that start an analysis.</summary>
    public static ImmutableArray<AnalysisVerb> Verbs { get; } =
    [
        new("describe", false), new("compare", false), new("model", true), new("test", true),
    ];

    /// <summary>The clause registry: one shape per keyword, for every kind.</summary>
    public static ImmutableArray<ClauseDefinition> Clauses { get; } =
    [
        new("by", ClauseShape.ExpressionList, "a factor"),
        new("overall", ClauseShape.Flag, string.Empty),
        new("where", ClauseShape.Expression, "a condition"),
        new("in", ClauseShape.Identifier, "a population name"),
        new("within", ClauseShape.Expression, "a factor"),
        new("as", ClauseShape.Identifier, "an analysis id"),
        new("statistics", ClauseShape.WordList, "a statistic name"),
        new("quantile_type", ClauseShape.Number, "a quantile type (1 to 9)"),
        new("decimals", ClauseShape.NumberAssignments, "a number of decimals (0 to 6)"),
        new(":", ClauseShape.Pairing, "a group name or 'all pairs'"),
        new("across", ClauseShape.Word, "'groups'"),
        new("using", ClauseShape.TestWithOptions, "a test name"),
        new("adjust", ClauseShape.Word, "an adjustment method"),
        new("method", ClauseShape.Word, "an estimation method"),
        new("at", ClauseShape.NumberList, "a time"),
        new("conf_type", ClauseShape.Word, "a confidence interval type"),
        new("conf_band", ClauseShape.Flag, string.Empty),
        new("rho", ClauseShape.Number, "a number (the G-rho weight)"),
        new("strata", ClauseShape.ExpressionList, "a strata variable"),
        new("pairwise", ClauseShape.Flag, string.Empty),
        new("reference", ClauseShape.References, "a reference level or 'variable = level'"),
        new("ties", ClauseShape.Word, "a ties method"),
        new("zph", ClauseShape.Word, "a time scale for the proportional-hazards test"),
        new("anova", ClauseShape.Word, "an ANOVA type"),
        new("robust", ClauseShape.Word, "a robust standard error type"),
        new("per", ClauseShape.Expression, "a person-time variable"),
        new("means", ClauseShape.ExpressionList, "a factor of the model"),
        new("contrast", ClauseShape.Word, "a contrast of the means"),
        new("offset", ClauseShape.ExpressionList, "an offset expression"),
        new("family", ClauseShape.Word, "a family"),
        new("covariance", ClauseShape.Word, "a covariance structure"),
        new("df", ClauseShape.Word, "a degrees-of-freedom method"),
        new("subgroup", ClauseShape.ExpressionList, "a subgroup factor"),
    ];

    private static readonly ImmutableArray<string> AdjustMethods = ["none", "bonferroni", "holm", "hochberg", "bh"];

    /// <summary>The test names of <c>compare ... using</c>, with their R equivalents.</summary>
    public static ImmutableArray<(string Name, string REquivalent)> Tests { get; } =
    [
        ("mann_whitney", "wilcox.test(conf.int = TRUE)"), ("t_test", "t.test(var.equal = TRUE)"), ("welch", "t.test()"),
        ("fisher", "fisher.test()"), ("chi_square", "chisq.test()"), ("kruskal_wallis", "kruskal.test()"),
        ("anova", "oneway.test(var.equal = TRUE)"), ("welch_anova", "oneway.test()"),
        ("risk_difference", "prop.test(correct = FALSE) Wilson limits, Newcombe hybrid score CI"),
        ("relative_risk", "glm(family = binomial(link = \"log\")), Katz log CI"),
        ("odds_ratio", "glm(family = binomial) with confint.default; conditional: fisher.test(); strata: mantelhaen.test(); conditional + strata: mantelhaen.test(exact = TRUE)"),
        ("nnt", "1 / risk difference, Altman's CI"), ("rate_ratio", "poisson.test(c(x1, x2), c(t1, t2))"),
        ("rate_difference", "Wald CI of x1/t1 - x2/t2"),
        ("bartlett", "bartlett.test()"), ("levene", "car::leveneTest(center = median); levene mean: center = mean"),
        ("tukey", "TukeyHSD(aov(y ~ group))"),
    ];

    /// <summary>Names R users reach for, with the test they mean: <c>wilcoxon</c> is <c>mann_whitney</c>.</summary>
    public static ImmutableArray<(string Habit, string Test, string Why)> TestAliases { get; } =
    [
        ("wilcoxon", "mann_whitney", "R's wilcox.test"), ("wilcox", "mann_whitney", "R's wilcox.test"),
        ("wilcox_test", "mann_whitney", "R's wilcox.test"), ("ttest", "t_test", "R's t.test(var.equal = TRUE)"),
        ("t", "t_test", "R's t.test(var.equal = TRUE)"), ("kruskal", "kruskal_wallis", "R's kruskal.test"),
        ("chisq", "chi_square", "R's chisq.test"), ("fisher_exact", "fisher", "R's fisher.test"),
        ("aov", "anova", "R's oneway.test(var.equal = TRUE)"),
        ("risk_diff", "risk_difference", "the difference of two proportions"), ("rd", "risk_difference", "the difference of two proportions"),
        ("risk_ratio", "relative_risk", "the ratio of two proportions"), ("rr", "relative_risk", "the ratio of two proportions"),
        ("or", "odds_ratio", "the odds ratio"), ("mantel_haenszel", "odds_ratio", "with 'strata': R's mantelhaen.test"),
        ("mantelhaen", "odds_ratio", "with 'strata': R's mantelhaen.test"), ("cmh", "odds_ratio", "with 'strata': R's mantelhaen.test"),
        ("number_needed_to_treat", "nnt", "1 / risk difference"), ("irr", "rate_ratio", "R's poisson.test"),
        ("incidence_rate_ratio", "rate_ratio", "R's poisson.test"), ("poisson_test", "rate_ratio", "R's poisson.test"),
        ("tukeyhsd", "tukey", "R's TukeyHSD"), ("tukey_hsd", "tukey", "R's TukeyHSD"), ("levenetest", "levene", "R's car::leveneTest"),
        ("bartlett_test", "bartlett", "R's bartlett.test"),
    ];

    /// <summary>The multiplicity adjustment of marginal-means contrasts (linear and generalised linear models).</summary>
    private static AnalysisOption MeansAdjustOption { get; } =
        new("adjust", ["tukey", "dunnettx", "bonferroni", "holm", "none"], "tukey (pairwise), dunnettx (reference)", "contrast(em, adjust = )",
            "Adjustment of the contrasts within each level of the second `means` factor: Tukey's studentized range, emmeans' approximate Dunnett (its default against a reference), Bonferroni, Holm or none.");

    /// <summary><c>means</c>, <c>contrast</c>, <c>adjust</c> of a GLM: emmeans on the link scale and back-transformed.</summary>
    private static ImmutableArray<AnalysisOption> GlmMeansOptions { get; } =
    [
        new("means", [], null, "emmeans::emmeans(fit, ~ f, type = \"response\", offset = 0)",
            "Estimated marginal means of a factor term on the link scale (z intervals, df = ∞) and back-transformed: probabilities (logistic) or rates per unit of the offset (counts); `means f, g` within each level of g."),
        new("contrast", ["pairwise", "reference"], "pairwise", "emmeans::contrast(em, \"pairwise\" | \"trt.vs.ctrl\")",
            "Contrasts of the means: differences on the link scale and odds or rate ratios on the response scale."),
        MeansAdjustOption,
    ];

    /// <summary><c>means</c>, <c>contrast</c>, <c>adjust</c> of a mixed model or MMRM: emmeans' <c>~ f | visit</c>, a family per visit.</summary>
    private static ImmutableArray<AnalysisOption> VisitMeansOptions { get; } =
    [
        new("means", [], null, "emmeans::emmeans(fit, ~ f | visit)",
            "Estimated marginal means of a factor at each visit (numbers at their mean, other factors weighted equally), with the fit's df (Satterthwaite or Kenward-Roger) and 95% CI."),
        new("contrast", ["reference", "pairwise"], "reference", "emmeans::contrast(em, \"trt.vs.ctrl\" | \"pairwise\")",
            "Contrasts of the means within each visit: each level against the reference (first) level, or every pair."),
        new("adjust", ["dunnettx", "tukey", "bonferroni", "holm", "none"], "dunnettx (reference), tukey (pairwise)", "contrast(em, adjust = )",
            "Adjustment of the contrasts within each visit, each contrast on its own df: emmeans' approximate Dunnett, Tukey's studentized range (pairwise only), Bonferroni, Holm or none."),
    ];

    private static ImmutableArray<AnalysisOption> ScopeOptions { get; } =
    [
        new("by", [], "group", "the grouping factor(s): survfit(Surv(t, e) ~ f), table(f)",
            "Analyse by these factors: a category, bool or derived categorical variable, an expression of one (`age >= 65`), or `group`; several are cross-classified."),
        new("overall", [], null, "no grouping: ~ 1", "Analyse everyone together, without groups."),
        new("where", [], null, "subset = ",
            "Analyse only the subjects for whom the condition is true (for a repeated outcome: the rows of its table); the others are counted."),
        new("in", [], null, "subset = to the population", "Analyse only the subjects of a named population (`population PP ...`)."),
        new("within", [], null, "lapply(split(data, f), ...)", "Repeat the analysis within each level of a factor; each level is reported with its n."),
        new("as", [], null, "(none)", "The analysis id used by results.json, figures, report anchors and diff (default: derived from the text)."),
    ];

    /// <summary>The kinds, in the order the reference lists them.</summary>
    public static ImmutableArray<AnalysisKind> Kinds { get; } =
    [
        new("describe", "describe", "A descriptive table (Table 1): each variable summarised per group.", "summary(), table(), quantile()",
            HeadShape.Variables, ["continuous", "binary", "categorical", "count"],
            [
                new("statistics", ["mean_sd", "mean_se", "median_iqr", "range", "geometric_mean", "percent_ci"], null,
                    "mean/sd, sd/sqrt(n), quantile, range, exp(t.test(log x)$conf.int), prop.test(correct = FALSE)",
                    "What numbers show instead of the default rows, in this order; `percent_ci` adds a Wilson 95% CI to every n (%)."),
                new("quantile_type", ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "7", "quantile(type = n)",
                    "How medians and quartiles are computed."),
                new("decimals", ["0", "1", "2", "3", "4", "5", "6"], null, "tbl_summary(digits = all_continuous() ~ n)",
                    "Decimals of the continuous statistics (mean, SD, SE, median, quartiles, range, geometric mean) instead of gtsummary's default from the spread of each variable's values: `decimals 1` for every variable, `decimals age = 1, CK = 0` per variable, or both (`decimals 1, CK = 0`)."),
                ..ScopeOptions,
            ],
            []),
        new("compare", "compare", "A test of each variable between groups: two groups, a reference vs others, all pairs, or across all groups.",
            "wilcox.test, t.test, fisher.test, chisq.test, kruskal.test, oneway.test; p.adjust",
            HeadShape.Variables, ["continuous", "binary", "categorical", "count"],
            [
                new(":", [], null, "(the subsets compared)", "Which groups: `A vs B`, `A vs each`, `A vs (B, C)` or `all pairs`."),
                new("across", ["groups"], null, "one k-sample test", "One test across all groups."),
                new("using", [.. Tests.Select(t => t.Name)], null, string.Join(", ", Tests.Select(t => t.Name + ": " + t.REquivalent)),
                    "The test. After it, mann_whitney takes `exact`, `approximate`, `no_correct` and `no_conf_int`, chi_square takes `no_correct` (R's exact = TRUE/FALSE, correct = FALSE; "
                    + "`no_conf_int`: wilcox.test without conf.int = TRUE, the p-value without the Hodges-Lehmann shift and CI), "
                    + "levene takes `mean` (car's center = mean; median by default); tukey needs `across groups` or `: all pairs` and no `adjust`. "
                    + "The effect measures (a binary variable, two groups) are risk_difference, relative_risk, odds_ratio (`conditional`: fisher.test's estimate and exact CI) and nnt "
                    + "(`beneficial` or `harmful` names the event); with `strata` they are Mantel-Haenszel (`no_correct`: mantelhaen.test(correct = FALSE); "
                    + "odds_ratio `conditional`: mantelhaen.test(exact = TRUE)). "
                    + "rate_ratio and rate_difference compare events (a count or binary variable) over the person-time of `per`; with `strata` they are Mantel-Haenszel (Greenland-Robins)."),
                new("adjust", AdjustMethods, "none", "p.adjust(method = )", "Multiplicity adjustment of the comparison's p-values (bh is Benjamini-Hochberg)."),
                new("strata", [], null, "mantelhaen.test(table(group, x, s))",
                    "Mantel-Haenszel stratified effect measures (risk_difference, relative_risk, odds_ratio, nnt, rate_ratio, rate_difference): categorical or bool variables, crossed."),
                new("per", [], null, "poisson.test(c(x1, x2), c(t1, t2))",
                    "The person-time of rate_ratio and rate_difference: a number variable summed per group, as `events per person_years`."),
                ..ScopeOptions,
            ],
            [[":", "across"], ["using"]]),
        new("mixed", "model", "A linear mixed model of a repeated outcome, with fixed terms and one random-effects term per subject, or an uncorrelated random intercept and slope.",
            "lmerTest::lmer()", HeadShape.Formula, ["repeated"],
            [
                new("method", ["reml", "ml"], "reml", "lmer(REML = TRUE / FALSE)", "Restricted or full maximum likelihood."),
                new("df", ["satterthwaite", "kr"], "satterthwaite",
                    "summary(fit, ddf = \"Satterthwaite\" | \"Kenward-Roger\"), anova(fit, ddf = ), emmeans(fit, lmer.df = \"kenward-roger\"); pbkrtest::vcovAdj",
                    "The denominator df of the t and F tests and the means: Satterthwaite's, or Kenward-Roger's, which also takes every SE from the bias-adjusted covariance of the fixed effects (REML only)."),
                new("reference", [], "the first level", "relevel(f, ref = )", "Reference levels: a group (for `group`) or `variable = level`."),
                new("anova", ["type3", "type1"], "type3", "anova(fit, type = 3 | 1) (lmerTest, Satterthwaite)",
                    "The F tests of the terms: type III (each term after all others, lmerTest's default) or type I (sequential, in the formula's order)."),
                ..VisitMeansOptions,
                ..ScopeOptions,
            ],
            []),
        new("mmrm", "model", "A mixed model for repeated measures: fixed terms, one row per subject and visit, a structured within-subject covariance, Satterthwaite or Kenward-Roger df; the means of a factor at each visit with their contrasts.",
            "mmrm::mmrm(), emmeans(fit, ~ f | visit)", HeadShape.Formula, ["repeated"],
            [
                new("covariance", ["us", "cs", "ar1", "toep"], "us", "mmrm(y ~ ... + us(visit | id)) / cs() / ar1() / toep()",
                    "The within-subject covariance over the visits (the outcome's time): unstructured, compound symmetry, AR(1) or Toeplitz (homogeneous variances)."),
                new("df", ["satterthwaite", "kr"], "satterthwaite", "mmrm(..., method = \"Satterthwaite\" | \"Kenward-Roger\")",
                    "The df of the t-tests, means and contrasts: Satterthwaite's, or Kenward-Roger's, which also takes every SE from the bias-adjusted covariance of the fixed effects (mmrm's vcov of a Kenward-Roger fit)."),
                new("reference", [], "the first level", "relevel(f, ref = )", "Reference levels: a group (for `group`) or `variable = level`."),
                ..VisitMeansOptions,
                ..ScopeOptions,
            ],
            []),
        new("rm_anova", "model", "A repeated-measures ANOVA: type III F tests of the between-subject factors, the visit and their interactions on the subjects seen at every visit, generalized eta squared, Mauchly's sphericity test and the Greenhouse-Geisser and Huynh-Feldt corrections.",
            "afex::aov_ez(id, dv, data, between = , within = ), anova(fit, correction = \"GG\" | \"HF\"), summary(fit)", HeadShape.Formula, ["repeated"],
            [
                ..ScopeOptions,
            ],
            []),
        new("kaplan_meier", "model", "Kaplan-Meier survival curves per group, with medians and survival at given times.",
            "survival::survfit(Surv(time, event) ~ group)", HeadShape.Outcome, ["time_to_event"],
            [
                new("at", [], null, "summary(fit, times = )", "Times at which survival is reported."),
                new("conf_type", ["log", "log_log", "plain"], "log", "survfit(conf.type = \"log\" | \"log-log\" | \"plain\")",
                    "The pointwise 95% CI of the curves, the medians and the survival at the `at` times."),
                new("conf_band", [], null, "survminer::ggsurvplot(fit, conf.int = TRUE)",
                    "Draw each curve's pointwise 95% CI (of `conf_type`) in the report's figure as a translucent step-shaped band."),
                ..ScopeOptions,
            ],
            []),
        new("logrank", "test", "The log-rank (or Fleming-Harrington G-rho) test of survival across groups.",
            "survival::survdiff()", HeadShape.Outcome, ["time_to_event"],
            [
                new("rho", [], "0", "survdiff(rho = )", "0 is the log-rank test, 1 the Peto-Peto modification of the Gehan-Wilcoxon test."),
                new("strata", [], null, "survdiff(Surv(t, e) ~ group + strata(s))", "A stratified test: a categorical or bool variable or expression (`ph_ecog >= 2`)."),
                new("pairwise", [], null, "survdiff on each two-group subset", "Also test every pair of groups."),
                new("adjust", AdjustMethods, "none", "p.adjust(method = )", "Adjustment of the pairwise p-values."),
                ..ScopeOptions,
            ],
            []),
        new("cox", "model", "A Cox proportional hazards model, with concordance and the proportional-hazards test.",
            "survival::coxph(), cox.zph()", HeadShape.Formula, ["time_to_event"],
            [
                new("reference", [], "the first level", "relevel(f, ref = )", "Reference levels: a group (for `group`) or `variable = level`."),
                new("ties", ["efron", "breslow", "exact"], "efron", "coxph(ties = )",
                    "How tied event times are handled: Efron's or Breslow's approximation, or the exact partial likelihood (each tied event set's conditional logistic likelihood)."),
                new("zph", ["km", "rank", "identity", "log", "none"], "km", "cox.zph(fit, transform = ); none: no cox.zph",
                    "The time scale g(t) of the proportional-hazards test: 1 − KM(t), the rank of t among all times, t or log(t); `none` leaves the test out."),
                new("strata", [], null, "coxph(Surv(t, e) ~ x + strata(s))", "Strata with their own baseline hazard: categorical or bool variables or expressions."),
                new("subgroup", [], null, "coxph(Surv(t, e) ~ arm + x, data = subset(d, s == level)); anova(coxph(~ arm + x + s), coxph(~ arm + x + s + arm:s))",
                    "The treatment's hazard ratio within each level of each factor (a category, bool, group set, `group` or expression, as `by`), with the likelihood-ratio test of the treatment × factor interaction and a forest plot. The treatment is the `group` term, else the formula's first term."),
                ..ScopeOptions,
            ],
            []),
        new("linear", "model", "A linear regression of a numeric subject-level response: coefficients with t tests and CIs, R², F, AIC/BIC and an ANOVA table.",
            "lm(), anova(), car::Anova(), sandwich::vcovHC()", HeadShape.Formula, ["continuous", "count"],
            [
                new("reference", [], "the first level", "relevel(f, ref = )", "Reference levels: a group (for `group`) or `variable = level`."),
                new("anova", ["type1", "type2", "type3"], "type1", "anova(fit), car::Anova(fit, type = 2 | 3)",
                    "The ANOVA table: sequential (type I), each term after the terms not containing it (type II), or each term after all others with sum-to-zero contrasts (type III)."),
                new("robust", ["hc0", "hc1", "hc2", "hc3"], null, "sandwich::vcovHC(fit, type = \"HC0\" ... \"HC3\")",
                    "Heteroscedasticity-robust standard errors for the coefficients' t tests and CIs (the ANOVA and F stay classical)."),
                new("means", [], null, "emmeans::emmeans(fit, ~ f) / ~ f | g",
                    "Estimated marginal means of a factor term (numbers at their mean, the other factors' levels weighted equally), with SE and 95% CI; `means f, g`: the means of f within each level of g. For `log(y)` also back-transformed."),
                new("contrast", ["pairwise", "reference"], "pairwise", "emmeans::contrast(em, \"pairwise\" | \"trt.vs.ctrl\")",
                    "Contrasts of the means: every pair, or each level against the reference (first) level; ratios for `log(y)`."),
                MeansAdjustOption,
                ..ScopeOptions,
            ],
            []),
        new("logistic", "model", "A logistic regression of a bool subject-level response: coefficients with z tests, odds ratios with Wald and profile-likelihood CIs, deviance and AIC.",
            "glm(family = binomial), confint()", HeadShape.Formula, ["binary"],
            [
                new("reference", [], "the first level", "relevel(f, ref = )", "Reference levels: a group (for `group`) or `variable = level`."),
                ..GlmMeansOptions,
                ..ScopeOptions,
            ],
            []),
        new("poisson", "model", "A Poisson regression of a count: coefficients with z tests (t for quasi), rate ratios with Wald and profile-likelihood CIs, deviance and AIC.",
            "glm(family = poisson | quasipoisson), confint()", HeadShape.Formula, ["count"],
            [
                new("reference", [], "the first level", "relevel(f, ref = )", "Reference levels: a group (for `group`) or `variable = level`."),
                new("offset", [], null, "glm(y ~ x + offset(log(t)))", "A numeric expression added to the linear predictor with coefficient 1, e.g. `offset log(person_years)` for rates."),
                new("family", ["poisson", "quasi"], "poisson", "glm(family = quasipoisson)", "`quasi` estimates the dispersion from Pearson's chi-squared (overdispersed counts)."),
                ..GlmMeansOptions,
                ..ScopeOptions,
            ],
            []),
        new("negative_binomial", "model", "A negative binomial regression of an overdispersed count, θ by maximum likelihood: rate ratios with Wald and profile-likelihood CIs.",
            "MASS::glm.nb(), confint()", HeadShape.Formula, ["count"],
            [
                new("reference", [], "the first level", "relevel(f, ref = )", "Reference levels: a group (for `group`) or `variable = level`."),
                new("offset", [], null, "glm.nb(y ~ x + offset(log(t)))", "A numeric expression added to the linear predictor with coefficient 1."),
                ..GlmMeansOptions,
                ..ScopeOptions,
            ],
            []),
    ];

    /// <summary>Kinds planned for later versions: they get "not available yet", not "unknown".</summary>
    public static ImmutableArray<PlannedKind> Planned { get; } =
    [
        new("ordinal", "model", "MASS::polr()"),
        new("fine_gray", "model", "cmprsk::crr()"), new("competing_risks", "model", "cmprsk::cuminc()"),
        new("trend", "test", "prop.trend.test()"),
    ];

    public static ClauseDefinition? Clause(string keyword) => Clauses.FirstOrDefault(c => c.Keyword == keyword);

    /// <summary>The kind a declaration names: <c>describe</c> (no kind word) or <c>model</c> + <c>cox</c>.</summary>
    public static AnalysisKind? Find(string verb, string? kindWord) =>
        Kinds.FirstOrDefault(k => k.Verb == verb && (k.HasKindWord ? k.Name == kindWord : kindWord is null));
}
