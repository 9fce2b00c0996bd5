using System;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Names, titles and R equivalents of the effect measures of <c>compare</c>.</summary>
internal static class EffectMethod
{
    public static bool IsEffect(TestKind test) =>
        test is TestKind.RiskDifference or TestKind.RelativeRisk or TestKind.OddsRatio or TestKind.Nnt or TestKind.RateRatio or TestKind.RateDifference;

    public static bool IsRate(TestKind test) => test is TestKind.RateRatio or TestKind.RateDifference;

    public static string Name(TestKind test) => test switch
    {
        TestKind.RiskDifference => "risk_difference",
        TestKind.RelativeRisk => "relative_risk",
        TestKind.OddsRatio => "odds_ratio",
        TestKind.Nnt => "nnt",
        TestKind.RateRatio => "rate_ratio",
        TestKind.RateDifference => "rate_difference",
        _ => throw new ArgumentOutOfRangeException(nameof(test), test, null),
    };

    /// <summary>The interval's method, for results.json's <c>effect.interval</c>.</summary>
    public static string Interval(TestKind test, EffectOptions options)
    {
        bool stratified = options.Strata.Count > 0;
        return test switch
        {
            TestKind.RiskDifference or TestKind.Nnt => stratified ? "greenland_robins" : "newcombe_hybrid_score",
            TestKind.RelativeRisk => stratified ? "greenland_robins_log" : "katz_log",
            TestKind.OddsRatio when stratified && options.Conditional => "exact_conditional",
            TestKind.OddsRatio => stratified ? "robins_breslow_greenland" : options.Conditional ? "exact_conditional" : "wald_log",
            TestKind.RateRatio => stratified ? "greenland_robins_log" : "exact_binomial",
            TestKind.RateDifference => stratified ? "greenland_robins" : "wald",
            _ => throw new ArgumentOutOfRangeException(nameof(test), test, null),
        };
    }

    /// <summary>The R call (or the formula computed in R, where R has no function) the numbers are validated against.</summary>
    public static string REquivalent(TestKind test, EffectOptions options)
    {
        string mh = options.Correct ? "mantelhaen.test(table(group, x, strata))" : "mantelhaen.test(table(group, x, strata), correct = FALSE)";
        bool stratified = options.Strata.Count > 0;
        return test switch
        {
            TestKind.RiskDifference when stratified => "Greenland-Robins formula (no R function); test " + mh,
            TestKind.RelativeRisk when stratified => "Greenland-Robins formula (no R function); test " + mh,
            TestKind.Nnt when stratified => "1 / Mantel-Haenszel risk difference (no R function); test " + mh,
            TestKind.OddsRatio when stratified && options.Conditional => "mantelhaen.test(table(group, x, strata), exact = TRUE)",
            TestKind.OddsRatio when stratified => mh,
            TestKind.RateRatio when stratified => "Greenland-Robins formula (no R function); Mantel-Haenszel test for person-time (formula)",
            TestKind.RateDifference when stratified => "Greenland-Robins formula (no R function); Mantel-Haenszel test for person-time (formula)",
            TestKind.RiskDifference => "Newcombe's formula on prop.test(x, n, correct = FALSE)$conf.int; test prop.test(c(x1, x2), c(n1, n2), correct = FALSE)",
            TestKind.RelativeRisk => "glm(cbind(x, n - x) ~ group, family = binomial(link = \"log\")) with confint.default",
            TestKind.OddsRatio when options.Conditional => "fisher.test(table(group, x))",
            TestKind.OddsRatio => "glm(cbind(x, n - x) ~ group, family = binomial) with confint.default",
            TestKind.Nnt => "1 / risk difference, Altman (1998) inversion of Newcombe's limits (no R function)",
            TestKind.RateRatio => "poisson.test(c(x1, x2), c(t1, t2))",
            TestKind.RateDifference => "Wald formula x1/t1 - x2/t2 ± 1.96 √(x1/t1² + x2/t2²) (no R function)",
            _ => throw new ArgumentOutOfRangeException(nameof(test), test, null),
        };
    }

    public static string Title(TestKind test, EffectOptions options)
    {
        bool stratified = options.Strata.Count > 0;
        string correction = options.Correct ? "with continuity correction" : "without continuity correction";
        string cmh = $"Cochran-Mantel-Haenszel chi-squared test {correction}";
        string text = test switch
        {
            TestKind.RiskDifference when stratified => $"Mantel-Haenszel risk difference with the Greenland-Robins 95% CI; {cmh}",
            TestKind.RelativeRisk when stratified => $"Mantel-Haenszel risk ratio with the Greenland-Robins 95% CI of its log; {cmh}",
            TestKind.OddsRatio when stratified && options.Conditional => "common odds ratio over strata, conditional maximum likelihood estimate with exact 95% CI; exact conditional test of independence in 2 x 2 x K tables",
            TestKind.RateRatio when stratified => "Mantel-Haenszel incidence rate ratio (first over second group) with the Greenland-Robins 95% CI of its log; Mantel-Haenszel chi-squared test for person-time without continuity correction",
            TestKind.RateDifference when stratified => "Mantel-Haenszel incidence rate difference (first minus second group) with the Greenland-Robins 95% CI; Mantel-Haenszel chi-squared test for person-time without continuity correction",
            TestKind.OddsRatio when stratified => $"Mantel-Haenszel odds ratio with the Robins-Breslow-Greenland 95% CI; {cmh}",
            TestKind.Nnt when stratified => $"number needed to treat, 1 / Mantel-Haenszel risk difference, its Greenland-Robins limits inverted (Altman 1998); {cmh}",
            TestKind.RiskDifference => "risk difference (first minus second group) with Newcombe's hybrid score 95% CI (method 10, from Wilson limits); Pearson chi-squared test without continuity correction",
            TestKind.RelativeRisk => "relative risk (first over second group) with the log (Katz) 95% CI; Wald z test of log RR; no 0.5 correction of zero cells",
            TestKind.OddsRatio when options.Conditional => "odds ratio, conditional maximum likelihood estimate with exact 95% CI; Fisher's exact test",
            TestKind.OddsRatio => "odds ratio (first over second group) with the Wald (log) 95% CI; Wald z test of log OR; no 0.5 correction of zero cells",
            TestKind.Nnt => "number needed to treat, 1 / risk difference, with Newcombe's limits inverted (Altman 1998); Pearson chi-squared test without continuity correction",
            TestKind.RateRatio => "incidence rate ratio (first over second group) with the exact conditional 95% CI and test",
            TestKind.RateDifference => "incidence rate difference (first minus second group) with the Wald 95% CI and z test",
            _ => throw new ArgumentOutOfRangeException(nameof(test), test, null),
        };
        return text + ", R " + REquivalent(test, options);
    }

    public static string Describe(TestKind test, AdjustMethod adjust, EffectOptions options) =>
        adjust == AdjustMethod.None
            ? $"{Title(test, options)}; 95% CIs; two-sided; no multiplicity adjustment"
            : $"{Title(test, options)}; 95% CIs; two-sided; p-values adjusted by {CompareMethod.AdjustTitle(adjust)} (R p.adjust \"{CompareMethod.AdjustName(adjust)}\") within each variable across its comparisons";
}
