using System;
using ProtocolLang.Runtime.Statistics.Regression;

namespace ProtocolLang.Runtime.Tests.Statistics.Regression;

/// <summary>Tiny cases with closed-form answers, independent of the R fixture.</summary>
public sealed class GlmClosedFormTests
{
    [Fact]
    public void AnInterceptOnlyLogisticModelEstimatesTheLogOddsWithItsBinomialSe()
    {
        // 3 of 8 successes: β = log(3/5), SE = 1/√(n p (1 − p)) (McCullagh & Nelder 1989, ch. 4).
        double[] y = [1, 0, 0, 1, 0, 1, 0, 0];
        var data = new GlmData(["(Intercept)"], [[1, 1, 1, 1, 1, 1, 1, 1]], y);

        GlmFit fit = GeneralizedLinearModel.Fit(data, GlmFamilyKind.Binomial);

        double p = 3.0 / 8;
        Assert.Equal(Math.Log(3.0 / 5), fit.Coefficients[0].Estimate, 1e-10);
        // As R's glm.fit, the SE uses the working weights of the last IRLS solve, one step before the
        // final μ: it agrees with the closed form to the convergence of IRLS (~1e-8), not to rounding.
        Assert.Equal(1 / Math.Sqrt(8 * p * (1 - p)), fit.Coefficients[0].StandardError, 1e-6);
        Assert.Equal(3.0 / 5, fit.Coefficients[0].ExpEstimate, 1e-10);
        Assert.Equal(fit.NullDeviance, fit.Deviance, 1e-10);
        Assert.Equal(7, fit.ResidualDf);
    }

    [Fact]
    public void TheSuccessesOverTrialsFormEqualsTheBinaryForm()
    {
        var binary = new GlmData(["(Intercept)", "x"], [[1, 1, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1]], [1, 0, 0, 1, 1, 0]);
        var grouped = new GlmData(["(Intercept)", "x"], [[1, 1], [0, 1]], [1.0 / 3, 2.0 / 3], Trials: [3, 3]);

        GlmFit a = GeneralizedLinearModel.Fit(binary, GlmFamilyKind.Binomial);
        GlmFit b = GeneralizedLinearModel.Fit(grouped, GlmFamilyKind.Binomial);

        Assert.Equal(Math.Log(4), a.Coefficients[1].Estimate, 1e-9); // odds 2 vs 1/2
        Assert.Equal(a.Coefficients[1].Estimate, b.Coefficients[1].Estimate, 1e-9);
        // The two forms start IRLS from different μ (R's (w·y + 0.5)/(w + 1)), so their last-step weights
        // differ at the level of IRLS's convergence (see above).
        Assert.Equal(a.Coefficients[1].StandardError, b.Coefficients[1].StandardError, 1e-5);
    }

    [Fact]
    public void APoissonRateModelWithAnOffsetEstimatesTheLogRate()
    {
        // 12 events in 400 person-years: β = log(12/400), SE = 1/√12.
        var data = new GlmData(["(Intercept)"], [[1, 1, 1]], [2, 4, 6], Offset: [Math.Log(100), Math.Log(100), Math.Log(200)]);

        GlmFit fit = GeneralizedLinearModel.Fit(data, GlmFamilyKind.Poisson);

        Assert.Equal(Math.Log(12.0 / 400), fit.Coefficients[0].Estimate, 1e-10);
        Assert.Equal(1 / Math.Sqrt(12), fit.Coefficients[0].StandardError, 1e-6);
    }

    [Fact]
    public void TrigammaMatchesItsClosedForms()
    {
        Assert.Equal(Math.PI * Math.PI / 6, Polygamma.Trigamma(1), 1e-14);
        Assert.Equal(Math.PI * Math.PI / 2, Polygamma.Trigamma(0.5), 1e-13);
        Assert.Equal((Math.PI * Math.PI / 6) - 1 - 0.25, Polygamma.Trigamma(3), 1e-14);
    }

    [Fact]
    public void TheFmmSplineReproducesACubicExactly()
    {
        // FMM's end conditions match the third derivative of the end cubics, so a cubic is reproduced.
        static double F(double x) => (2 * x * x * x) - x + 3;
        double[] x = [-2, -1.5, 0, 0.7, 1, 2.5];
        double[] y = Array.ConvertAll(x, F);
        var spline = new FmmSpline(x, y);

        foreach (double u in new[] { -1.9, -0.3, 0.5, 1.7, 2.5 })
        {
            Assert.Equal(F(u), spline.Evaluate(u), 1e-10);
        }
    }

    [Fact]
    public void ApproxInterpolatesLinearlyAndIsNaNOutsideTheRange()
    {
        Assert.Equal(2.5, FmmSpline.Approx([0, 1, 2], [1, 2, 4], 1.25), 1e-15);
        Assert.True(double.IsNaN(FmmSpline.Approx([0, 1, 2], [1, 2, 4], 2.5)));
    }
}
