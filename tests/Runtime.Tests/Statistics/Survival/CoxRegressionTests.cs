using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

public sealed class CoxRegressionTests
{
    // Same algorithm as coxfit6.c (same start, steps, halving and stopping rule), so estimates agree
    // far beyond the 1e-9 convergence tolerance; what is left is summation order (seen: <= 7e-13).
    // Exact ties take coxexact.c's steps (it scales x, which Newton-Raphson does not see): seen <= 6.4e-14.
    private const double Tolerance = 1e-9;

    // The monotone case stops at 20 iterations on a flat likelihood: beta_x is wherever the steps
    // stopped (about -21) and its SE is ~1.6e4. We follow R's path, but each step divides a vanishing
    // score by a vanishing information, so rounding grows (seen: 2.4e-8 on that SE).
    private const double MonotoneTolerance = 1e-6;

    // Complete separation: z orders every event time, the likelihood climbs towards 0 and coxph runs
    // out of iterations. Its coefficients match ours, but its fit$var (hence SE, z, p, CI and Wald)
    // is the information at an earlier iterate than the coefficients it returns, and fit$iter counts
    // the exhausted loop as iter.max + 1. We report the information at the returned coefficients:
    // compared with R's own information there (coxph(init = coef, iter.max = 0), "se_at_coef").
    private const string Separation = "separation";

    // On the separated fit the coefficients drift with every step (SE ~3500): 1e-6 relative on the
    // SE at the coefficients (seen: 1.2e-7).
    private const double SeparationTolerance = 1e-6;

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("cox");

    [Theory]
    [MemberData(nameof(Cases))]
    public void CoefficientsAndStandardErrorsMatchRCoxph(string name)
    {
        JsonElement c = CoxReference.Fixture.Case(name);
        CoxDesign design = CoxReference.Design(c);

        CoxFit fit = design.Fit(CoxReference.Ties(c));

        double tolerance = name.StartsWith("monotone", StringComparison.Ordinal) ? MonotoneTolerance : Tolerance;
        Assert.Equal(c.GetProperty("terms").EnumerateArray().Select(t => t.GetString()), RNames(design, name));
        double[] se = ReferenceFixture.Numbers(c, "se");
        double[] coef = ReferenceFixture.Numbers(c, "coef");
        for (int j = 0; j < fit.Coefficients.Count; j++)
        {
            CoxCoefficient k = fit.Coefficients[j];
            string term = k.Name;

            // A coefficient of zero (R: -4.3e-17) is compared on the scale of its SE.
            AssertNear(coef[j], k.Coefficient, tolerance * Math.Max(Math.Abs(coef[j]), se[j]), "coef " + term);
            if (name.StartsWith(Separation, StringComparison.Ordinal))
            {
                ReferenceFixture.AssertClose(ReferenceFixture.Numbers(c, "se_at_coef")[j], k.StandardError, SeparationTolerance, "se at coef " + term);
                continue;
            }

            ReferenceFixture.AssertClose(se[j], k.StandardError, tolerance, "se " + term);
            AssertNear(ReferenceFixture.Numbers(c, "z")[j], k.Z, tolerance * Math.Max(1, Math.Abs(ReferenceFixture.Numbers(c, "z")[j])), "z " + term);
            ReferenceFixture.AssertPValue(ReferenceFixture.Numbers(c, "p")[j], k.PValue, tolerance, "p " + term);
            ReferenceFixture.AssertClose(ReferenceFixture.Numbers(c, "hr")[j], k.HazardRatio, tolerance, "HR " + term);
            ReferenceFixture.AssertClose(ReferenceFixture.Numbers(c, "hr_low")[j], k.HazardRatioLow, tolerance, "HR low " + term);
            ReferenceFixture.AssertClose(ReferenceFixture.Numbers(c, "hr_high")[j], k.HazardRatioHigh, tolerance, "HR high " + term);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogLikelihoodsAndGlobalTestsMatchRCoxph(string name)
    {
        JsonElement c = CoxReference.Fixture.Case(name);

        CoxFit fit = CoxReference.Design(c).Fit(CoxReference.Ties(c));

        double tolerance = name.StartsWith("monotone", StringComparison.Ordinal) ? MonotoneTolerance : Tolerance;
        double[] loglik = ReferenceFixture.Numbers(c, "loglik");
        ReferenceFixture.AssertClose(loglik[0], fit.LogLikelihoodNull, Tolerance, "loglik at 0");
        // On a separated fit the log-likelihood climbs to 0 (here -3.3e-7): a sum of terms of size |L(0)| ≈ 19
        // that cancel, so its rounding is on the scale of L(0) (exact: 2.8e-14 absolute, 8.7e-8 relative).
        double scale = name.StartsWith(Separation, StringComparison.Ordinal) ? Math.Abs(loglik[0]) : Math.Abs(loglik[1]);
        AssertNear(loglik[1], fit.LogLikelihood, Tolerance * scale, "loglik");
        AssertTest(c.GetProperty("lr"), fit.LikelihoodRatio, Tolerance);
        AssertTest(c.GetProperty("score"), fit.Score, Tolerance);
        if (!name.StartsWith(Separation, StringComparison.Ordinal))
        {
            AssertTest(c.GetProperty("wald"), fit.Wald, tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VcovAicAndBicMatchR(string name)
    {
        JsonElement c = CoxReference.Fixture.Case(name);

        CoxFit fit = CoxReference.Design(c).Fit(CoxReference.Ties(c));

        // vcov(fit) is fit$var: on the separated fit R's var is from an earlier iterate (see above), so only AIC/BIC there.
        double tolerance = name.StartsWith("monotone", StringComparison.Ordinal) ? MonotoneTolerance : Tolerance;
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "aic"), CoxModelSummary.Aic(fit), Tolerance, "AIC");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "bic"), CoxModelSummary.Bic(fit), Tolerance, "BIC");
        if (name.StartsWith(Separation, StringComparison.Ordinal))
        {
            return;
        }

        double[] expected = ReferenceFixture.Numbers(c, "vcov");
        double[][] vcov = CoxModelSummary.VarianceCovariance(fit);
        int p = vcov.Length;
        Assert.Equal(expected.Length, p * p);
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                // An off-diagonal covariance near 0 is compared on the scale of the two variances.
                double scale = Math.Sqrt(Math.Abs(expected[(i * p) + i] * expected[(j * p) + j]));
                AssertNear(expected[(i * p) + j], vcov[i][j], tolerance * Math.Max(Math.Abs(expected[(i * p) + j]), scale), $"vcov[{i},{j}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountsIterationsAndConcordanceMatchR(string name)
    {
        JsonElement c = CoxReference.Fixture.Case(name);

        CoxFit fit = CoxReference.Design(c).Fit(CoxReference.Ties(c));

        Assert.Equal(ReferenceFixture.Integers(c, "n")[0], fit.N);
        Assert.Equal(ReferenceFixture.Integers(c, "nevent")[0], fit.Events);
        int iterations = ReferenceFixture.Integers(c, "iter")[0];
        // coxph.fit counts an exhausted loop as iter.max + 1, coxexact.fit as iter.max.
        int exhausted = CoxRegression.MaxIterations + (fit.Ties == CoxTies.Exact ? 0 : 1);
        Assert.Equal(fit.Converged ? iterations : exhausted, iterations);
        Assert.Equal(Math.Min(iterations, CoxRegression.MaxIterations), fit.Iterations);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "concordance"), fit.Concordance, 1e-12, "concordance");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WarnsExactlyWhenRWarns(string name)
    {
        JsonElement c = CoxReference.Fixture.Case(name);

        CoxFit fit = CoxReference.Design(c).Fit(CoxReference.Ties(c));

        string[] expected = CoxReference.Warnings(c);
        Assert.Equal(expected.Length, fit.Warnings.Count);
        // coxph.fit says "coefficient may be infinite", coxexact.fit "beta may be infinite".
        bool rSaysInfinite = expected.Any(w => w.Contains("may be infinite", StringComparison.Ordinal));
        Assert.Equal(rSaysInfinite, fit.Coefficients.Any(k => k.PossiblyInfinite));
    }

    [Fact]
    public void MonotoneLikelihoodFlagsOnlyTheCoefficientWithoutEvents()
    {
        CoxFit fit = CoxReference.Design(CoxReference.Fixture.Case("monotone_no_events_when_x_1")).Fit(CoxTies.Efron);

        Assert.True(fit.Converged);
        Assert.Equal(new[] { true, false }, fit.Coefficients.Select(k => k.PossiblyInfinite));
        Assert.Contains("Loglik converged before variable x; coefficient may be infinite", Assert.Single(fit.Warnings), StringComparison.Ordinal);
        Assert.True(fit.Coefficients[0].Coefficient < -15);
    }

    [Theory]
    [InlineData(CoxTies.Efron)]
    [InlineData(CoxTies.Breslow)]
    public void CompleteSeparationByAContinuousCovariateWarnsAndStillGivesNumbers(CoxTies ties)
    {
        CoxFit fit = CoxReference.Design(CoxReference.Fixture.Case("separation_continuous_orders_events_efron")).Fit(ties);

        // As coxph: no convergence (the likelihood approaches 0 without a maximum), a warning, and
        // finite numbers where the iteration stopped; the SE is huge and the Wald z near 0.
        Assert.False(fit.Converged);
        Assert.Equal("Ran out of iterations and did not converge", Assert.Single(fit.Warnings));
        Assert.True(fit.Coefficients[0].Coefficient > 15);
        Assert.True(fit.Coefficients[0].StandardError > 1000);
        Assert.All(fit.Coefficients, k => Assert.True(double.IsFinite(k.PValue)));
        Assert.Equal(1, fit.Concordance);
    }

    [Fact]
    public void RowsWithAMissingCovariateAreLeftOutAndCounted()
    {
        CoxDesign design = CoxReference.Design(CoxReference.Fixture.Case("all_tied_efron"));

        Assert.Equal(1, design.Excluded);
        Assert.Equal(8, design.Rows.Length);
        Assert.DoesNotContain(8, design.Rows);
    }

    [Fact]
    public void AConstantColumnIsAliasedWithAWarningNotAnException()
    {
        double[] time = { 3, 1, 4, 1, 5, 9, 2, 6 };
        int[] status = { 1, 1, 0, 1, 1, 0, 1, 1 };
        double[] x = { 0.5, 1.2, -0.3, 0.8, 2.0, 1.1, -1.0, 0.4 };
        double[] constant = Enumerable.Repeat(2.0, 8).ToArray();

        CoxFit fit = CoxRegression.Fit(new[] { x, constant }, new[] { "x", "c" }, time, status, ReadOnlySpan<int>.Empty);

        Assert.False(fit.Coefficients[0].Aliased);
        Assert.True(double.IsFinite(fit.Coefficients[0].Coefficient));
        Assert.True(fit.Coefficients[1].Aliased);
        Assert.True(double.IsNaN(fit.Coefficients[1].Coefficient));
        Assert.Equal(1, fit.LikelihoodRatio.DegreesOfFreedom);
        Assert.Contains(fit.Warnings, w => w.Contains("singular", StringComparison.Ordinal));
    }

    [Fact]
    public void NoEventsGiveNaNAndAWarning()
    {
        CoxFit fit = CoxRegression.Fit(new[] { new[] { 1.0, 2.0, 3.0 } }, new[] { "x" }, new[] { 1.0, 2.0, 3.0 }, new[] { 0, 0, 0 }, ReadOnlySpan<int>.Empty);

        Assert.Equal(0, fit.Events);
        Assert.True(double.IsNaN(fit.Coefficients[0].Coefficient));
        Assert.True(double.IsNaN(fit.LikelihoodRatio.PValue));
        Assert.Single(fit.Warnings);
    }

    [Fact]
    public void OneBinaryCovariateScoreTestIsTheLogRankTest()
    {
        // Two groups, no ties: the score test of coxph equals survdiff's chi-square. Hand check:
        // times 1..4, group (1,0,1,0), all events. At t=1: O-E for group 1 = 1 - 2/4; t=2: 0 - 1/3;
        // t=3: 1 - 1/2; t=4: group 1 not at risk. U = 0.5 - 1/3 + 0.5 = 2/3;
        // V = 2·2/16 + 1·2/9 + 1·1/4 = 0.25 + 0.2222 + 0.25 = 0.7222; chi2 = U²/V = 0.6154.
        CoxFit fit = CoxRegression.Fit(new[] { new[] { 1.0, 0, 1, 0 } }, new[] { "g" }, new[] { 1.0, 2, 3, 4 }, new[] { 1, 1, 1, 1 }, ReadOnlySpan<int>.Empty);

        ReferenceFixture.AssertClose((4.0 / 9) / (0.25 + (2.0 / 9) + 0.25), fit.Score.Statistic, 1e-12, "score");
    }

    private static string[] RNames(CoxDesign design, string name) =>

        // R names a factor column by the variable in the formula (ecog, sexf) and its level.
        design.Terms.Select(t => name.EndsWith("factor_ecog_reference_1", StringComparison.Ordinal) && t.Level is not null
            ? (t.Covariate == "ph.ecog" ? "ecog" : "sexf") + t.Level
            : t.Name).ToArray();

    private static void AssertTest(JsonElement expected, CoxGlobalTest actual, double tolerance)
    {
        ReferenceFixture.AssertClose(ReferenceFixture.Number(expected, "statistic"), actual.Statistic, tolerance, actual.Name + " statistic");
        Assert.Equal(ReferenceFixture.Number(expected, "df"), actual.DegreesOfFreedom);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(expected, "p"), actual.PValue, tolerance, actual.Name + " p");
    }

    private static void AssertNear(double expected, double actual, double allowed, string quantity) =>
        Assert.True(Math.Abs(expected - actual) <= allowed, $"{quantity}: expected {expected:R}, got {actual:R} (allowed {allowed:R})");
}
