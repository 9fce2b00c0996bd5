using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Which groups a <c>compare</c> statement tests against which.</summary>
public abstract record Pairing
{
    private Pairing()
    {
    }

    /// <summary><c>A vs each</c> or <c>A vs (B, C)</c>: the reference against each of the others, reference first.</summary>
    public sealed record VsReference(string Reference, IReadOnlyList<string> Others) : Pairing;

    /// <summary><c>all pairs</c>: every pair of groups, in declaration order.</summary>
    public sealed record AllPairs : Pairing;

    /// <summary><c>across groups</c>: one test over all groups.</summary>
    public sealed record AcrossGroups : Pairing;

    /// <summary><c>A vs B</c>.</summary>
    public sealed record TwoGroups(string First, string Second) : Pairing;
}

/// <summary>The test of a <c>compare</c> statement.</summary>
public enum TestKind
{
    /// <summary>Wilcoxon rank-sum (Mann-Whitney U) test with the Hodges-Lehmann shift; R: <c>wilcox.test(x, y, conf.int = TRUE)</c>.</summary>
    MannWhitney,

    /// <summary>Student's two-sample t-test; R: <c>t.test(x, y, var.equal = TRUE)</c>.</summary>
    TTest,

    /// <summary>Welch's two-sample t-test; R: <c>t.test(x, y)</c>.</summary>
    Welch,

    /// <summary>Fisher's exact test; R: <c>fisher.test(table)</c>.</summary>
    Fisher,

    /// <summary>Pearson's chi-squared test; R: <c>chisq.test(table)</c>.</summary>
    ChiSquare,

    /// <summary>Kruskal-Wallis rank-sum test; R: <c>kruskal.test(x, g)</c>.</summary>
    KruskalWallis,

    /// <summary>One-way analysis of variance; R: <c>oneway.test(x ~ g, var.equal = TRUE)</c>.</summary>
    Anova,

    /// <summary>Welch's one-way analysis of means (unequal variances); R: <c>oneway.test(x ~ g, var.equal = FALSE)</c>.</summary>
    WelchAnova,

    /// <summary>Risk difference with Newcombe's hybrid score CI (Mantel-Haenszel with strata); see src/Runtime/Statistics/Effects.</summary>
    RiskDifference,

    /// <summary>Relative risk with the log (Katz) CI (Mantel-Haenszel with strata).</summary>
    RelativeRisk,

    /// <summary>Odds ratio: Wald, conditional (R <c>fisher.test</c>) or Mantel-Haenszel (R <c>mantelhaen.test</c>).</summary>
    OddsRatio,

    /// <summary>Number needed to treat, 1 / risk difference, with Altman's CI.</summary>
    Nnt,

    /// <summary>Incidence rate ratio; R: <c>poisson.test(c(x1, x2), c(t1, t2))</c>.</summary>
    RateRatio,

    /// <summary>Incidence rate difference with the Wald CI.</summary>
    RateDifference,
    /// <summary>Bartlett's test of equal variances; R: <c>bartlett.test(y, g)</c>.</summary>
    Bartlett,

    /// <summary>Levene's test of equal variances (centre median, or mean with the option); R: <c>car::leveneTest(y, g)</c>.</summary>
    Levene,

    /// <summary>Tukey's honestly significant differences of all pairs; R: <c>TukeyHSD(aov(y ~ g))</c>.</summary>
    Tukey,
}
