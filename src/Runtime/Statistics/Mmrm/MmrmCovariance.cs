using System;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>The within-subject covariance of an MMRM over its m visits (R mmrm's <c>us</c>, <c>cs</c>, <c>ar1</c>, <c>toep</c>).</summary>
public enum MmrmCovarianceKind
{
    /// <summary>Unstructured: every variance and covariance free, m(m + 1)/2 parameters.</summary>
    Unstructured,

    /// <summary>Compound symmetry (homogeneous): σ² and one correlation ρ.</summary>
    CompoundSymmetry,

    /// <summary>AR(1) (homogeneous) on the visit positions: σ² ρ^|j − k|.</summary>
    Ar1,

    /// <summary>Toeplitz (homogeneous): σ² and a correlation per lag, m parameters.</summary>
    Toeplitz,
}

/// <summary>
/// Σ(θ) for each structure over unconstrained θ, so any θ gives a positive-definite Σ and the
/// optimiser needs no bounds. The parameterisation does not change the REML optimum, the
/// covariance of β̂ or the Satterthwaite df (they are invariant under reparameterisation).
/// </summary>
/// <remarks>
/// us: Σ = L Lᵀ, θ = (log diag L, then L's lower triangle by rows), the log-Cholesky form of
/// Pinheiro &amp; Bates (1996, Stat Comput 6:289–296). cs: σ² = e^{2θ₁}, ρ = lo + (1 − lo)·logistic(θ₂)
/// with lo = −1/(m − 1), the smallest ρ that keeps Σ positive definite. ar1: ρ = tanh θ₂.
/// toep: the lag correlations come from partial autocorrelations πₖ = tanh θₖ₊₁ by the
/// Durbin-Levinson recursion, which maps (−1, 1)^{m−1} onto every positive-definite Toeplitz
/// correlation matrix (Brockwell &amp; Davis 1991, <i>Time Series: Theory and Methods</i>, §5.2).
/// </remarks>
internal static class MmrmCovariance
{
    public static int Parameters(MmrmCovarianceKind kind, int m) => kind switch
    {
        MmrmCovarianceKind.Unstructured => m * (m + 1) / 2,
        MmrmCovarianceKind.Toeplitz => m,
        _ => 2,
    };

    /// <summary>Σ row-major (m × m).</summary>
    public static double[] Build(MmrmCovarianceKind kind, int m, ReadOnlySpan<double> theta)
    {
        var sigma = new double[m * m];
        if (kind == MmrmCovarianceKind.Unstructured)
        {
            var l = new double[m * m];
            int k = m;
            for (int i = 0; i < m; i++)
            {
                l[(i * m) + i] = Math.Exp(theta[i]);
                for (int j = 0; j < i; j++)
                {
                    l[(i * m) + j] = theta[k++];
                }
            }

            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double s = 0;
                    for (int c = 0; c <= j; c++)
                    {
                        s += l[(i * m) + c] * l[(j * m) + c];
                    }

                    sigma[(i * m) + j] = sigma[(j * m) + i] = s;
                }
            }

            return sigma;
        }

        double variance = Math.Exp(2 * theta[0]);
        double[] lagCorrelation = LagCorrelations(kind, m, theta);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                sigma[(i * m) + j] = variance * lagCorrelation[Math.Abs(i - j)];
            }
        }

        return sigma;
    }

    /// <summary>θ where the fit starts: Σ diagonal with the per-visit (us) or pooled OLS residual variance.</summary>
    public static double[] Start(MmrmCovarianceKind kind, int m, double[] visitVariance, double pooledVariance)
    {
        var theta = new double[Parameters(kind, m)];
        if (kind == MmrmCovarianceKind.Unstructured)
        {
            for (int i = 0; i < m; i++)
            {
                theta[i] = 0.5 * Math.Log(visitVariance[i] > 0 ? visitVariance[i] : pooledVariance);
            }

            return theta;
        }

        theta[0] = 0.5 * Math.Log(pooledVariance);
        if (kind == MmrmCovarianceKind.CompoundSymmetry)
        {
            // ρ = 0: logistic(θ₂) = −lo / (1 − lo) = 1/m.
            theta[1] = -Math.Log(m - 1.0);
        }

        return theta;
    }

    private static double[] LagCorrelations(MmrmCovarianceKind kind, int m, ReadOnlySpan<double> theta)
    {
        var rho = new double[m];
        rho[0] = 1;
        switch (kind)
        {
            case MmrmCovarianceKind.CompoundSymmetry:
                double lo = m > 1 ? -1.0 / (m - 1) : 0;
                double r = lo + ((1 - lo) / (1 + Math.Exp(-theta[1])));
                for (int k = 1; k < m; k++)
                {
                    rho[k] = r;
                }

                break;
            case MmrmCovarianceKind.Ar1:
                double a = Math.Tanh(theta[1]);
                for (int k = 1; k < m; k++)
                {
                    rho[k] = rho[k - 1] * a;
                }

                break;
            default:
                // Durbin-Levinson: φₖ,ₖ = πₖ, φₖ,ⱼ = φₖ₋₁,ⱼ − πₖ φₖ₋₁,ₖ₋ⱼ; ρₖ = Σⱼ φₖ,ⱼ ρₖ₋ⱼ.
                var phi = new double[m];
                var previous = new double[m];
                for (int k = 1; k < m; k++)
                {
                    double pk = Math.Tanh(theta[k]);
                    Array.Copy(phi, previous, m);
                    for (int j = 1; j < k; j++)
                    {
                        phi[j] = previous[j] - (pk * previous[k - j]);
                    }

                    phi[k] = pk;
                    double s = 0;
                    for (int j = 1; j <= k; j++)
                    {
                        s += phi[j] * rho[k - j];
                    }

                    rho[k] = s;
                }

                break;
        }

        return rho;
    }
}
