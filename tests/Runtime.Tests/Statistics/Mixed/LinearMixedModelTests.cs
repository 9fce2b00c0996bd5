using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

public sealed class LinearMixedModelTests
{
    // Achieved against the tight R fits (see docs/validation.md): β 1e-10, SE, t and σ 6e-8,
    // criterion, logLik, AIC, BIC 1e-12, Satterthwaite df 5e-7, F 5e-8. θ differs from R's by
    // up to 1e-7 (absolute) because R's BOBYQA stops there: our θ gives a criterion lower by
    // 1e-11 to 2e-10. lmerTest evaluates its numeric Hessian at R's θ, so the df inherit that
    // difference, and a p-value amplifies it by |∂ log p / ∂ df|: p is compared to 1e-5
    // (on the log scale below 1e-10).
    private const double Estimate = 1e-6;
    private const double Likelihood = 1e-8;
    private const double Theta = 1e-6;
    private const double Df = 1e-6;
    private const double PValue = 1e-5;

    public static TheoryData<string> Cases => CaseNamesOf("mixed");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitMatchesLmer(string name)
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case(name);
        JsonElement r = MixedFixture.Fixture.Case(name);

        MixedModelFit fit = LinearMixedModel.Fit(input, reml);

        JsonElement co = r.GetProperty("coefficients");
        string[] names = co.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(names, fit.FixedEffects.Select(f => f.Name).ToArray());
        double[] est = Numbers(co, "estimate"), se = Numbers(co, "se"), df = Numbers(co, "df"), t = Numbers(co, "t"), p = Numbers(co, "p");
        for (int k = 0; k < names.Length; k++)
        {
            FixedEffect f = fit.FixedEffects[k];
            AssertClose(est[k], f.Estimate, Estimate, names[k] + " estimate");
            AssertClose(se[k], f.StandardError, Estimate, names[k] + " SE");
            AssertClose(t[k], f.T, Estimate, names[k] + " t");
            AssertClose(df[k], f.DegreesOfFreedom, Df, names[k] + " df");
            AssertPValue(p[k], f.PValue, PValue, names[k] + " p");
        }

        AssertClose(Number(r, "sigma"), fit.Sigma, Estimate, "sigma");
        AssertClose(Number(r, "loglik"), fit.LogLikelihood, Likelihood, "logLik");
        AssertClose(Number(r, "criterion"), fit.Criterion, Likelihood, "criterion");
        AssertClose(Number(r, "aic"), fit.Aic, Likelihood, "AIC");
        AssertClose(Number(r, "bic"), fit.Bic, Likelihood, "BIC");
        double[] vcov = Numbers(r, "vcov");
        Assert.Equal(vcov.Length, fit.FixedEffectsCovariance.Count);
        for (int k = 0; k < vcov.Length; k++)
        {
            // As the SEs (their square roots): 6e-8 seen; an entry near 0 on the scale of the diagonal.
            int q = names.Length, i = k / q, j = k % q;
            double scale = System.Math.Sqrt(System.Math.Abs(vcov[(i * q) + i] * vcov[(j * q) + j]));
            Assert.True(System.Math.Abs(vcov[k] - fit.FixedEffectsCovariance[k]) <= Estimate * System.Math.Max(System.Math.Abs(vcov[k]), scale),
                $"vcov[{i},{j}]: expected {vcov[k]}, got {fit.FixedEffectsCovariance[k]}");
        }

        double[] theta = Numbers(r, "theta");
        for (int k = 0; k < theta.Length; k++)
        {
            Assert.True(System.Math.Abs(theta[k] - fit.Theta[k]) <= Theta, $"theta[{k}]: expected {theta[k]}, got {fit.Theta[k]}");
        }

        Assert.Equal(r.GetProperty("singular").GetBoolean(), fit.Singular);
        JsonElement aov = r.GetProperty("anova");
        string[] terms = aov.GetProperty("terms").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(terms, fit.TypeIII.Select(a => a.Term).ToArray());
        double[] numDf = Numbers(aov, "num_df"), denDf = Numbers(aov, "den_df"), fValue = Numbers(aov, "f"), fp = Numbers(aov, "p");
        for (int k = 0; k < terms.Length; k++)
        {
            Assert.Equal(numDf[k], fit.TypeIII[k].NumeratorDf);
            AssertClose(fValue[k], fit.TypeIII[k].F, Estimate, terms[k] + " F");
            AssertClose(denDf[k], fit.TypeIII[k].DenominatorDf, Df, terms[k] + " DenDF");
            AssertPValue(fp[k], fit.TypeIII[k].PValue, PValue, terms[k] + " p");
        }

        AssertVarianceComponents(r.GetProperty("varcorr"), fit);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OptimumIsNoWorseThanRsTightFit(string name)
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case(name);
        double[] rTheta = Numbers(MixedFixture.Fixture.Case(name), "theta");
        var deviance = new ProfiledDeviance(input.Response, input.Fixed.X, input.Fixed.Columns, input.RandomDesign(), input.RandomCount, input.Subject, input.Subjects);

        MixedModelFit fit = LinearMixedModel.Fit(input, reml);

        Assert.True(fit.Criterion <= deviance.Deviance(rTheta, reml) + 1e-12, $"criterion {fit.Criterion} at our θ, {deviance.Deviance(rTheta, reml)} at R's");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TypeIIIContrastsAreLmerTests(string name)
    {
        (MixedModelInput input, _) = MixedFixture.Case(name);
        JsonElement expected = MixedFixture.Fixture.Case(name).GetProperty("type3_contrasts");

        var contrasts = TypeIIIContrasts.Build(input.Fixed);

        for (int t = 0; t < contrasts.Count; t++)
        {
            JsonElement e = expected.GetProperty(input.Fixed.TermNames[t]);
            Assert.Equal((int)Number(e, "rows"), contrasts[t].RowCount);
            Assert.Equal(Numbers(e, "values"), contrasts[t].ToRowMajorArray());
        }
    }

    private static void AssertVarianceComponents(JsonElement vc, MixedModelFit fit)
    {
        string[] var1 = vc.GetProperty("var1").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] var2 = vc.GetProperty("var2").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] sdcor = Numbers(vc, "sdcor");
        for (int k = 0; k < var1.Length; k++)
        {
            double actual = var1[k] == "" ? fit.Sigma
                : var2[k] != "" ? fit.Correlation ?? double.NaN
                : fit.RandomEffects.Single(e => e.Name == var1[k]).StandardDeviation;
            Assert.True(System.Math.Abs(sdcor[k] - actual) <= Theta * System.Math.Max(1, System.Math.Abs(sdcor[k])), $"VarCorr row {k}: expected {sdcor[k]}, got {actual}");
        }
    }
}
