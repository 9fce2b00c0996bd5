using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Satterthwaite's approximate denominator degrees of freedom for contrasts of β, as lmerTest
/// (Kuznetsova, Brockhoff &amp; Christensen 2017, "lmerTest Package: Tests in Linear Mixed
/// Effects Models", J Stat Softw 82(13), section 3.2).
/// </summary>
/// <remarks>
/// The variance parameters are φ = (θ, σ). A = 2 H⁻¹, H the Hessian of the (restricted)
/// deviance in φ (not profiled), is their asymptotic covariance; Jₖ = ∂ Cov(β̂)/∂φₖ. For one
/// contrast l, df = 2 (lᵀ C l)² / (gᵀ A g) with gₖ = lᵀ Jₖ l. For a q-row L (Fai &amp; Cornelius
/// 1996, J Stat Comput Simul 54:363–378), L C Lᵀ = P D Pᵀ gives q independent t-statistics
/// with dfs νₘ; F = Σ tₘ² / q and, with E = Σ νₘ / (νₘ − 2), the denominator df is
/// 2E / (E − q) (2 if any νₘ ≤ 2; the common value if all are equal to 1e-8).
/// H and Jₖ are numeric, by numDeriv's Richardson method with lmerTest's settings; H⁻¹ is the
/// Moore-Penrose inverse over eigenvalues above 1e-8, as lmerTest.
/// R: <c>lmerTest::lmer</c>, <c>summary(fit)</c> and <c>contest(fit, L)</c>.
/// </remarks>
internal sealed class Satterthwaite : IFixedEffectsInference
{
    private const double EigenTolerance = 1e-8;
    private readonly Matrix<double> _covariance;
    private readonly Matrix<double>[] _jacobian;
    private readonly Matrix<double> _a;

    public Satterthwaite(ProfiledDeviance deviance, double[] theta, double sigma, bool reml)
        : this(
            v => deviance.Deviance(v.AsSpan(0, v.Length - 1), v[^1], reml),
            v => Covariance(deviance, v.AsSpan(0, v.Length - 1).ToArray(), v[^1]),
            theta.Append(sigma).ToArray())
    {
    }

    /// <summary>
    /// The same approximation for any model whose variance parameters φ give Cov(β̂): the MMRM
    /// uses it with its REML criterion (−2 l_R) and (Xᵀ V⁻¹ X)⁻¹.
    /// </summary>
    internal Satterthwaite(Func<double[], double> criterion, Func<double[], Matrix<double>> covariance, double[] phi)
    {
        double[,] h = NumericDerivatives.Hessian(criterion, phi);
        var hessian = Matrix<double>.Build.DenseOfArray(h);
        var eigen = hessian.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var inverse = Matrix<double>.Build.Dense(phi.Length, phi.Length);
        NegativeEigenvalues = 0;
        for (int k = 0; k < phi.Length; k++)
        {
            double value = eigen.EigenValues[k].Real;
            if (value < -EigenTolerance)
            {
                NegativeEigenvalues++;
            }

            if (value > EigenTolerance)
            {
                Vector<double> v = eigen.EigenVectors.Column(k);
                inverse += v.OuterProduct(v) / value;
            }
        }

        _a = 2 * inverse;
        _covariance = covariance(phi);
        int p = _covariance.RowCount;
        double[][] jac = NumericDerivatives.Jacobian(v => covariance(v).ToRowMajorArray(), phi);
        _jacobian = jac.Select(j => Matrix<double>.Build.Dense(p, p, (r, c) => j[(r * p) + c])).ToArray();
    }

    /// <summary>Eigenvalues of H below −1e-8: the fit is not at a minimum in the variance parameters.</summary>
    public int NegativeEigenvalues { get; }

    public Matrix<double> BetaCovariance => _covariance;

    /// <summary>Variance lᵀ C l and Satterthwaite df of one contrast.</summary>
    public (double Variance, double Df) Contrast(Vector<double> l)
    {
        double variance = l.DotProduct(_covariance * l);
        var g = Vector<double>.Build.Dense(_jacobian.Length, k => l.DotProduct(_jacobian[k] * l));
        return (variance, 2 * variance * variance / g.DotProduct(_a * g));
    }

    /// <summary>The F test of L β = 0 for a full-row-rank L (lmerTest's <c>contestMD</c>).</summary>
    public (double F, int NumDf, double DenDf) FTest(Matrix<double> l, Vector<double> beta)
    {
        int q = l.RowCount;
        if (q == 1)
        {
            (double variance, double df) = Contrast(l.Row(0));
            double est = l.Row(0).DotProduct(beta);
            return (est * est / variance, 1, df);
        }

        Matrix<double> vl = l * _covariance * l.Transpose();
        var evd = vl.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        Matrix<double> ptl = evd.EigenVectors.Transpose() * l;
        double f = 0;
        var nu = new double[q];
        for (int m = 0; m < q; m++)
        {
            double d = evd.EigenValues[m].Real;
            double est = ptl.Row(m).DotProduct(beta);
            f += est * est / d;
            var g = Vector<double>.Build.Dense(_jacobian.Length, k => ptl.Row(m).DotProduct(_jacobian[k] * ptl.Row(m)));
            nu[m] = 2 * d * d / g.DotProduct(_a * g);
        }

        return (f / q, q, DenominatorDf(nu));
    }

    /// <summary>lmerTest's <c>get_Fstat_ddf</c>.</summary>
    private static double DenominatorDf(double[] nu)
    {
        bool allEqual = true;
        for (int m = 1; m < nu.Length; m++)
        {
            allEqual &= Math.Abs(nu[m] - nu[m - 1]) < 1e-8;
        }

        if (allEqual)
        {
            return nu.Average();
        }

        if (nu.Any(v => v <= 2))
        {
            return 2;
        }

        double e = nu.Sum(v => v / (v - 2));
        return 2 * e / (e - nu.Length);
    }

    private static Matrix<double> Covariance(ProfiledDeviance deviance, double[] theta, double sigma) =>
        sigma * sigma * deviance.Solve(theta).RxtRx.Inverse();
}
