using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>Mixed models for repeated measures fitted by REML as R's <c>mmrm</c> package, with Satterthwaite df.</summary>
public static class MmrmModel
{
    /// <summary>
    /// Fits y = Xβ + e with e ~ N(0, Σᵢ) per subject, Σᵢ the visits' block of the structured Σ,
    /// by REML (<see cref="MmrmCriterion"/>, minimised by <see cref="MmrmOptimizer"/> from a diagonal Σ
    /// of OLS residual variances). β̂ is the GLS estimate at Σ̂ and Cov(β̂) = (Xᵀ V̂⁻¹ X)⁻¹;
    /// t-tests and every ℓ'β use Satterthwaite df with A = 2 H⁻¹, H the numeric Hessian of −2 l_R
    /// in θ (mmrm's <c>method = "Satterthwaite"</c>; Christensen 2017, mmrm vignette "Satterthwaite").
    /// A rank-deficient X loses its aliased columns first, as lme4 and mmrm do.
    /// R: <c>mmrm::mmrm(y ~ arm * visit + base + us(visit | id), reml = TRUE)</c>; checked against
    /// <c>nlme::gls</c> with the matching correlation (tests/Reference/r/mmrm.R).
    /// </summary>
    /// <param name="df">Satterthwaite, or Kenward-Roger as mmrm's <c>method = "Kenward-Roger"</c>
    /// (<see cref="MmrmKenwardRoger"/>: Φ_A for every SE and <c>vcov</c>, KR df).</param>
    /// <exception cref="ArgumentException">Rows do not match, a subject repeats a visit
    /// (<see cref="MmrmDuplicateVisitException"/>), or no residual df are left.</exception>
    public static MmrmFit Fit(MmrmInput input, MmrmCovarianceKind structure, DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Satterthwaite) =>
        Fit(input, structure, df, linearKenwardRoger: false);

    /// <param name="linearKenwardRoger">Kenward-Roger without its second-derivative term (mmrm's <c>"Kenward-Roger-Linear"</c>).</param>
    internal static MmrmFit Fit(MmrmInput input, MmrmCovarianceKind structure, DegreesOfFreedomMethod df, bool linearKenwardRoger)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        FixedEffectsDesign full = input.Fixed, design = full;
        int n = input.Response.Length;
        int[] dropped = FixedEffectsRank.Dropped(design);
        var warnings = new List<string>();
        string[] notEstimable = dropped.Select(c => design.ColumnNames[c]).ToArray();
        if (dropped.Length > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"fixed-effect model matrix is rank deficient so dropping {dropped.Length} column{(dropped.Length == 1 ? "" : "s")} (not estimable: {string.Join(", ", notEstimable)})"));
            design = design.WithoutColumns(dropped);
        }

        int p = design.Columns, m = input.VisitNames.Count;
        int k = MmrmCovariance.Parameters(structure, m);
        if (n - p < k)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{n} observations leave {n - p} residual degrees of freedom for {k} covariance parameters."));
        }

        var criterion = new MmrmCriterion(input, design.X, p, structure);
        (double[] visitVariance, double pooled) = ResidualVariances(input, design);
        (double[] theta, MmrmConvergence convergence) = MmrmOptimizer.Minimize(criterion, MmrmCovariance.Start(structure, m, visitVariance, pooled));
        MmrmCriterion.Solution solution = criterion.Solve(theta)
            ?? throw new ArgumentException("The REML fit ended where Σ is not positive definite.");

        var satterthwaite = new Satterthwaite(
            criterion.Value,
            t => Matrix<double>.Build.DenseOfRowMajor(p, p, criterion.Solve(t)?.Covariance ?? Enumerable.Repeat(double.NaN, p * p).ToArray()),
            theta);
        IFixedEffectsInference inference = df == DegreesOfFreedomMethod.KenwardRoger
            ? MmrmKenwardRoger.Build(criterion, structure, m, solution, p, linearKenwardRoger)
            : satterthwaite;
        var fixedEffects = new FixedEffect[p];
        for (int c = 0; c < p; c++)
        {
            var l = Vector<double>.Build.Dense(p, i => i == c ? 1 : 0);
            (double variance, double dfC) = inference.Contrast(l);
            double se = Math.Sqrt(variance), t = solution.Beta[c] / se;
            fixedEffects[c] = new FixedEffect(design.ColumnNames[c], solution.Beta[c], se, dfC, t, LinearMixedModel.TwoSidedT(t, dfC));
        }

        if (!convergence.Converged)
        {
            warnings.Add("the optimiser did not converge: " + convergence.Message);
        }

        if (satterthwaite.NegativeEigenvalues > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"the Hessian of −2 l_R in the covariance parameters has {satterthwaite.NegativeEigenvalues} negative eigenvalue(s): the fit may not be at a minimum"));
        }

        // Type III F tests: SAS's type 3 hypotheses (the contrasts lmerTest builds, TypeIIIContrasts), each on the
        // multi-df Satterthwaite (or Kenward-Roger) approximation of the same inference as the coefficients.
        var beta = Vector<double>.Build.Dense(solution.Beta);
        IReadOnlyList<Matrix<double>> contrasts = TypeIIIContrasts.Build(design);
        var typeIII = new List<TermFTest>();
        for (int term = 0; term < contrasts.Count; term++)
        {
            if (contrasts[term].RowCount > 0)
            {
                (double f, int df1, double df2) = inference.FTest(contrasts[term], beta);
                typeIII.Add(new TermFTest(design.TermNames[term], df1, df2, f, LinearMixedModel.UpperF(f, df1, df2)));
            }
        }

        return new MmrmFit(structure, input, fixedEffects, inference.BetaCovariance.ToRowMajorArray(), solution.Sigma, theta, solution.Criterion,
            convergence, warnings, notEstimable, inference, satterthwaite.NegativeEigenvalues, new Estimability(full, dropped), full.Columns)
        {
            DegreesOfFreedom = df,
            TypeIII = typeIII,
        };
    }

    /// <summary>OLS residual variance per visit and pooled: the diagonal Σ the optimiser starts from.</summary>
    private static (double[] PerVisit, double Pooled) ResidualVariances(MmrmInput input, FixedEffectsDesign design)
    {
        int n = input.Response.Length, p = design.Columns, m = input.VisitNames.Count;
        var x = Matrix<double>.Build.DenseOfRowMajor(n, p, design.X);
        var y = Vector<double>.Build.Dense(input.Response);
        Vector<double> residual = y - (x * x.QR().Solve(y));
        var sum = new double[m];
        var count = new int[m];
        for (int r = 0; r < n; r++)
        {
            sum[input.Visit[r]] += residual[r] * residual[r];
            count[input.Visit[r]]++;
        }

        double pooled = residual.DotProduct(residual) / Math.Max(1, n - p);
        pooled = pooled > 0 ? pooled : 1;
        return (sum.Select((s, v) => count[v] > 0 ? s / count[v] : pooled).ToArray(), pooled);
    }
}
