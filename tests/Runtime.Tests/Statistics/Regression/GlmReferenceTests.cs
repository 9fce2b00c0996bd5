using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Regression;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Regression;

/// <summary>
/// The GLM kernel fed R's model matrices (tests/Reference/r/glm.R) matches glm / glm.nb, summary(),
/// confint.default and confint (profile likelihood) at 1e-6 relative.
/// </summary>
public sealed class GlmReferenceTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("glm");

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFitMatchesRsSummary(string name)
    {
        JsonElement c = ReferenceFixture.Load("glm").Case(name);
        GlmFit fit = Fit(c);

        double[] coef = ReferenceFixture.Numbers(c, "coef"), se = ReferenceFixture.Numbers(c, "se"), statistic = ReferenceFixture.Numbers(c, "statistic"), pValues = ReferenceFixture.Numbers(c, "p");
        double[] waldLow = ReferenceFixture.Numbers(c, "wald_low"), waldHigh = ReferenceFixture.Numbers(c, "wald_high");
        int[] aliased = ReferenceFixture.Integers(c, "aliased");
        Assert.Equal(coef.Length, fit.Coefficients.Count);
        for (int j = 0; j < coef.Length; j++)
        {
            GlmCoefficient k = fit.Coefficients[j];
            Assert.Equal(aliased[j] == 1, k.Aliased);
            ReferenceFixture.AssertClose(coef[j], k.Estimate, Tolerance, $"{name} {k.Name} coef");
            ReferenceFixture.AssertClose(se[j], k.StandardError, Tolerance, $"{name} {k.Name} se");
            ReferenceFixture.AssertClose(statistic[j], k.Statistic, Tolerance, $"{name} {k.Name} statistic");
            ReferenceFixture.AssertPValue(pValues[j], k.PValue, Tolerance, $"{name} {k.Name} p");
            ReferenceFixture.AssertClose(waldLow[j], k.WaldLow, Tolerance, $"{name} {k.Name} Wald low");
            ReferenceFixture.AssertClose(waldHigh[j], k.WaldHigh, Tolerance, $"{name} {k.Name} Wald high");
            ReferenceFixture.AssertClose(Math.Exp(coef[j]), k.ExpEstimate, Tolerance, $"{name} {k.Name} exp(coef)");
        }

        // vcov(fit), column-major; aliased rows and columns are NA in R and NaN here. Off-diagonal
        // entries are compared on the scale of √(v_aa·v_bb): a balanced design (warpbreaks) has
        // structural zeros that both sides compute as rounding noise (~1e-18).
        double[] vcov = ReferenceFixture.Numbers(c, "vcov");
        int p = coef.Length;
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                double expected = vcov[(b * p) + a], actual = fit.Covariance[a, b];
                double scale = Math.Sqrt(Math.Abs(vcov[(a * p) + a] * vcov[(b * p) + b]));
                if (double.IsNaN(expected))
                {
                    Assert.True(double.IsNaN(actual), $"{name} vcov[{a},{b}]: expected NA, got {actual}");
                }
                else
                {
                    Assert.True(Math.Abs(actual - expected) <= Tolerance * scale, $"{name} vcov[{a},{b}]: expected {expected}, got {actual}");
                }
            }
        }

        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "deviance"), fit.Deviance, Tolerance, name + " deviance");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "null_deviance"), fit.NullDeviance, Tolerance, name + " null deviance");
        Assert.Equal((int)ReferenceFixture.Number(c, "df_residual"), fit.ResidualDf);
        Assert.Equal((int)ReferenceFixture.Number(c, "df_null"), fit.NullDf);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "aic"), fit.Aic, Tolerance, name + " AIC");
        // logLik = rank − AIC/2 carries AIC's absolute rounding: near 0 (a separated fit, deviance 8e-10)
        // only an absolute comparison is meaningful.
        AssertCloseOrTiny(ReferenceFixture.Number(c, "loglik"), fit.LogLikelihood, name + " logLik");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "dispersion"), fit.Dispersion, Tolerance, name + " dispersion");
        Assert.Equal((int)ReferenceFixture.Number(c, "iter"), fit.Iterations);
        Assert.Equal(ReferenceFixture.Number(c, "converged") == 1, fit.Converged);
        Assert.Equal(c.GetProperty("family").GetString() == "quasipoisson", fit.StatisticIsT);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "theta"), fit.Theta, Tolerance, name + " theta");
        // SE(θ) = 1/√I(θ), and with θ ≈ 3000 (no overdispersion) I(θ) is a sum of trigamma differences
        // that cancel to ~1e-8 of their size, so the last bits of ψ′ show: 1e-5 there.
        double thetaTolerance = name == "negative_binomial_theta_infinite" ? 1e-5 : Tolerance;
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "se_theta"), fit.ThetaStandardError, thetaTolerance, name + " SE(theta)");
    }

    private static void AssertCloseOrTiny(double expected, double actual, string quantity)
    {
        if (Math.Abs(expected) < 1e-6)
        {
            Assert.True(Math.Abs(actual - expected) < 1e-12, $"{quantity}: expected {expected}, got {actual}");
            return;
        }

        ReferenceFixture.AssertClose(expected, actual, Tolerance, quantity);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheProfileIntervalsMatchRsConfint(string name)
    {
        JsonElement c = ReferenceFixture.Load("glm").Case(name);
        GlmFit fit = Fit(c);
        double[] low = ReferenceFixture.Numbers(c, "profile_low"), high = ReferenceFixture.Numbers(c, "profile_high");
        for (int j = 0; j < low.Length; j++)
        {
            GlmCoefficient k = fit.Coefficients[j];
            if (IsDiverging(name))
            {
                // glm.R does not profile these (R's confint gives artefacts or fails); GlmWarningTests
                // checks that the diverging terms have no interval.
                continue;
            }

            ReferenceFixture.AssertClose(low[j], k.ProfileLow, Tolerance, $"{name} {k.Name} profile low");
            ReferenceFixture.AssertClose(high[j], k.ProfileHigh, Tolerance, $"{name} {k.Name} profile high");
        }
    }

    private static bool IsDiverging(string name) => name.Contains("separation", StringComparison.Ordinal) || name == "poisson_zero_count_group";

    internal static GlmFit Fit(JsonElement c, bool profile = true)
    {
        string[] names = c.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[][] columns = c.GetProperty("x").EnumerateArray().Select(ReferenceFixture.Numbers).ToArray();
        var family = c.GetProperty("family").GetString() switch
        {
            "binomial" => GlmFamilyKind.Binomial,
            "poisson" => GlmFamilyKind.Poisson,
            "quasipoisson" => GlmFamilyKind.QuasiPoisson,
            "negative_binomial" => GlmFamilyKind.NegativeBinomial,
            var f => throw new InvalidOperationException("unknown family " + f),
        };
        double[] offset = ReferenceFixture.Numbers(c, "offset");
        var data = new GlmData(names, columns, ReferenceFixture.Numbers(c, "y"), ReferenceFixture.Numbers(c, "trials"), ReferenceFixture.Numbers(c, "prior_weights"),
            offset.Any(v => v != 0) ? offset : null);
        return GeneralizedLinearModel.Fit(data, family, new GlmOptions(MaxIterations: (int)ReferenceFixture.Number(c, "maxit"), Profile: profile));
    }
}
