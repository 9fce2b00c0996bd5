using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

/// <summary>
/// Uncorrelated random intercept and slope, lme4's <c>(x || g)</c> = <c>(1 | g) + (0 + x | g)</c>: a diagonal Λ, θ of two
/// entries, VarCorr with two SDs and no correlation (<c>tests/Reference/r/mixed_uncorrelated.R</c>). Tolerances as
/// <see cref="LinearMixedModelTests"/> (R's tight fit: 1e-6 relative, θ 1e-6 absolute, p 1e-5) and, under Kenward-Roger,
/// as <see cref="KenwardRogerTests"/> (1e-6).
/// </summary>
public sealed class UncorrelatedRandomEffectsTests
{
    private const double Estimate = 1e-6;
    private const double Likelihood = 1e-8;
    private const double Theta = 1e-6;
    private const double PValue = 1e-5;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("mixed_uncorrelated");

    public static TheoryData<string> Cases => CaseNamesOf("mixed_uncorrelated");

    public static TheoryData<string> RemlCases => new() { "sleepstudy_uncorrelated_reml", "trial_uncorrelated_reml" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitMatchesLmerWithADoubleBarTerm(string name)
    {
        (MixedModelInput input, bool reml) = Case(name);
        JsonElement r = Fixture.Case(name);

        MixedModelFit fit = LinearMixedModel.Fit(input, reml);

        AssertCoefficients(r.GetProperty("coefficients"), fit, Estimate, 1e-6);
        AssertClose(Number(r, "sigma"), fit.Sigma, Estimate, "sigma");
        AssertClose(Number(r, "loglik"), fit.LogLikelihood, Likelihood, "logLik");
        AssertClose(Number(r, "criterion"), fit.Criterion, Likelihood, "criterion");
        AssertClose(Number(r, "aic"), fit.Aic, Likelihood, "AIC");
        AssertClose(Number(r, "bic"), fit.Bic, Likelihood, "BIC");
        Assert.Equal((int)Number(r, "loglik_df"), fit.Parameters);
        KenwardRogerTests.AssertMatrixClose(Numbers(r, "vcov"), fit.FixedEffectsCovariance, fit.FixedEffects.Count, "vcov");
        double[] theta = Numbers(r, "theta");
        Assert.Equal(theta.Length, fit.Theta.Count);
        for (int k = 0; k < theta.Length; k++)
        {
            Assert.True(Math.Abs(theta[k] - fit.Theta[k]) <= Theta, $"theta[{k}]: expected {theta[k]}, got {fit.Theta[k]}");
        }

        Assert.Equal(r.GetProperty("singular").GetBoolean(), fit.Singular);
        AssertTypeIII(r.GetProperty("anova"), fit, Estimate, 1e-6);

        // VarCorr: (Intercept) and the slope, each its own term (R's grp "Subject", "Subject.1"), then the residual.
        JsonElement vc = r.GetProperty("varcorr");
        string[] var1 = vc.GetProperty("var1").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.All(vc.GetProperty("var2").EnumerateArray(), e => Assert.Equal("", e.GetString()));
        double[] sdcor = Numbers(vc, "sdcor"), variance = Numbers(vc, "vcov");
        Assert.Equal(var1[..^1], fit.RandomEffects.Select(e => e.Name).ToArray());
        for (int k = 0; k < fit.RandomEffects.Count; k++)
        {
            AssertClose(sdcor[k], fit.RandomEffects[k].StandardDeviation, Estimate, var1[k] + " SD");
            AssertClose(variance[k], fit.RandomEffects[k].Variance, Estimate, var1[k] + " variance");
        }

        AssertClose(sdcor[^1], fit.Sigma, Estimate, "residual SD");
        Assert.Null(fit.Correlation);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OptimumIsNoWorseThanRsTightFit(string name)
    {
        (MixedModelInput input, bool reml) = Case(name);
        double[] rTheta = Numbers(Fixture.Case(name), "theta");
        var deviance = new ProfiledDeviance(input.Response, input.Fixed.X, input.Fixed.Columns, input.RandomDesign(), input.RandomCount, input.Subject, input.Subjects, diagonal: true);

        MixedModelFit fit = LinearMixedModel.Fit(input, reml);

        Assert.True(fit.Criterion <= deviance.Deviance(rTheta, reml) + 1e-12, $"criterion {fit.Criterion} at our θ, {deviance.Deviance(rTheta, reml)} at R's");
    }

    [Theory]
    [MemberData(nameof(RemlCases))]
    public void KenwardRogerMatchesPbkrtestOnTheVariances(string name)
    {
        (MixedModelInput input, bool reml) = Case(name);
        JsonElement r = Fixture.Case(name).GetProperty("kenward_roger");

        MixedModelFit fit = LinearMixedModel.Fit(input, reml, df: DegreesOfFreedomMethod.KenwardRoger);

        AssertCoefficients(r.GetProperty("coefficients"), fit, 1e-6, 1e-6);
        KenwardRogerTests.AssertMatrixClose(Numbers(r, "vcov_adjusted"), fit.FixedEffectsCovariance, fit.FixedEffects.Count, "vcovAdj");
        AssertTypeIII(r.GetProperty("anova"), fit, 1e-6, 1e-6);
    }

    [Fact]
    public void UncorrelatedTermsFitAnotherModelThanOneCorrelatedTerm()
    {
        (MixedModelInput input, bool reml) = Case("sleepstudy_uncorrelated_reml");

        MixedModelFit uncorrelated = LinearMixedModel.Fit(input, reml);
        MixedModelFit correlated = LinearMixedModel.Fit(input with { Uncorrelated = false }, reml);

        Assert.Equal(2, uncorrelated.Theta.Count);
        Assert.Equal(3, correlated.Theta.Count);
        Assert.NotNull(correlated.Correlation);
        Assert.Equal(uncorrelated.Parameters + 1, correlated.Parameters);
        Assert.True(correlated.Criterion < uncorrelated.Criterion, "the correlated model nests the uncorrelated one");
    }

    [Fact]
    public void UncorrelatedWithOneRandomEffectIsTheSingleTerm()
    {
        (MixedModelInput input, bool reml) = Case("sleepstudy_uncorrelated_reml");
        MixedModelInput intercept = input with { Slope = null, SlopeName = null };

        MixedModelFit single = LinearMixedModel.Fit(intercept with { Uncorrelated = false }, reml);
        MixedModelFit flagged = LinearMixedModel.Fit(intercept, reml);

        Assert.Equal(single.Theta, flagged.Theta);
        Assert.Equal(single.Criterion, flagged.Criterion);
    }

    private static void AssertCoefficients(JsonElement co, MixedModelFit fit, double tolerance, double df)
    {
        string[] names = co.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(names, fit.FixedEffects.Select(f => f.Name).ToArray());
        double[] est = Numbers(co, "estimate"), se = Numbers(co, "se"), dfs = Numbers(co, "df"), t = Numbers(co, "t"), p = Numbers(co, "p");
        for (int k = 0; k < names.Length; k++)
        {
            FixedEffect f = fit.FixedEffects[k];
            AssertClose(est[k], f.Estimate, tolerance, names[k] + " estimate");
            AssertClose(se[k], f.StandardError, tolerance, names[k] + " SE");
            AssertClose(t[k], f.T, tolerance, names[k] + " t");
            AssertClose(dfs[k], f.DegreesOfFreedom, df, names[k] + " df");
            AssertPValue(p[k], f.PValue, PValue, names[k] + " p");
        }
    }

    private static void AssertTypeIII(JsonElement aov, MixedModelFit fit, double tolerance, double df)
    {
        string[] terms = aov.GetProperty("terms").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(terms, fit.TypeIII.Select(a => a.Term).ToArray());
        double[] numDf = Numbers(aov, "num_df"), denDf = Numbers(aov, "den_df"), f = Numbers(aov, "f"), p = Numbers(aov, "p");
        for (int k = 0; k < terms.Length; k++)
        {
            Assert.Equal(numDf[k], fit.TypeIII[k].NumeratorDf);
            AssertClose(f[k], fit.TypeIII[k].F, tolerance, terms[k] + " F");
            AssertClose(denDf[k], fit.TypeIII[k].DenominatorDf, df, terms[k] + " DenDF");
            AssertPValue(p[k], fit.TypeIII[k].PValue, PValue, terms[k] + " p");
        }
    }

    private static (MixedModelInput Input, bool Reml) Case(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement data = c.GetProperty("data");
        bool reml = c.GetProperty("reml").GetBoolean();
        double[] y = Numbers(data, "y");
        int[] subject = Integers(data, "subject");
        int subjects = subject.Max() + 1;
        if (name.StartsWith("sleepstudy", StringComparison.Ordinal))
        {
            double[] days = Numbers(data, "days");
            var design = FixedEffectsDesign.Build(y.Length, [DesignVariable.Numeric("Days", days)], [[0]]);
            return (new MixedModelInput(y, design, subject, subjects, RandomIntercept: true, days, "Days", Uncorrelated: true), reml);
        }

        double[] week = Numbers(data, "week");
        var arm = DesignVariable.Factor("arm", Integers(data, "arm"), ["control", "treatment"]);
        var trial = FixedEffectsDesign.Build(y.Length, [arm, DesignVariable.Numeric("week", week)], [[0], [1], [0, 1]]);
        return (new MixedModelInput(y, trial, subject, subjects, RandomIntercept: true, week, "week", Uncorrelated: true), reml);
    }
}
