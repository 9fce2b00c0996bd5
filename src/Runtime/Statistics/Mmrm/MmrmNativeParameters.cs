using System;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>
/// Σ in the R mmrm package's own covariance parameters, with its first and second derivatives there (analytic).
/// Kenward-Roger's R term (second derivatives of Σ) depends on the parameterisation, so to match mmrm's
/// <c>method = "Kenward-Roger"</c> the adjustment is computed in mmrm's parameters, whichever ones the optimiser used
/// (<see cref="MmrmCovariance"/>); the REML optimum and Σ̂ are the same.
/// </summary>
/// <remarks>
/// mmrm vignettes "Details of the model fitting" and "Covariance structures" (mmrm 0.3):
/// us: Σ = L Lᵀ, L = D L̃, D = diag(e^{φ₁} … e^{φₘ}), L̃ unit lower triangular with φₘ₊₁ … its entries by rows.
/// The homogeneous structures have Σ = e^{2φ₁} C: cs C = (1 − ρ) I + ρ J with ρ = logistic(φ₂)(1 + a) − a,
/// a = 1/(m − 1); ar1 Cⱼₖ = ρ^|j−k| with ρ = f⁻¹(φ₂); toep Cⱼₖ = ρ_|j−k| with ρₗ = f⁻¹(φₗ₊₁);
/// f⁻¹(t) = t/√(1 + t²), the inverse of f(r) = r/√(1 − r²).
/// Derivatives: ∂Σ = ∂L Lᵀ + L ∂Lᵀ and ∂²Σ = ∂²L Lᵀ + L ∂²Lᵀ + ∂ₕL ∂ⱼLᵀ + ∂ⱼL ∂ₕLᵀ (vignette "Kenward-Roger");
/// for e^{2φ₁} C: ∂₁Σ = 2Σ, ∂₁∂₁Σ = 4Σ, ∂₁∂ᵣΣ = 2 e^{2φ₁} ∂ᵣC.
/// </remarks>
internal static class MmrmNativeParameters
{
    /// <summary>mmrm's φ of Σ (row-major m × m).</summary>
    public static double[] FromSigma(MmrmCovarianceKind kind, int m, double[] sigma)
    {
        var s = Matrix<double>.Build.DenseOfRowMajor(m, m, sigma);
        var phi = new double[MmrmCovariance.Parameters(kind, m)];
        if (kind == MmrmCovarianceKind.Unstructured)
        {
            Matrix<double> l = s.Cholesky().Factor;
            int k = m;
            for (int i = 0; i < m; i++)
            {
                phi[i] = Math.Log(l[i, i]);
                for (int j = 0; j < i; j++)
                {
                    phi[k++] = l[i, j] / l[i, i];
                }
            }

            return phi;
        }

        double v = s[0, 0];
        phi[0] = Math.Log(v) / 2;
        double F(double r) => r / Math.Sqrt(1 - (r * r));
        switch (kind)
        {
            case MmrmCovarianceKind.CompoundSymmetry:
                double a = 1.0 / (m - 1), u = ((s[0, 1] / v) + a) / (1 + a);
                phi[1] = Math.Log(u / (1 - u));
                break;
            case MmrmCovarianceKind.Ar1:
                phi[1] = F(s[0, 1] / v);
                break;
            default:
                for (int lag = 1; lag < m; lag++)
                {
                    phi[lag] = F(s[0, lag] / v);
                }

                break;
        }

        return phi;
    }

    /// <summary>Σ (row-major) at mmrm's φ.</summary>
    public static double[] Sigma(MmrmCovarianceKind kind, int m, double[] phi) => Derivatives(kind, m, phi, false).Sigma.ToRowMajorArray();

    /// <summary>Σ, ∂Σ/∂φₕ and ∂²Σ/∂φₕ∂φⱼ (m × m each) at φ; <paramref name="second"/> false leaves the second derivatives null.</summary>
    public static (Matrix<double> Sigma, Matrix<double>[] First, Matrix<double>[,]? Second) Derivatives(MmrmCovarianceKind kind, int m, double[] phi, bool second)
    {
        return kind == MmrmCovarianceKind.Unstructured ? Unstructured(m, phi, second) : Homogeneous(kind, m, phi, second);
    }

    private static (Matrix<double>, Matrix<double>[], Matrix<double>[,]?) Unstructured(int m, double[] phi, bool second)
    {
        var build = Matrix<double>.Build;
        int k = phi.Length;
        Matrix<double> l = build.Dense(m, m);
        var row = new int[k];
        var column = new int[k];
        int index = m;
        for (int i = 0; i < m; i++)
        {
            double d = Math.Exp(phi[i]);
            l[i, i] = d;
            row[i] = i;
            column[i] = i;
            for (int j = 0; j < i; j++)
            {
                l[i, j] = d * phi[index];
                row[index] = i;
                column[index] = j;
                index++;
            }
        }

        // ∂L: a log-sd parameter scales its row of L; an entry of L̃ moves one entry of L by e^{φᵢ}.
        var dl = new Matrix<double>[k];
        for (int h = 0; h < k; h++)
        {
            dl[h] = build.Dense(m, m);
            if (h < m)
            {
                dl[h].SetRow(h, l.Row(h));
            }
            else
            {
                dl[h][row[h], column[h]] = Math.Exp(phi[row[h]]);
            }
        }

        Matrix<double> lt = l.Transpose();
        var first = new Matrix<double>[k];
        for (int h = 0; h < k; h++)
        {
            first[h] = (dl[h] * lt) + (l * dl[h].Transpose());
        }

        if (!second)
        {
            return (l * lt, first, null);
        }

        var d2 = new Matrix<double>[k, k];
        for (int h = 0; h < k; h++)
        {
            for (int j = 0; j < k; j++)
            {
                Matrix<double> cross = (dl[h] * dl[j].Transpose()) + (dl[j] * dl[h].Transpose());
                // ∂²L is nonzero only for a log-sd with itself (its row again) or with an entry of its own row.
                Matrix<double>? d2l = h < m && j == h ? dl[h]
                    : h < m && j >= m && row[j] == h ? dl[j]
                    : j < m && h >= m && row[h] == j ? dl[h]
                    : null;
                d2[h, j] = d2l is null ? cross : cross + (d2l * lt) + (l * d2l.Transpose());
            }
        }

        return (l * lt, first, d2);
    }

    private static (Matrix<double>, Matrix<double>[], Matrix<double>[,]?) Homogeneous(MmrmCovarianceKind kind, int m, double[] phi, bool second)
    {
        var build = Matrix<double>.Build;
        int k = phi.Length;
        double v = Math.Exp(2 * phi[0]);

        // The lag correlations and, per correlation parameter r ≥ 1, ∂ρ_lag/∂φᵣ and ∂²ρ_lag/∂φᵣ² (the only second derivatives).
        var rho = new double[m];
        var d1 = new double[k, m];
        var d2 = new double[k, m];
        rho[0] = 1;
        static (double Value, double First, double Second) FInverse(double t)
        {
            double w = 1 + (t * t);
            return (t / Math.Sqrt(w), Math.Pow(w, -1.5), -3 * t * Math.Pow(w, -2.5));
        }

        switch (kind)
        {
            case MmrmCovarianceKind.CompoundSymmetry:
                double a = 1.0 / (m - 1), s = 1 / (1 + Math.Exp(-phi[1]));
                double r1 = (1 + a) * s * (1 - s);
                for (int lag = 1; lag < m; lag++)
                {
                    rho[lag] = (s * (1 + a)) - a;
                    d1[1, lag] = r1;
                    d2[1, lag] = r1 * (1 - (2 * s));
                }

                break;
            case MmrmCovarianceKind.Ar1:
                (double r, double rp, double rpp) = FInverse(phi[1]);
                for (int lag = 1; lag < m; lag++)
                {
                    rho[lag] = Math.Pow(r, lag);
                    d1[1, lag] = lag * Math.Pow(r, lag - 1) * rp;
                    d2[1, lag] = (lag > 1 ? lag * (lag - 1) * Math.Pow(r, lag - 2) * rp * rp : 0) + (lag * Math.Pow(r, lag - 1) * rpp);
                }

                break;
            default:
                for (int lag = 1; lag < m; lag++)
                {
                    (rho[lag], d1[lag, lag], d2[lag, lag]) = FInverse(phi[lag]);
                }

                break;
        }

        Matrix<double> Lagged(Func<int, double> ofLag) => build.Dense(m, m, (i, j) => ofLag(Math.Abs(i - j)));
        Matrix<double> sigma = v * Lagged(lag => rho[lag]);
        var first = new Matrix<double>[k];
        first[0] = 2 * sigma;
        for (int r = 1; r < k; r++)
        {
            int rr = r;
            first[r] = v * Lagged(lag => d1[rr, lag]);
        }

        if (!second)
        {
            return (sigma, first, null);
        }

        var hessian = new Matrix<double>[k, k];
        for (int h = 0; h < k; h++)
        {
            for (int j = 0; j < k; j++)
            {
                int hh = h;
                hessian[h, j] = h == 0 && j == 0 ? 4 * sigma
                    : h == 0 ? 2 * first[j]
                    : j == 0 ? 2 * first[h]
                    : h == j ? v * Lagged(lag => d2[hh, lag])
                    : build.Dense(m, m);
            }
        }

        return (sigma, first, hessian);
    }
}
