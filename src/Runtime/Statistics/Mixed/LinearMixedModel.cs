using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>Linear mixed models fitted as R's <c>lme4::lmer</c>, tested as <c>lmerTest</c>.</summary>
public static class LinearMixedModel
{
    /// <summary>lme4's <c>isSingular</c> tolerance on the diagonal of Λ.</summary>
    public const double SingularTolerance = 1e-4;

    /// <summary>
    /// Fits y = Xβ + Zb + e by REML (default) or ML. O(m·q·p²) per deviance evaluation for m
    /// subjects; the optimiser needs a few hundred evaluations.
    /// </summary>
    /// <remarks>
    /// The criterion is profiled over β and σ (see <see cref="ProfiledDeviance"/>) and minimised
    /// over θ, starting where lme4 starts (Λ = I): Nelder-Mead (MathNet) to 1e-10, then Newton
    /// steps with numeric gradient and Hessian and step halving, until the step is below 1e-12.
    /// The criterion depends on θ only through Λ Λᵀ, which is unchanged when a column of Λ
    /// changes sign, so θ is optimised unconstrained and each column is then turned to a
    /// non-negative diagonal: this is lme4's bound θ_diag ≥ 0 without a bounded optimiser. A
    /// diagonal below 1e-4 is set to exactly 0 when that does not raise the criterion by more
    /// than 1e-10 (the boundary optimum lme4's BOBYQA reaches), and the fit is singular.
    /// A rank-deficient X loses its aliased columns first, as lme4 (<see cref="FixedEffectsRank"/>):
    /// their coefficients are not estimable and the fit, tests and means use the columns kept.
    /// Satterthwaite tests: <see cref="Satterthwaite"/>; type III contrasts: <see cref="TypeIIIContrasts"/>.
    /// Uncorrelated intercept and slope (<see cref="MixedModelInput.Uncorrelated"/>) make Λ diagonal: θ has q entries,
    /// each a column's diagonal, and there is no correlation (<see cref="RelativeCovarianceFactor"/>).
    /// AIC = criterion + 2k and BIC = criterion + k log n, k = p + (the number of θ) + 1, as lme4
    /// (for REML fits, from the REML criterion, as <c>AIC(fit)</c> does).
    /// Bates et al. (2015), J Stat Softw 67(1); Kuznetsova et al. (2017), J Stat Softw 82(13).
    /// R: <c>lmerTest::lmer(y ~ x + (1 + t | id), REML = TRUE)</c>, <c>summary</c>, <c>anova</c>.
    /// </remarks>
    /// <param name="means">Cells at which to estimate x'β (for a model of factors only, these are
    /// the estimated marginal means of <c>emmeans(fit, ~ group * time, lmer.df = "satterthwaite")</c>); CI = x'β ± t(0.975, df)·SE.</param>
    /// <param name="df">Satterthwaite (lmerTest's default) or Kenward-Roger (<see cref="LmerKenwardRoger"/>: every SE
    /// from the adjusted Φ_A, t and F tests with KR df, as <c>summary(fit, ddf = "Kenward-Roger")</c>, <c>anova(fit,
    /// ddf = "Kenward-Roger")</c> and <c>emmeans(fit, lmer.df = "kenward-roger")</c>); Kenward-Roger needs REML.</param>
    /// <exception cref="ArgumentException">There are no residual df, the design is not identifiable
    /// (<see cref="MixedModelIdentifiability"/>: a constant response, too few rows per subject), or Kenward-Roger is
    /// asked of an ML fit (lmerTest refuses it likewise).</exception>
    public static MixedModelFit Fit(MixedModelInput input, bool reml = true, MeansGrid? means = null, DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Satterthwaite)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckDegreesOfFreedom(reml, df);
        return Fit(MixedModelCrossProducts.FromRows(input), input.Fixed, reml, means, df);
    }

    /// <summary>
    /// The same fit from the model's sums alone (<see cref="MixedModelCrossProducts"/>, e.g. from a data engine's
    /// <c>GROUP BY subject</c>): equal to the fit from the rows except where the rank of X is in doubt, which is then decided
    /// on Xᵀ X (<see cref="FixedEffectsRank.DroppedFromCrossProduct"/>) rather than on X's rows.
    /// </summary>
    /// <inheritdoc cref="Fit(MixedModelInput, bool, MeansGrid?, DegreesOfFreedomMethod)"/>
    public static MixedModelFit Fit(MixedModelCrossProducts data, bool reml = true, MeansGrid? means = null, DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Satterthwaite)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckDegreesOfFreedom(reml, df);
        return Fit(data, null, reml, means, df);
    }

    private static void CheckDegreesOfFreedom(bool reml, DegreesOfFreedomMethod df)
    {
        if (df == DegreesOfFreedomMethod.KenwardRoger && !reml)
        {
            throw new ArgumentException("Kenward-Roger's method is only available for REML fits.", nameof(df));
        }
    }

    /// <param name="rows">X's rows when known: a rank in doubt after the screen on Xᵀ X is then decided on them, as lme4 does.</param>
    private static MixedModelFit Fit(MixedModelCrossProducts data, FixedEffectsDesign? rows, bool reml, MeansGrid? means, DegreesOfFreedomMethod df)
    {
        FixedEffectsLayout full = data.Layout, design = full;
        int n = data.Observations, p = design.Columns, q = data.Random.Count;
        int[] dropped = FixedEffectsRank.Dropped(data.Xtx, p, rows);
        var warnings = new List<string>();
        string[] notEstimable = dropped.Select(c => design.ColumnNames[c]).ToArray();
        if (dropped.Length > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"fixed-effect model matrix is rank deficient so dropping {dropped.Length} column{(dropped.Length == 1 ? "" : "s")} / coefficient{(dropped.Length == 1 ? "" : "s")} (not estimable: {string.Join(", ", notEstimable)}); as lmerTest warns, type III hypotheses of a term with missing cells should be interpreted with care"));
            design = design.WithoutColumns(dropped);
            p = design.Columns;
        }

        if ((MixedModelIdentifiability.ConstantResponse(data) ?? MixedModelIdentifiability.TooFewObservations(data)) is { } degenerate)
        {
            throw new ArgumentException("The variance components are not estimable: " + degenerate + ".", nameof(data));
        }

        if (n <= p)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{n} observations leave no residual degrees of freedom for {p} fixed effects."));
        }

        int[] kept = Enumerable.Range(0, full.Columns).Where(c => Array.IndexOf(dropped, c) < 0).ToArray();
        var products = new SubjectCrossProducts(data, kept);
        var deviance = new ProfiledDeviance(products, data.Subjects, data.Random.DiagonalLambda);
        var optimum = ThetaOptimizer.Minimize(deviance, reml);
        double[] theta = optimum.Theta;
        ProfiledDeviance.Solution sol = deviance.Solve(theta);
        double criterion = deviance.Deviance(sol, reml);
        double sigma = Math.Sqrt(sol.Pwrss / (reml ? n - p : n));
        // Satterthwaite's Hessian is kept under Kenward-Roger too: its negative eigenvalues are lmerTest's convergence check.
        var satterthwaite = new Satterthwaite(deviance, theta, sigma, reml);
        IFixedEffectsInference inference = df == DegreesOfFreedomMethod.KenwardRoger ? LmerKenwardRoger.Build(deviance, theta, sigma) : satterthwaite;
        Matrix<double> covariance = inference.BetaCovariance;

        var fixedEffects = new FixedEffect[p];
        for (int k = 0; k < p; k++)
        {
            var l = Vector<double>.Build.Dense(p, i => i == k ? 1 : 0);
            (double variance, double dfK) = inference.Contrast(l);
            double se = Math.Sqrt(variance);
            double t = sol.Beta[k] / se;
            fixedEffects[k] = new FixedEffect(design.ColumnNames[k], sol.Beta[k], se, dfK, t, TwoSidedT(t, dfK));
        }

        var tests = new List<TermFTest>();
        int r = full.FullNames.Count;
        double[] xtFull = new double[p * r];
        for (int a = 0; a < p; a++)
        {
            Array.Copy(data.XtFull, kept[a] * r, xtFull, a * r, r);
        }

        IReadOnlyList<Matrix<double>> contrasts = TypeIIIContrasts.Build(design, products.Xtx, xtFull);
        for (int term = 0; term < contrasts.Count; term++)
        {
            if (contrasts[term].RowCount > 0)
            {
                (double f, int df1, double df2) = inference.FTest(contrasts[term], sol.Beta);
                tests.Add(new TermFTest(design.TermNames[term], df1, df2, f, UpperF(f, df1, df2)));
            }
        }

        // Type I (sequential) tests, lmerTest's anova(fit, type = 1): terms in the design's order.
        var typeI = new List<TermFTest>();
        IReadOnlyList<Matrix<double>> sequential = TypeIContrasts.Build(design, products.Xtx);
        for (int term = 0; term < sequential.Count; term++)
        {
            if (sequential[term].RowCount > 0)
            {
                (double f, int df1, double df2) = inference.FTest(sequential[term], sol.Beta);
                typeI.Add(new TermFTest(design.TermNames[term], df1, df2, f, UpperF(f, df1, df2)));
            }
        }

        var contrastsOfBeta = new FixedEffectsContrasts(inference, new Estimability(data.Xtx, full.Columns, dropped), sol.Beta.ToArray(), full.Columns);
        var marginalMeans = new List<MarginalMean>();
        if (means is not null)
        {
            if (!means.ColumnNames.SequenceEqual(full.ColumnNames))
            {
                throw new ArgumentException("The means grid's columns differ from the model's.", nameof(means));
            }

            for (int row = 0; row < means.Rows; row++)
            {
                ContrastEstimate e = contrastsOfBeta.Estimate(means.X.AsSpan(row * full.Columns, full.Columns).ToArray());
                if (double.IsNaN(e.Estimate))
                {
                    marginalMeans.Add(new MarginalMean(means.Labels[row], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
                    continue;
                }

                double half = StudentT.InvCDF(0, 1, e.DegreesOfFreedom, 0.975) * e.StandardError;
                marginalMeans.Add(new MarginalMean(means.Labels[row], e.Estimate, e.StandardError, e.DegreesOfFreedom, e.Estimate - half, e.Estimate + half));
            }
        }

        double[] lambda = deviance.Lambda(theta);
        string[] names = data.Random.Names();
        var covB = new double[q, q];
        for (int a = 0; a < q; a++)
        {
            for (int b = 0; b < q; b++)
            {
                for (int k = 0; k < q; k++)
                {
                    covB[a, b] += lambda[(a * q) + k] * lambda[(b * q) + k] * sigma * sigma;
                }
            }
        }

        var random = Enumerable.Range(0, q).Select(a => new RandomEffectSd(names[a], covB[a, a], Math.Sqrt(covB[a, a]))).ToArray();
        double? correlation = q == 2 && !data.Random.DiagonalLambda && covB[0, 0] > 0 && covB[1, 1] > 0 ? covB[0, 1] / Math.Sqrt(covB[0, 0] * covB[1, 1]) : null;
        bool singular = Enumerable.Range(0, q).Any(a => lambda[(a * q) + a] < SingularTolerance);
        if (singular)
        {
            warnings.Add("boundary (singular) fit: a random-effect variance is estimated as 0 (or a correlation as ±1); the model is over-specified for these data (lme4's isSingular)");
        }

        if (!optimum.Convergence.Converged)
        {
            warnings.Add("the optimiser did not converge: " + optimum.Convergence.Message);
        }

        if (satterthwaite.NegativeEigenvalues > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the Hessian of the deviance in the variance parameters has {satterthwaite.NegativeEigenvalues} negative eigenvalue(s): the model may not have converged (lmerTest)"));
        }

        int parameters = p + deviance.ThetaCount + 1;
        return new MixedModelFit(
            reml, n, data.Subjects, fixedEffects, covariance.ToRowMajorArray(), random, correlation, theta, sigma,
            criterion, -criterion / 2, parameters, criterion + (2 * parameters), criterion + (parameters * Math.Log(n)),
            singular, optimum.Convergence, tests, marginalMeans, warnings, notEstimable)
        {
            TypeI = typeI,
            Contrasts = contrastsOfBeta,
            DegreesOfFreedom = df,
        };
    }

    internal static double TwoSidedT(double t, double df) =>
        double.IsFinite(t) && df > 0 ? SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t))) : double.NaN;

    internal static double UpperF(double f, double df1, double df2) =>
        double.IsFinite(f) && df2 > 0 ? SpecialFunctions.BetaRegularized(df2 / 2, df1 / 2, df2 / (df2 + (df1 * f))) : double.NaN;
}
