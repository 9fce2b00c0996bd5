using System.Linq;
using ProtocolLang.Runtime.Statistics.Regression;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Regression;

/// <summary>Each GLM problem gives its warning, names the terms concerned, and leaves a defined result.</summary>
public sealed class GlmWarningTests
{
    private static GlmFit FitCase(string name) => GlmReferenceTests.Fit(ReferenceFixture.Load("glm").Case(name));

    [Theory]
    [InlineData("mtcars_am_wt_hp")]
    [InlineData("infert_case_spontaneous_induced")]
    [InlineData("ucb_admissions_cbind")]
    [InlineData("warpbreaks_poisson")]
    [InlineData("warpbreaks_quasipoisson")]
    [InlineData("insurance_poisson_offset")]
    [InlineData("quine_negative_binomial")]
    [InlineData("warpbreaks_poisson_prior_weights")]
    [InlineData("quine_negative_binomial_offset")]
    public void AWellBehavedFitHasNoWarnings(string name) => Assert.Empty(FitCase(name).Warnings);

    [Fact]
    public void RunningOutOfIterationsWarnsAsGlmFitDoesAndKeepsTheLastIterate()
    {
        GlmFit fit = FitCase("mtcars_not_converged");

        GlmWarning warning = Assert.Single(fit.Warnings);
        Assert.Equal(GlmWarningKind.NotConverged, warning.Kind);
        Assert.Equal("PL5085", warning.ToResult().Code);
        Assert.Contains("did not converge in 3 iterations", warning.Message, System.StringComparison.Ordinal);
        Assert.False(fit.Converged);
        Assert.All(fit.Coefficients, k => Assert.True(double.IsFinite(k.Estimate)));
    }

    [Theory]
    [InlineData("complete_separation")]
    [InlineData("quasi_complete_separation")]
    public void SeparationNamesTheTermAndLeavesItWithoutAProfileInterval(string name)
    {
        GlmFit fit = FitCase(name);

        GlmWarning warning = Assert.Single(fit.Warnings, w => w.Kind == GlmWarningKind.Separation);
        Assert.Equal("PL5086", warning.Code);
        Assert.Contains("x", warning.Terms);
        Assert.Contains("the diverging term is 'x'", warning.Message, System.StringComparison.Ordinal);
        GlmCoefficient x = fit.Coefficients.Single(k => k.Name == "x");
        Assert.True(double.IsNaN(x.ProfileLow) && double.IsNaN(x.ProfileHigh));
    }

    [Fact]
    public void CompleteSeparationAlsoReportsNonConvergenceAsR()
    {
        GlmFit fit = FitCase("complete_separation");

        Assert.Equal([GlmWarningKind.NotConverged, GlmWarningKind.Separation], fit.Warnings.Select(w => w.Kind));
    }

    [Fact]
    public void APoissonGroupWithoutEventsIsNamedAsAZeroRate()
    {
        GlmFit fit = FitCase("poisson_zero_count_group");

        GlmWarning warning = Assert.Single(fit.Warnings);
        Assert.Equal(GlmWarningKind.ZeroRate, warning.Kind);
        Assert.Equal("PL5088", warning.Code);
        Assert.Equal(["gb"], warning.Terms);
        GlmCoefficient gb = fit.Coefficients.Single(k => k.Name == "gb");
        Assert.True(double.IsNaN(gb.ProfileLow));
        // The group that has events keeps its profile interval.
        Assert.True(double.IsFinite(fit.Coefficients.Single(k => k.Name == "gc").ProfileLow));
    }

    [Fact]
    public void AnAliasedColumnIsNotEstimableAndNamed()
    {
        GlmFit fit = FitCase("mtcars_rank_deficient");

        GlmWarning warning = Assert.Single(fit.Warnings);
        Assert.Equal(GlmWarningKind.RankDeficient, warning.Kind);
        Assert.Equal("PL5087", warning.Code);
        Assert.Equal(["I(2 * wt)"], warning.Terms);
        GlmCoefficient aliased = fit.Coefficients[^1];
        Assert.True(aliased.Aliased);
        Assert.True(double.IsNaN(aliased.Estimate) && double.IsNaN(aliased.StandardError) && double.IsNaN(aliased.ProfileLow));
        Assert.Equal(3, fit.Rank);
        Assert.True(double.IsNaN(fit.Covariance[3, 3]) && double.IsFinite(fit.Covariance[1, 1]));
    }

    [Fact]
    public void ANegativeBinomialWithoutOverdispersionWarnsThatThetaIsInfinite()
    {
        GlmFit fit = FitCase("negative_binomial_theta_infinite");

        GlmWarning warning = Assert.Single(fit.Warnings);
        Assert.Equal(GlmWarningKind.ThetaInfinite, warning.Kind);
        Assert.Equal("PL5089", warning.Code);
        Assert.Contains("iteration limit reached", warning.Message, System.StringComparison.Ordinal);
        Assert.True(fit.Theta > 1000);
    }

    [Fact]
    public void AFitThatCannotStartHasNoEstimatesAndSaysWhy()
    {
        // Binomial with every weight zero: no observation is informative.
        var data = new GlmData(["(Intercept)"], [[1, 1, 1]], [0, 1, 0], Weights: [0, 0, 0]);

        GlmFit fit = GeneralizedLinearModel.Fit(data, GlmFamilyKind.Binomial);

        Assert.True(fit.Failed);
        Assert.True(double.IsNaN(fit.Coefficients[0].Estimate));
        Assert.Equal(GlmWarningKind.NotConverged, fit.Warnings[0].Kind);
        Assert.Contains("no observations informative", fit.Warnings[0].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeCountIsRejectedBeforeFitting() =>
        Assert.Throws<System.ArgumentException>(() => GeneralizedLinearModel.Fit(new GlmData(["(Intercept)"], [[1, 1]], [2, -1]), GlmFamilyKind.Poisson));
}
