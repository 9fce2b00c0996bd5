using System;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The profiled (restricted) deviance of a linear mixed model with one grouping factor, from
/// per-subject sufficient statistics: Zᵢᵀ Zᵢ, Zᵢᵀ Xᵢ, Zᵢᵀ yᵢ per subject and Xᵀ X, Xᵀ y, yᵀ y
/// overall. Built once in O(n·(p + q)²); each evaluation costs O(m·q·p²) for m subjects.
/// </summary>
/// <remarks>
/// Model: y = Xβ + Zb + e, b ~ N(0, σ² Λ Λᵀ) block-diagonal by subject, e ~ N(0, σ² I); Λ is
/// lower triangular, its entries θ column-wise (lme4's order: Λ₁₁, Λ₂₁, Λ₂₂).
/// For subject i, Lᵢ Lᵢᵀ = Λᵀ Zᵢᵀ Zᵢ Λ + I, R_ZXᵢ = Lᵢ⁻¹ Λᵀ Zᵢᵀ Xᵢ, c_uᵢ = Lᵢ⁻¹ Λᵀ Zᵢᵀ yᵢ;
/// R_Xᵀ R_X = Xᵀ X − Σ R_ZXᵢᵀ R_ZXᵢ and β̂ solves R_Xᵀ R_X β = Xᵀ y − Σ R_ZXᵢᵀ c_uᵢ; the
/// penalised residual sum of squares is r² = yᵀ y − Σ ‖c_uᵢ‖² − (Xᵀ y − Σ R_ZXᵢᵀ c_uᵢ)ᵀ β̂.
/// ML deviance: log|L|² + n (1 + log(2π r² / n)); REML criterion:
/// log|L|² + log|R_X|² + (n − p)(1 + log(2π r² / (n − p))).
/// Bates, Mächler, Bolker &amp; Walker (2015), "Fitting Linear Mixed-Effects Models Using lme4",
/// J Stat Softw 67(1), eqs. 34, 41 and 42 (the blocked Cholesky factor of section 3.6 with one
/// grouping factor, where L is block-diagonal). R: <c>lme4::lmer</c>'s <c>devfun</c>.
/// </remarks>
internal sealed class ProfiledDeviance
{
    private readonly double[] _ztz;
    private readonly double[] _ztx;
    private readonly double[] _zty;
    private readonly Matrix<double> _xtx;
    private readonly Vector<double> _xty;
    private readonly double _yty;

    public ProfiledDeviance(double[] y, double[] x, int p, double[] z, int q, int[] subject, int subjects)
    {
        N = y.Length;
        P = p;
        Q = q;
        Subjects = subjects;
        _ztz = new double[subjects * q * q];
        _ztx = new double[subjects * q * p];
        _zty = new double[subjects * q];
        var xtx = new double[p * p];
        var xty = new double[p];
        for (int r = 0; r < N; r++)
        {
            int s = subject[r];
            int xr = r * p, zr = r * q;
            for (int a = 0; a < q; a++)
            {
                double za = z[zr + a];
                for (int b = 0; b < q; b++)
                {
                    _ztz[(s * q * q) + (a * q) + b] += za * z[zr + b];
                }

                for (int c = 0; c < p; c++)
                {
                    _ztx[(s * q * p) + (a * p) + c] += za * x[xr + c];
                }

                _zty[(s * q) + a] += za * y[r];
            }

            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    xtx[(a * p) + b] += x[xr + a] * x[xr + b];
                }

                xty[a] += x[xr + a] * y[r];
            }

            _yty += y[r] * y[r];
        }

        _xtx = Matrix<double>.Build.Dense(p, p, (i, j) => xtx[(i * p) + j]);
        _xty = Vector<double>.Build.Dense(xty);
    }

    public int N { get; }

    public int P { get; }

    public int Q { get; }

    public int Subjects { get; }

    /// <summary>Number of θ parameters: q(q + 1)/2.</summary>
    public int ThetaCount => Q * (Q + 1) / 2;

    /// <summary>Λ from θ, row-major q × q (lower triangular, filled column-wise).</summary>
    public double[] Lambda(ReadOnlySpan<double> theta)
    {
        var lambda = new double[Q * Q];
        int k = 0;
        for (int col = 0; col < Q; col++)
        {
            for (int row = col; row < Q; row++)
            {
                lambda[(row * Q) + col] = theta[k++];
            }
        }

        return lambda;
    }

    /// <summary>The penalised least-squares solution at θ.</summary>
    public Solution Solve(ReadOnlySpan<double> theta)
    {
        int q = Q, p = P;
        double[] lambda = Lambda(theta);
        var s = new double[p * p];
        var cb = new double[p];
        double cu2 = 0, logDetL = 0;
        var a = new double[q * q];
        var rzx = new double[q * p];
        var cu = new double[q];
        for (int i = 0; i < Subjects; i++)
        {
            // a = Λᵀ ZᵢᵀZᵢ Λ + I, then its Cholesky factor in place.
            for (int r = 0; r < q; r++)
            {
                for (int c = 0; c < q; c++)
                {
                    double sum = r == c ? 1.0 : 0.0;
                    for (int u = 0; u < q; u++)
                    {
                        for (int v = 0; v < q; v++)
                        {
                            sum += lambda[(u * q) + r] * _ztz[(i * q * q) + (u * q) + v] * lambda[(v * q) + c];
                        }
                    }

                    a[(r * q) + c] = sum;
                }
            }

            Cholesky(a, q);
            for (int r = 0; r < q; r++)
            {
                logDetL += 2 * Math.Log(a[(r * q) + r]);
                for (int c = 0; c < p; c++)
                {
                    double sum = 0;
                    for (int u = 0; u < q; u++)
                    {
                        sum += lambda[(u * q) + r] * _ztx[(i * q * p) + (u * p) + c];
                    }

                    rzx[(r * p) + c] = sum;
                }

                double cy = 0;
                for (int u = 0; u < q; u++)
                {
                    cy += lambda[(u * q) + r] * _zty[(i * q) + u];
                }

                cu[r] = cy;
            }

            ForwardSolve(a, q, rzx, p);
            ForwardSolve(a, q, cu, 1);
            for (int r = 0; r < q; r++)
            {
                cu2 += cu[r] * cu[r];
                for (int c1 = 0; c1 < p; c1++)
                {
                    double v1 = rzx[(r * p) + c1];
                    cb[c1] += v1 * cu[r];
                    for (int c2 = 0; c2 < p; c2++)
                    {
                        s[(c1 * p) + c2] += v1 * rzx[(r * p) + c2];
                    }
                }
            }
        }

        Matrix<double> rxtrx = _xtx - Matrix<double>.Build.Dense(p, p, (i, j) => s[(i * p) + j]);
        Vector<double> rhs = _xty - Vector<double>.Build.Dense(cb);
        var cholesky = rxtrx.Cholesky();
        Vector<double> beta = cholesky.Solve(rhs);
        double pwrss = _yty - cu2 - rhs.DotProduct(beta);
        return new Solution(beta, rxtrx, cholesky.DeterminantLn, logDetL, Math.Max(pwrss, 0));
    }

    /// <summary>The REML criterion or the ML deviance at θ (σ profiled out).</summary>
    public double Deviance(ReadOnlySpan<double> theta, bool reml) => Deviance(Solve(theta), reml);

    public double Deviance(Solution sol, bool reml)
    {
        double dof = reml ? N - P : N;
        double value = sol.LogDetL + (dof * (1 + Math.Log(2 * Math.PI * sol.Pwrss / dof)));
        return reml ? value + sol.LogDetRxtRx : value;
    }

    /// <summary>
    /// The deviance at θ and σ, not profiled: lmerTest's <c>devfun_vp</c>,
    /// log|L|² + r²/σ² + n log(2πσ²), plus log|R_X|² − p log(2πσ²) for REML.
    /// </summary>
    public double Deviance(ReadOnlySpan<double> theta, double sigma, bool reml)
    {
        Solution sol = Solve(theta);
        double sigma2 = sigma * sigma;
        double value = sol.LogDetL + (sol.Pwrss / sigma2) + (N * Math.Log(2 * Math.PI * sigma2));
        return reml ? value + sol.LogDetRxtRx - (P * Math.Log(2 * Math.PI * sigma2)) : value;
    }

    private static void Cholesky(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[(j * n) + j];
            for (int k = 0; k < j; k++)
            {
                d -= a[(j * n) + k] * a[(j * n) + k];
            }

            d = Math.Sqrt(d);
            a[(j * n) + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double v = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    v -= a[(i * n) + k] * a[(j * n) + k];
                }

                a[(i * n) + j] = v / d;
                a[(j * n) + i] = 0;
            }
        }
    }

    /// <summary>Solves L B = B in place for lower-triangular L (n × n) and B (n × columns), row-major.</summary>
    private static void ForwardSolve(double[] l, int n, double[] b, int columns)
    {
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = b[(r * columns) + c];
                for (int k = 0; k < r; k++)
                {
                    v -= l[(r * n) + k] * b[(k * columns) + c];
                }

                b[(r * columns) + c] = v / l[(r * n) + r];
            }
        }
    }

    /// <param name="RxtRx">R_Xᵀ R_X; σ² times its inverse is the covariance of β̂.</param>
    /// <param name="LogDetRxtRx">log|R_X|².</param>
    /// <param name="LogDetL">log|L|², summed over subjects.</param>
    /// <param name="Pwrss">The penalised residual sum of squares r².</param>
    internal sealed record Solution(Vector<double> Beta, Matrix<double> RxtRx, double LogDetRxtRx, double LogDetL, double Pwrss);
}
