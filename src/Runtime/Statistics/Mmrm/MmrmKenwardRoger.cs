using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>
/// The Kenward-Roger pieces of an MMRM fit as R's mmrm computes them (vignette "Kenward-Roger", mmrm 0.3): in mmrm's
/// covariance parameters φ (<see cref="MmrmNativeParameters"/>), per subject i with Σᵢ Σ̂'s block at its visits,
/// Pₕ = −Σᵢ Xᵢᵀ Σᵢ⁻¹ ∂ₕΣᵢ Σᵢ⁻¹ Xᵢ, Qₕⱼ = Σᵢ Xᵢᵀ Σᵢ⁻¹ ∂ₕΣᵢ Σᵢ⁻¹ ∂ⱼΣᵢ Σᵢ⁻¹ Xᵢ and
/// Rₕⱼ = Σᵢ Xᵢᵀ Σᵢ⁻¹ ∂ₕ∂ⱼΣᵢ Σᵢ⁻¹ Xᵢ; W, the covariance of φ̂, is the inverse observed information 2 H⁻¹, H the
/// Hessian of −2 l_R in φ (numeric, numDeriv's Richardson steps; mmrm differentiates by TMB's automatic
/// differentiation). <c>linear</c> leaves R out: mmrm's <c>vcov = "Kenward-Roger-Linear"</c>, which does not depend
/// on the parameterisation and matches SAS's <c>DDFM=KR(LINEAR)</c>.
/// </summary>
/// <remarks>
/// Subjects sharing a visit pattern share Σᵢ, so each sum is Σ_ab A_ab C[a, b] over the pattern's cross products
/// (<see cref="MmrmCriterion.PatternCrossProducts"/>): O(patterns·k²·mᵢ²·p²) for k covariance parameters.
/// Because W is the observed information, the one-row KR df equal the Satterthwaite df (mmrm's vignette says so);
/// the SEs differ, since they come from Φ_A, and so do the multi-row F tests.
/// </remarks>
internal static class MmrmKenwardRoger
{
    public static KenwardRoger Build(MmrmCriterion criterion, MmrmCovarianceKind kind, int m, MmrmCriterion.Solution solution, int p, bool linear)
    {
        var build = Matrix<double>.Build;
        double[] phi = MmrmNativeParameters.FromSigma(kind, m, solution.Sigma);
        int k = phi.Length;
        double Criterion(double[] f) => criterion.SolveAt(MmrmNativeParameters.Sigma(kind, m, f))?.Criterion ?? double.NaN;
        Matrix<double> w = 2 * build.DenseOfArray(NumericDerivatives.Hessian(Criterion, phi)).Inverse();
        (Matrix<double> sigma, Matrix<double>[] first, Matrix<double>[,]? second) = MmrmNativeParameters.Derivatives(kind, m, phi, !linear);
        var pk = Enumerable.Range(0, k).Select(_ => build.Dense(p, p)).ToArray();
        var qk = new Matrix<double>[k, k];
        Matrix<double>[,]? rk = linear ? null : new Matrix<double>[k, k];
        for (int h = 0; h < k; h++)
        {
            for (int j = 0; j < k; j++)
            {
                qk[h, j] = build.Dense(p, p);
                if (rk is not null)
                {
                    rk[h, j] = build.Dense(p, p);
                }
            }
        }

        foreach ((int[] visits, double[] cross) in criterion.PatternCrossProducts())
        {
            int n = visits.Length;
            Matrix<double> Block(Matrix<double> s) => build.Dense(n, n, (a, b) => s[visits[a], visits[b]]);
            Matrix<double> inverse = Block(sigma).Inverse();
            var d = first.Select(Block).ToArray();
            var sdS = d.Select(x => inverse * x * inverse).ToArray();
            for (int h = 0; h < k; h++)
            {
                pk[h] -= Contract(cross, sdS[h], n, p);
                for (int j = 0; j < k; j++)
                {
                    qk[h, j] += Contract(cross, sdS[h] * d[j] * inverse, n, p);
                    if (rk is not null)
                    {
                        rk[h, j] += Contract(cross, inverse * Block(second![h, j]) * inverse, n, p);
                    }
                }
            }
        }

        return new KenwardRoger(build.DenseOfRowMajor(p, p, solution.Covariance), pk, qk, rk, w);
    }

    /// <summary>Σᵢ Xᵢᵀ A Xᵢ over a pattern's subjects, from its cross products.</summary>
    private static Matrix<double> Contract(double[] cross, Matrix<double> a, int n, int p)
    {
        var result = new double[p * p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double v = a[i, j];
                int offset = ((i * n) + j) * p * p;
                for (int e = 0; e < p * p; e++)
                {
                    result[e] += v * cross[offset + e];
                }
            }
        }

        return Matrix<double>.Build.DenseOfRowMajor(p, p, result);
    }
}
