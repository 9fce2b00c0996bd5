using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Names, pairings and applicability of the tests of <c>compare</c>.</summary>
internal static class CompareMethod
{
    public static string TestName(TestKind test) => test switch
    {
        TestKind.MannWhitney => "mann_whitney",
        TestKind.TTest => "t_test",
        TestKind.Welch => "welch",
        TestKind.Fisher => "fisher",
        TestKind.ChiSquare => "chi_square",
        TestKind.KruskalWallis => "kruskal_wallis",
        TestKind.Anova => "anova",
        TestKind.WelchAnova => "welch_anova",
        TestKind.RiskDifference or TestKind.RelativeRisk or TestKind.OddsRatio or TestKind.Nnt or TestKind.RateRatio or TestKind.RateDifference
            => EffectMethod.Name(test),
        TestKind.Bartlett => "bartlett",
        TestKind.Levene => "levene",
        TestKind.Tukey => "tukey",
        _ => throw new ArgumentOutOfRangeException(nameof(test), test, null),
    };

    public static string TestTitle(TestKind test, TestOptions options) => test switch
    {
        TestKind.MannWhitney => MannWhitneyTitle(options),
        TestKind.ChiSquare => options.Correct
            ? "Pearson's chi-squared test, with Yates' continuity correction on 2 × 2 tables, R chisq.test(correct = TRUE)"
            : "Pearson's chi-squared test without continuity correction, R chisq.test(correct = FALSE)",
        TestKind.Levene when options.CenterMean => "Levene's test of equal variances about the group means, R car::leveneTest(center = mean)",
        _ => TestTitle(test),
    };

    /// <summary>Names exactly which of wilcox.test's paths the statement asks for.</summary>
    private static string MannWhitneyTitle(TestOptions options)
    {
        string normal = options.Correct ? "normal approximation with continuity correction" : "normal approximation without continuity correction";
        string correct = options.Correct ? "TRUE" : "FALSE";
        if (!options.ConfInt)
        {
            return options.Exact switch
            {
                ExactMode.Exact => $"Wilcoxon rank-sum (Mann-Whitney U) test, exact p-value (with ties: {normal}), R wilcox.test(exact = TRUE, correct = {correct}); Hodges-Lehmann shift not requested",
                ExactMode.Approximate => $"Wilcoxon rank-sum (Mann-Whitney U) test, {normal}, R wilcox.test(exact = FALSE, correct = {correct}); Hodges-Lehmann shift not requested",
                _ => $"Wilcoxon rank-sum (Mann-Whitney U) test, R wilcox.test(correct = {correct}): exact p-value when both groups have fewer than 50 values and there are no ties, otherwise {normal}; Hodges-Lehmann shift not requested; the report names the variant that ran in its Test note",
            };
        }

        return options.Exact switch
        {
            ExactMode.Exact =>
                $"Wilcoxon rank-sum (Mann-Whitney U) test, exact p-value (with ties: {normal}), R wilcox.test(exact = TRUE, correct = {correct}, conf.int = TRUE); Hodges-Lehmann location shift with exact 95% CI",
            ExactMode.Approximate =>
                $"Wilcoxon rank-sum (Mann-Whitney U) test, {normal}, R wilcox.test(exact = FALSE, correct = {correct}, conf.int = TRUE); Hodges-Lehmann location shift with normal-approximation 95% CI",
            _ =>
                $"Wilcoxon rank-sum (Mann-Whitney U) test, R wilcox.test(correct = {correct}, conf.int = TRUE): exact p-value and CI when both groups have fewer than 50 values and there are no ties, otherwise {normal}; Hodges-Lehmann location shift with 95% CI; the report names the variant that ran in its Test note",
        };
    }

    public static string TestTitle(TestKind test) => test switch
    {
        TestKind.MannWhitney => MannWhitneyTitle(TestOptions.Default),
        TestKind.TTest => "Student's two-sample t-test (equal variances), R t.test(var.equal = TRUE)",
        TestKind.Welch => "Welch's two-sample t-test, R t.test",
        TestKind.Fisher => "Fisher's exact test, R fisher.test",
        TestKind.ChiSquare => TestTitle(test, TestOptions.Default),
        TestKind.KruskalWallis => "Kruskal-Wallis rank-sum test, R kruskal.test",
        TestKind.Anova => "One-way analysis of variance, R oneway.test(var.equal = TRUE)",
        TestKind.WelchAnova => "Welch's one-way analysis of means (not assuming equal variances), R oneway.test(var.equal = FALSE)",
        TestKind.RiskDifference or TestKind.RelativeRisk or TestKind.OddsRatio or TestKind.Nnt or TestKind.RateRatio or TestKind.RateDifference
            => EffectMethod.Title(test, EffectOptions.Default),
        TestKind.Bartlett => "Bartlett's test of equal variances, R bartlett.test",
        TestKind.Levene => "Levene's test of equal variances about the group medians (Brown-Forsythe), R car::leveneTest(center = median)",
        TestKind.Tukey => "Tukey's honestly significant differences (all pairs, family-wise 95% CI and p from the studentized range), R TukeyHSD(aov(y ~ group))",
        _ => throw new ArgumentOutOfRangeException(nameof(test), test, null),
    };

    /// <summary>R's <c>p.adjust</c> method names.</summary>
    public static string AdjustName(AdjustMethod adjust) => adjust switch
    {
        AdjustMethod.None => "none",
        AdjustMethod.Bonferroni => "bonferroni",
        AdjustMethod.Holm => "holm",
        AdjustMethod.Hochberg => "hochberg",
        AdjustMethod.BenjaminiHochberg => "BH",
        _ => throw new ArgumentOutOfRangeException(nameof(adjust), adjust, null),
    };

    public static string AdjustTitle(AdjustMethod adjust) => adjust switch
    {
        AdjustMethod.None => "none",
        AdjustMethod.Bonferroni => "Bonferroni",
        AdjustMethod.Holm => "Holm",
        AdjustMethod.Hochberg => "Hochberg",
        AdjustMethod.BenjaminiHochberg => "Benjamini-Hochberg",
        _ => throw new ArgumentOutOfRangeException(nameof(adjust), adjust, null),
    };

    public static string Describe(TestKind test, AdjustMethod adjust, TestOptions options) =>
        test == TestKind.Tukey ? $"{TestTitle(test, options)}; p-values and intervals family-wise over all pairs of groups"
        : adjust == AdjustMethod.None
            ? $"{TestTitle(test, options)}; two-sided; no multiplicity adjustment"
            : $"{TestTitle(test, options)}; two-sided; p-values adjusted by {AdjustTitle(adjust)} (R p.adjust \"{AdjustName(adjust)}\") within each variable across its comparisons";

    public static string PairingName(Pairing pairing) => pairing switch
    {
        Pairing.VsReference => "vs_reference",
        Pairing.AllPairs => "all_pairs",
        Pairing.TwoGroups => "two_groups",
        Pairing.AcrossGroups => "across_groups",
        _ => throw new ArgumentOutOfRangeException(nameof(pairing), pairing, null),
    };

    public static string? UnknownGroup(Pairing pairing, Cohort cohort)
    {
        IEnumerable<string> names = pairing switch
        {
            Pairing.VsReference v => v.Others.Prepend(v.Reference),
            Pairing.TwoGroups t => new[] { t.First, t.Second },
            _ => Array.Empty<string>(),
        };
        return names.FirstOrDefault(n => cohort.GroupIndex(n) < 0);
    }

    /// <summary>The group sets to test, as group indices, first group first.</summary>
    public static IReadOnlyList<int[]> GroupSets(Pairing pairing, Cohort cohort)
    {
        int k = cohort.GroupNames.Count;
        switch (pairing)
        {
            case Pairing.VsReference v:
                int reference = cohort.GroupIndex(v.Reference);
                return v.Others.Select(o => new[] { reference, cohort.GroupIndex(o) }).ToArray();
            case Pairing.TwoGroups t:
                return new[] { new[] { cohort.GroupIndex(t.First), cohort.GroupIndex(t.Second) } };
            case Pairing.AllPairs:
                var pairs = new List<int[]>();
                for (int i = 0; i < k; i++)
                {
                    for (int j = i + 1; j < k; j++)
                    {
                        pairs.Add(new[] { i, j });
                    }
                }

                return pairs;
            default:
                return new[] { Enumerable.Range(0, k).ToArray() };
        }
    }

    /// <summary>Why <paramref name="test"/> does not fit the variable or the number of groups; null if it fits.</summary>
    public static string? Misfit(Variable variable, TestKind test, int groups)
    {
        bool numeric = variable is ContinuousVariable or CountVariable;
        bool counted = variable is BinaryVariable or CategoricalVariable;
        string kind = variable.KindName;
        string name = TestName(test);
        return test switch
        {
            TestKind.MannWhitney or TestKind.TTest or TestKind.Welch or TestKind.KruskalWallis or TestKind.Anova or TestKind.WelchAnova
                or TestKind.Bartlett or TestKind.Levene or TestKind.Tukey when !numeric =>
                $"{name} compares a continuous or count variable; '{variable.Name}' is {kind}",
            TestKind.Fisher or TestKind.ChiSquare when !counted =>
                $"{name} compares a binary or categorical variable; '{variable.Name}' is {kind}",
            TestKind.MannWhitney or TestKind.TTest or TestKind.Welch when groups != 2 =>
                string.Create(CultureInfo.InvariantCulture, $"{name} compares two groups, not {groups}; use {(test == TestKind.MannWhitney ? "kruskal_wallis" : "anova")} across groups or name pairs"),
            _ => groups < 2 ? string.Create(CultureInfo.InvariantCulture, $"a comparison needs at least two groups; got {groups}") : null,
        };
    }
}
