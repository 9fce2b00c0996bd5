using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

/// <summary>
/// Kenward-Roger for lmer fits against pbkrtest (<c>tests/Reference/r/kenward_roger.R</c>: lmerTest's
/// <c>summary</c>/<c>anova</c> with <c>ddf = "Kenward-Roger"</c>, <c>pbkrtest::vcovAdj</c>, emmeans with
/// <c>lmer.df = "kenward-roger"</c>). Everything at 1e-6 relative: KR's W is the expected information at θ̂,
/// with no numeric derivative, so only θ̂'s own ~1e-7 distance from R's optimum (see LinearMixedModelTests) shows.
/// </summary>
public sealed class KenwardRogerTests
{
    private const double Tolerance = 1e-6;
    private const double PValue = 1e-5;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("kenward_roger");

    public static TheoryData<string> LmerCases => new() { "sleepstudy_slope_reml", "sleepstudy_intercept_reml", "nxp2_log_ck_group_by_month_reml" };

    [Theory]
    [MemberData(nameof(LmerCases))]
    public void CoefficientsTypeIIIAndAdjustedCovarianceMatchPbkrtest(string name)
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case(name);
        JsonElement r = Fixture.Case(name);

        MixedModelFit fit = LinearMixedModel.Fit(input, reml, df: DegreesOfFreedomMethod.KenwardRoger);

        Assert.Equal(DegreesOfFreedomMethod.KenwardRoger, fit.DegreesOfFreedom);
        JsonElement co = r.GetProperty("coefficients");
        double[] est = Numbers(co, "estimate"), se = Numbers(co, "se"), df = Numbers(co, "df"), t = Numbers(co, "t"), p = Numbers(co, "p");
        Assert.Equal(est.Length, fit.FixedEffects.Count);
        for (int k = 0; k < est.Length; k++)
        {
            FixedEffect f = fit.FixedEffects[k];
            AssertClose(est[k], f.Estimate, Tolerance, f.Name + " estimate");
            AssertClose(se[k], f.StandardError, Tolerance, f.Name + " adjusted SE");
            AssertClose(df[k], f.DegreesOfFreedom, Tolerance, f.Name + " KR df");
            AssertClose(t[k], f.T, Tolerance, f.Name + " t");
            AssertPValue(p[k], f.PValue, PValue, f.Name + " p");
        }

        AssertMatrixClose(Numbers(r, "vcov_adjusted"), fit.FixedEffectsCovariance, est.Length, "vcovAdj");
        JsonElement aov = r.GetProperty("anova");
        double[] numDf = Numbers(aov, "num_df"), denDf = Numbers(aov, "den_df"), fValue = Numbers(aov, "f"), fp = Numbers(aov, "p");
        Assert.Equal(numDf.Length, fit.TypeIII.Count);
        for (int k = 0; k < numDf.Length; k++)
        {
            TermFTest test = fit.TypeIII[k];
            Assert.Equal(numDf[k], test.NumeratorDf);
            AssertClose(fValue[k], test.F, Tolerance, test.Term + " scaled F");
            AssertClose(denDf[k], test.DenominatorDf, Tolerance, test.Term + " KR DenDF");
            AssertPValue(fp[k], test.PValue, PValue, test.Term + " p");
        }
    }

    [Fact]
    public void CellMeansMatchEmmeansWithKenwardRogerDf()
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case("nxp2_log_ck_group_by_month_reml");
        JsonElement r = Fixture.Case("nxp2_log_ck_group_by_month_reml").GetProperty("means");
        string[] groups = r.GetProperty("group").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] months = Numbers(r, "month");
        DesignVariable group = input.Fixed.Variables[0], time = input.Fixed.Variables[1];
        var rows = FixedEffectsDesign.Build(groups.Length,
            [DesignVariable.Factor(group.Name, groups.Select(g => group.Levels!.ToList().IndexOf(g)).ToArray(), group.Levels!),
             DesignVariable.Factor(time.Name, months.Select(m => time.Levels!.ToList().IndexOf(m.ToString(CultureInfo.InvariantCulture))).ToArray(), time.Levels!)],
            input.Fixed.Terms);
        string[] labels = groups.Zip(months, (g, m) => $"{g} {m}").ToArray();

        MixedModelFit fit = LinearMixedModel.Fit(input, reml, new MeansGrid(rows, labels), DegreesOfFreedomMethod.KenwardRoger);

        double[] estimate = Numbers(r, "estimate"), se = Numbers(r, "se"), df = Numbers(r, "df"), lower = Numbers(r, "lower"), upper = Numbers(r, "upper");
        for (int k = 0; k < labels.Length; k++)
        {
            MarginalMean m = fit.MarginalMeans[k];
            AssertClose(estimate[k], m.Estimate, Tolerance, labels[k] + " estimate");
            AssertClose(se[k], m.StandardError, Tolerance, labels[k] + " SE (vcovAdj)");
            AssertClose(df[k], m.DegreesOfFreedom, Tolerance, labels[k] + " KR df");
            AssertClose(lower[k], m.Lower, Tolerance, labels[k] + " lower");
            AssertClose(upper[k], m.Upper, Tolerance, labels[k] + " upper");
        }
    }

    [Fact]
    public void KenwardRogerDiffersFromSatterthwaiteOnTheSameFit()
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case("sleepstudy_slope_reml");

        MixedModelFit satterthwaite = LinearMixedModel.Fit(input, reml);
        MixedModelFit kr = LinearMixedModel.Fit(input, reml, df: DegreesOfFreedomMethod.KenwardRoger);

        Assert.Equal(satterthwaite.FixedEffects[1].Estimate, kr.FixedEffects[1].Estimate);
        Assert.True(kr.FixedEffects[1].StandardError > satterthwaite.FixedEffects[1].StandardError, "Φ_A adds to Φ");
        Assert.NotEqual(satterthwaite.FixedEffects[1].DegreesOfFreedom, kr.FixedEffects[1].DegreesOfFreedom);
    }

    [Fact]
    public void KenwardRogerOfAnMlFitIsRefused()
    {
        (MixedModelInput input, _) = MixedFixture.Case("sleepstudy_slope_ml");

        var e = Assert.Throws<ArgumentException>(() => LinearMixedModel.Fit(input, reml: false, df: DegreesOfFreedomMethod.KenwardRoger));

        Assert.Contains("REML", e.Message, StringComparison.Ordinal);
    }

    internal static void AssertMatrixClose(double[] expected, System.Collections.Generic.IReadOnlyList<double> actual, int p, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int k = 0; k < expected.Length; k++)
        {
            // Relative to the entry, or to the geometric mean of its diagonal entries for an entry near 0.
            int i = k / p, j = k % p;
            double scale = Math.Max(Math.Abs(expected[k]), Math.Sqrt(Math.Abs(expected[(i * p) + i] * expected[(j * p) + j])));
            Assert.True(Math.Abs(expected[k] - actual[k]) <= Tolerance * scale, $"{what}[{i},{j}]: expected {expected[k]}, got {actual[k]}");
        }
    }
}
