using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

/// <summary>
/// Subject covariates (numeric age, factor sex, sex × time) and a rank-deficient design against
/// <c>mixed_covariates.R</c>: the same tolerances as <see cref="LinearMixedModelTests"/>.
/// </summary>
public sealed class MixedCovariatesTests
{
    private const double Estimate = 1e-6;
    private const double Likelihood = 1e-8;
    private const double Theta = 1e-6;
    private const double Df = 1e-6;
    private const double PValue = 1e-5;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("mixed_covariates");

    public static TheoryData<string> Cases => CaseNamesOf("mixed_covariates");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitMatchesLmer(string name)
    {
        (MixedModelInput input, bool reml) = Case(name);
        JsonElement r = Fixture.Case(name);

        MixedModelFit fit = LinearMixedModel.Fit(input, reml);

        JsonElement co = r.GetProperty("coefficients");
        string[] names = co.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(names, fit.FixedEffects.Select(f => f.Name).ToArray());
        double[] est = Numbers(co, "estimate"), se = Numbers(co, "se"), df = Numbers(co, "df"), p = Numbers(co, "p");
        for (int k = 0; k < names.Length; k++)
        {
            FixedEffect f = fit.FixedEffects[k];
            AssertClose(est[k], f.Estimate, Estimate, names[k] + " estimate");
            AssertClose(se[k], f.StandardError, Estimate, names[k] + " SE");
            AssertClose(df[k], f.DegreesOfFreedom, Df, names[k] + " df");
            AssertPValue(p[k], f.PValue, PValue, names[k] + " p");
        }

        Assert.Equal(r.GetProperty("dropped").EnumerateArray().Select(e => e.GetString()!), fit.NotEstimable);
        Assert.Equal(fit.NotEstimable.Count > 0, fit.Warnings.Any(w => w.StartsWith("fixed-effect model matrix is rank deficient so dropping 1 column / coefficient", StringComparison.Ordinal)));
        AssertClose(Number(r, "sigma"), fit.Sigma, Estimate, "sigma");
        AssertClose(Number(r, "loglik"), fit.LogLikelihood, Likelihood, "logLik");
        AssertClose(Number(r, "criterion"), fit.Criterion, Likelihood, "criterion");
        AssertClose(Number(r, "aic"), fit.Aic, Likelihood, "AIC");
        AssertClose(Number(r, "bic"), fit.Bic, Likelihood, "BIC");
        double[] theta = Numbers(r, "theta");
        Assert.Equal(theta.Length, fit.Theta.Count);
        for (int k = 0; k < theta.Length; k++)
        {
            Assert.True(Math.Abs(theta[k] - fit.Theta[k]) <= Theta, $"theta[{k}]: expected {theta[k]}, got {fit.Theta[k]}");
        }

        double[] vcov = Numbers(r.GetProperty("varcorr"), "vcov");
        string[] var2 = r.GetProperty("varcorr").GetProperty("var2").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] ours = fit.RandomEffects.Select(e => e.Variance).ToArray();
        double[] rVariances = vcov.Where((_, k) => var2[k] == "").SkipLast(1).ToArray();
        for (int k = 0; k < ours.Length; k++)
        {
            AssertClose(rVariances[k], ours[k], 1e-5, "random-effect variance " + k);
        }

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
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CellMeansAreEmmeansReferenceGridMeans(string name)
    {
        (MixedModelInput input, bool reml) = Case(name);
        JsonElement r = Fixture.Case(name).GetProperty("cell_means");
        MeansGrid grid = ReferenceGrid.CellMeans(input.Fixed, [0, 1]);

        MixedModelFit fit = LinearMixedModel.Fit(input, reml, grid);

        string[] labels = r.GetProperty("group").EnumerateArray().Select(e => e.GetString()!)
            .Zip(Numbers(r, "visit"), (g, v) => g + " " + v.ToString(CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(labels, fit.MarginalMeans.Select(m => m.Label));
        double[] estimate = Numbers(r, "estimate"), se = Numbers(r, "se"), df = Numbers(r, "df"), lower = Numbers(r, "lower"), upper = Numbers(r, "upper");
        for (int k = 0; k < labels.Length; k++)
        {
            MarginalMean m = fit.MarginalMeans[k];
            if (double.IsNaN(estimate[k]))
            {
                Assert.True(double.IsNaN(m.Estimate) && double.IsNaN(m.StandardError), labels[k] + " should be not estimable");
                continue;
            }

            AssertClose(estimate[k], m.Estimate, Estimate, labels[k] + " estimate");
            AssertClose(se[k], m.StandardError, Estimate, labels[k] + " SE");
            AssertClose(df[k], m.DegreesOfFreedom, Df, labels[k] + " df");
            AssertClose(lower[k], m.Lower, Estimate, labels[k] + " lower");
            AssertClose(upper[k], m.Upper, Estimate, labels[k] + " upper");
        }
    }

    /// <summary>The case's formula, built as R's terms() orders it: main effects, then interactions.</summary>
    private static (MixedModelInput Input, bool Reml) Case(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement data = c.GetProperty("data");
        double[] y = Numbers(data, "y");
        int[] subject = Integers(data, "subject");
        double[] visit = Numbers(data, "visit");
        double[] visitLevels = visit.Distinct().Order().ToArray();
        var group = DesignVariable.Factor("group", Integers(data, "group"), ["A", "B", "C"]);
        var time = DesignVariable.Factor("factor(visit)", visit.Select(v => Array.IndexOf(visitLevels, v)).ToArray(),
            visitLevels.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        var age = DesignVariable.Numeric("age", Numbers(data, "age"));
        var sex = DesignVariable.Factor("sex", Integers(data, "sex"), ["F", "M"]);
        bool slope = name.StartsWith("covariates_slope", StringComparison.Ordinal);
        FixedEffectsDesign design = name switch
        {
            "rank_deficient_reml" => FixedEffectsDesign.Build(y.Length, [group, time, age], [[0], [1], [2], [0, 1]]),
            _ when slope => FixedEffectsDesign.Build(y.Length, [group, time, age, sex], [[0], [1], [2], [3], [0, 1], [1, 3]]),
            _ => FixedEffectsDesign.Build(y.Length, [group, time, age, sex], [[0], [1], [2], [3], [0, 1]]),
        };
        var input = new MixedModelInput(y, design, subject, subject.Max() + 1, RandomIntercept: true, slope ? visit : null, slope ? "visit" : null);
        return (input, c.GetProperty("reml").GetBoolean());
    }
}
