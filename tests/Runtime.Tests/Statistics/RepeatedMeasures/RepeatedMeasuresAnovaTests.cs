using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.RepeatedMeasures;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.RepeatedMeasures;

/// <summary>
/// The repeated-measures ANOVA against <c>tests/Reference/r/rm_anova.R</c> (afex::aov_ez, its anova_table under
/// correction "GG", "HF" and "none", and summary()'s Mauchly tests and epsilons), on the complete-case data afex
/// analysed: one within factor and one or two between factors (the simulated trial, with Huynh-Feldt ε above 1 in
/// "spherical"), and obk.long's two within × two between factors. Every quantity at 1e-6 relative (closed forms, no
/// iteration); p-values below 1e-10 on the log scale.
/// </summary>
public sealed class RepeatedMeasuresAnovaTests
{
    private const double Tolerance = 1e-6;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("rm_anova");

    public static TheoryData<string> Cases => CaseNamesOf("rm_anova");

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheTableEqualsAfexWithTypeThreeSumsOfSquares(string name)
    {
        JsonElement r = Fixture.Case(name);
        RmAnovaFit fit = RepeatedMeasuresAnova.Fit(Input(r));

        Assert.Equal(Integers(r, "subjects")[0], fit.Subjects);
        string[] effects = Strings(r, "effects");
        Assert.Equal(effects, fit.Effects.Select(e => e.Term).ToArray());
        double[] ss = Numbers(r, "sum_sq"), df = Numbers(r, "num_df"), errorSs = Numbers(r, "error_ss"), errorDf = Numbers(r, "den_df");
        double[] f = Numbers(r, "f"), p = Numbers(r, "p"), ges = Numbers(r, "ges"), mse = Numbers(r.GetProperty("none"), "mse");
        for (int i = 0; i < effects.Length; i++)
        {
            RmAnovaEffect e = fit.Effects[i];
            AssertClose(ss[i], e.SumOfSquares, Tolerance, $"{name} {effects[i]} SS");
            AssertClose(df[i], e.Df, Tolerance, $"{name} {effects[i]} df");
            AssertClose(errorSs[i], e.ErrorSumOfSquares, Tolerance, $"{name} {effects[i]} error SS");
            AssertClose(errorDf[i], e.ErrorDf, Tolerance, $"{name} {effects[i]} error df");
            AssertClose(f[i], e.F, Tolerance, $"{name} {effects[i]} F");
            AssertPValue(p[i], e.PValue, Tolerance, $"{name} {effects[i]} p");
            AssertClose(ges[i], e.Ges, Tolerance, $"{name} {effects[i]} ges");
            AssertClose(mse[i], e.MeanSquareError, Tolerance, $"{name} {effects[i]} MSE");
        }

        JsonElement intercept = r.GetProperty("intercept");
        AssertClose(Number(intercept, "sum_sq"), fit.Intercept.SumOfSquares, Tolerance, $"{name} intercept SS");
        AssertClose(Number(intercept, "f"), fit.Intercept.F, Tolerance, $"{name} intercept F");
        AssertPValue(Number(intercept, "p"), fit.Intercept.PValue, Tolerance, $"{name} intercept p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MauchlyAndTheEpsilonsEqualCarsSummary(string name)
    {
        JsonElement r = Fixture.Case(name);
        RmAnovaFit fit = RepeatedMeasuresAnova.Fit(Input(r));

        double[] gg = Numbers(r, "gg_eps"), hf = Numbers(r, "hf_eps"), w = Numbers(r, "mauchly_w"), pw = Numbers(r, "mauchly_p");
        for (int i = 0; i < fit.Effects.Count; i++)
        {
            RmAnovaEffect e = fit.Effects[i];
            if (double.IsNaN(gg[i]))
            {
                Assert.Null(e.Sphericity);
                continue;
            }

            SphericityTest s = Assert.IsType<SphericityTest>(e.Sphericity);
            AssertClose(gg[i], s.GgEpsilon, Tolerance, $"{name} {e.Term} GG eps");
            AssertClose(hf[i], s.HfEpsilon, Tolerance, $"{name} {e.Term} HF eps");
            AssertClose(w[i], s.MauchlyW, Tolerance, $"{name} {e.Term} Mauchly W");
            AssertPValue(pw[i], s.MauchlyP, Tolerance, $"{name} {e.Term} Mauchly p");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CorrectedTestsEqualAfexAnovaTables(string name)
    {
        JsonElement r = Fixture.Case(name);
        RmAnovaFit fit = RepeatedMeasuresAnova.Fit(Input(r));

        foreach ((string correction, Func<RmAnovaEffect, CorrectedTest> test) in new (string, Func<RmAnovaEffect, CorrectedTest>)[] { ("gg", e => e.Gg), ("hf", e => e.Hf) })
        {
            JsonElement table = r.GetProperty(correction);
            double[] df = Numbers(table, "num_df"), errorDf = Numbers(table, "den_df"), mse = Numbers(table, "mse"), p = Numbers(table, "p");
            for (int i = 0; i < fit.Effects.Count; i++)
            {
                RmAnovaEffect e = fit.Effects[i];
                CorrectedTest t = test(e);
                AssertClose(df[i], t.Df, Tolerance, $"{name} {correction} {e.Term} df");
                AssertClose(errorDf[i], t.ErrorDf, Tolerance, $"{name} {correction} {e.Term} error df");
                AssertClose(mse[i], t.MeanSquareError(e.ErrorSumOfSquares), Tolerance, $"{name} {correction} {e.Term} MSE");
                AssertPValue(p[i], t.PValue, Tolerance, $"{name} {correction} {e.Term} p");
            }
        }
    }

    [Fact]
    public void AHuynhFeldtEpsilonAboveOneIsReportedAndUsedAsOne()
    {
        RmAnovaFit fit = RepeatedMeasuresAnova.Fit(Input(Fixture.Case("spherical")));

        RmAnovaEffect visit = fit.Effects.Single(e => e.Term == "visit");
        Assert.True(visit.Sphericity!.HfEpsilon > 1);
        Assert.Equal(1, visit.Hf.Epsilon);
        Assert.Equal(visit.Df, visit.Hf.Df);
        Assert.Equal(visit.PValue, visit.Hf.PValue);
        Assert.Equal(["visit"], fit.HfCapped);
    }

    [Fact]
    public void ABalancedSplitPlotEqualsTheClassicalTable()
    {
        // 2 arms × 2 subjects, 3 visits. The classical split-plot sums of squares (Winer 1971, ch. 7), by hand in
        // fractions: arm 147/4, subjects within arms 17/6, visit 25/2, arm × visit 1/2, visit × subjects within arms 5/3.
        double[] y = [1, 2, 4, 2, 3, 3, 4, 5, 7, 5, 7, 8];
        var input = new RepeatedMeasuresInput(y, [new RmFactor("visit", ["1", "2", "3"])], [new RmFactor("arm", ["a", "b"])], [[0, 0, 1, 1]]);
        RmAnovaFit fit = RepeatedMeasuresAnova.Fit(input);

        Assert.Equal(["arm", "visit", "arm:visit"], fit.Effects.Select(e => e.Term).ToArray());
        (double Ss, double ErrorSs, double Df, double ErrorDf)[] expected = [(147 / 4.0, 17 / 6.0, 1, 2), (25 / 2.0, 5 / 3.0, 2, 4), (1 / 2.0, 5 / 3.0, 2, 4)];
        for (int i = 0; i < expected.Length; i++)
        {
            RmAnovaEffect e = fit.Effects[i];
            AssertClose(expected[i].Ss, e.SumOfSquares, 1e-12, e.Term + " SS");
            AssertClose(expected[i].ErrorSs, e.ErrorSumOfSquares, 1e-12, e.Term + " error SS");
            Assert.Equal(expected[i].Df, e.Df);
            Assert.Equal(expected[i].ErrorDf, e.ErrorDf);
            AssertClose(expected[i].Ss / expected[i].Df / (expected[i].ErrorSs / expected[i].ErrorDf), e.F, 1e-12, e.Term + " F");
            AssertClose(expected[i].Ss / (expected[i].Ss + (17 / 6.0) + (5 / 3.0)), e.Ges, 1e-12, e.Term + " ges");
        }

        // Two error df for a 2-dimensional stratum: the error matrix is not singular, so the test and epsilons exist.
        Assert.NotNull(fit.Effects[1].Sphericity);
        Assert.Empty(fit.Singular);
    }

    [Fact]
    public void TooFewSubjectsForTheStratumLeaveItUncorrected()
    {
        // 3 subjects, one arm-free design: ν = 2 error df for a 3-dimensional visit stratum, so S is singular (car's "singular").
        double[] y = [1, 2, 4, 3, 2, 3, 3, 5, 7, 6, 8, 9];
        var input = new RepeatedMeasuresInput(y, [new RmFactor("visit", ["1", "2", "3", "4"])], [], []);
        RmAnovaFit fit = RepeatedMeasuresAnova.Fit(input);

        RmAnovaEffect visit = Assert.Single(fit.Effects);
        Assert.Null(visit.Sphericity);
        Assert.Equal(["visit"], fit.Singular);
        Assert.Equal(visit.PValue, visit.Gg.PValue);
        Assert.True(double.IsNaN(visit.Gg.Epsilon));
    }

    [Fact]
    public void AFactorWithOneLevelHasNoTest()
    {
        var input = new RepeatedMeasuresInput([1, 2, 3, 4], [new RmFactor("visit", ["1", "2"])], [new RmFactor("arm", ["a"])], [[0, 0]]);

        var e = Assert.Throws<RmAnovaException>(() => RepeatedMeasuresAnova.Fit(input));
        Assert.Equal(RmAnovaProblem.OneLevel, e.Problem);
        Assert.Contains("'arm' has 1 level", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyBetweenCellOrNoResidualDfHasNoTest()
    {
        // One subject per arm × sex cell: four cell means from four subjects leave no residual df.
        var input = new RepeatedMeasuresInput([1, 2, 3, 4, 5, 6, 7, 9],
            [new RmFactor("visit", ["1", "2"])], [new RmFactor("arm", ["a", "b"]), new RmFactor("sex", ["F", "M"])], [[0, 0, 1, 1], [0, 1, 0, 1]]);

        var e = Assert.Throws<RmAnovaException>(() => RepeatedMeasuresAnova.Fit(input));
        Assert.Equal(RmAnovaProblem.NoResidualDf, e.Problem);

        var empty = new RepeatedMeasuresInput([1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 1, 3],
            [new RmFactor("visit", ["1", "2"])], [new RmFactor("arm", ["a", "b"]), new RmFactor("sex", ["F", "M"])], [[0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 1, 1]]);
        var cell = Assert.Throws<RmAnovaException>(() => RepeatedMeasuresAnova.Fit(empty));
        Assert.Equal(RmAnovaProblem.EmptyCell, cell.Problem);
        Assert.Contains("arm = a, sex = M", cell.Message, StringComparison.Ordinal);
    }

    private static RepeatedMeasuresInput Input(JsonElement r)
    {
        string[] within = Strings(r, "within"), between = Strings(r, "between");
        RmFactor[] withinFactors = within.Select(w => new RmFactor(w, Strings(r.GetProperty("within_levels"), w))).ToArray();
        RmFactor[] betweenFactors = between.Select(b => new RmFactor(b, Strings(r.GetProperty("between_levels"), b))).ToArray();
        int[][] codes = betweenFactors.Select(b =>
        {
            string[] values = Strings(r.GetProperty("between_codes"), b.Name);
            return values.Select(v => b.Levels.ToList().IndexOf(v)).ToArray();
        }).ToArray();
        return new RepeatedMeasuresInput(Numbers(r, "y"), withinFactors, betweenFactors, codes);
    }

    private static string[] Strings(JsonElement element, string property)
    {
        JsonElement value = element.GetProperty(property);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => e.GetString()!).ToArray() : [value.GetString()!];
    }
}
