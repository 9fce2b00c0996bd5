using System;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The profiled (restricted) deviance of a linear mixed model with one grouping factor, from
/// per-subject sufficient statistics: Zᵢᵀ Zᵢ, Zᵢᵀ Xᵢ, Zᵢᵀ yᵢ per subject and Xᵀ X, Xᵀ y, yᵀ y
/// overall (<see cref="SubjectCrossProducts"/>). Built once in O(n·(p + q)²); each evaluation
/// costs O(K·q²·p² + p³) for K classes of subjects with the same Zᵢᵀ Zᵢ (K = 1 for a balanced
/// design), and O(q·p²) per subject left out of a class.
/// </summary>
/// <remarks>
/// Model: y = Xβ + Zb + e, b ~ N(0, σ² Λ Λᵀ) block-diagonal by subject, e ~ N(0, σ² I); Λ is
/// lower triangular, its entries θ column-wise (lme4's order: Λ₁₁, Λ₂₁, Λ₂₂), or diagonal for
/// uncorrelated terms of the subject (θ = Λ₁₁, Λ₂₂; <see cref="RelativeCovarianceFactor"/>). Nothing
/// below depends on Λ's shape: Lᵢ, M and the sums are formed from the full q × q Λ either way.
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
    private readonly SubjectCrossProducts _products;
    private readonly Matrix<double> _xtx;
    private readonly Vector<double> _xty;

    /// <summary>The deviance from the rows: y, X (row-major n × p) and Z (n × q).</summary>
    /// <param name="diagonal">Λ diagonal (uncorrelated random effects) rather than lower triangular.</param>
    public ProfiledDeviance(double[] y, double[] x, int p, double[] z, int q, int[] subject, int subjects, bool diagonal = false)
        : this(new SubjectCrossProducts(y, x, p, z, q, subject, subjects), subjects, diagonal)
    {
    }

    /// <param name="products">The sums the deviance is built from (a pass over rows, or a data engine's).</param>
    /// <param name="subjects">The number of subjects.</param>
    /// <param name="diagonal">Λ diagonal (uncorrelated random effects) rather than lower triangular.</param>
    public ProfiledDeviance(SubjectCrossProducts products, int subjects, bool diagonal = false)
    {
        ArgumentNullException.ThrowIfNull(products);
        int p = products.P;
        Factor = new RelativeCovarianceFactor(products.Q, diagonal);
        _products = products;
        N = products.N;
        P = p;
        Q = products.Q;
        Subjects = subjects;
        _xtx = Matrix<double>.Build.Dense(p, p, (i, j) => _products.Xtx[(i * p) + j]);
        _xty = Vector<double>.Build.Dense(_products.Xty);
    }

    public int N { get; }

    /// <summary>The per-subject sufficient statistics the deviance is built from (Kenward-Roger reuses them).</summary>
    internal SubjectCrossProducts Products => _products;

    public int P { get; }

    public int Q { get; }

    public int Subjects { get; }

    /// <summary>Λ's shape: where θ's entries go.</summary>
    public RelativeCovarianceFactor Factor { get; }

    /// <summary>Number of θ parameters: q(q + 1)/2, or q for a diagonal Λ.</summary>
    public int ThetaCount => Factor.ThetaCount;

    /// <summary>Λ from θ, row-major q × q (filled column-wise).</summary>
    public double[] Lambda(ReadOnlySpan<double> theta) => Factor.Lambda(theta);

    /// <summary>The penalised least-squares solution at θ.</summary>
    public Solution Solve(ReadOnlySpan<double> theta)
    {
        int q = Q, p = P;
        double[] lambda = Lambda(theta);
        var s = new double[p * p];
        var cb = new double[p];
        double cu2 = 0, logDetL = 0;
        var a = new double[q * q];
        var m = new double[q * q];
        var w = new double[q * p];
        var wy = new double[q];
        foreach (SubjectClass k in _products.Classes)
        {
            logDetL += k.Count * Weight(lambda, k.Ztz, q, a, m);
            if (k.IsPooled)
            {
                double[] g = k.G!, h = k.H!, yy = k.Yy!;
                for (int ab = 0; ab < q * q; ab++)
                {
                    double mab = m[ab];
                    if (mab == 0)
                    {
                        continue;
                    }

                    cu2 += mab * yy[ab];
                    int gRow = ab * p * p, hRow = ab * p;
                    for (int c1 = 0; c1 < p; c1++)
                    {
                        cb[c1] += mab * h[hRow + c1];
                        for (int c2 = c1; c2 < p; c2++)
                        {
                            s[(c1 * p) + c2] += mab * g[gRow + (c1 * p) + c2];
                        }
                    }
                }

                continue;
            }

            // One subject: W = M Zᵢᵀ Xᵢ, then (Zᵢᵀ Xᵢ)ᵀ W, (Zᵢᵀ Xᵢ)ᵀ M Zᵢᵀ yᵢ and yᵢᵀ Zᵢ M Zᵢᵀ yᵢ.
            double[] ztx = k.Ztx!, zty = k.Zty!;
            Array.Clear(w);
            Array.Clear(wy);
            for (int r = 0; r < q; r++)
            {
                for (int u = 0; u < q; u++)
                {
                    double mru = m[(r * q) + u];
                    wy[r] += mru * zty[u];
                    for (int c = 0; c < p; c++)
                    {
                        w[(r * p) + c] += mru * ztx[(u * p) + c];
                    }
                }
            }

            for (int r = 0; r < q; r++)
            {
                cu2 += zty[r] * wy[r];
                for (int c1 = 0; c1 < p; c1++)
                {
                    double v1 = ztx[(r * p) + c1];
                    cb[c1] += v1 * wy[r];
                    if (v1 == 0)
                    {
                        continue;
                    }

                    for (int c2 = c1; c2 < p; c2++)
                    {
                        s[(c1 * p) + c2] += v1 * w[(r * p) + c2];
                    }
                }
            }
        }

        Matrix<double> rxtrx = _xtx - Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? s[(i * p) + j] : s[(j * p) + i]);
        Vector<double> rhs = _xty - Vector<double>.Build.Dense(cb);
        var cholesky = rxtrx.Cholesky();
        Vector<double> beta = cholesky.Solve(rhs);
        double pwrss = _products.Yty - cu2 - rhs.DotProduct(beta);
        return new Solution(beta, rxtrx, cholesky.DeterminantLn, logDetL, Math.Max(pwrss, 0));
    }

    /// <summary>
    /// For a subject with Zᵢᵀ Zᵢ = <paramref name="ztz"/>: Lᵢ Lᵢᵀ = Λᵀ Zᵢᵀ Zᵢ Λ + I in
    /// <paramref name="a"/> and M = Λ (Lᵢ Lᵢᵀ)⁻¹ Λᵀ in <paramref name="m"/>; returns log|Lᵢ|².
    /// </summary>
    private static double Weight(double[] lambda, double[] ztz, int q, double[] a, double[] m)
    {
        for (int r = 0; r < q; r++)
        {
            for (int c = 0; c < q; c++)
            {
                double sum = r == c ? 1.0 : 0.0;
                for (int u = 0; u < q; u++)
                {
                    for (int v = 0; v < q; v++)
                    {
                        sum += lambda[(u * q) + r] * ztz[(u * q) + v] * lambda[(v * q) + c];
                    }
                }

                a[(r * q) + c] = sum;
            }
        }

        Cholesky(a, q);
        double logDet = 0;
        for (int r = 0; r < q; r++)
        {
            logDet += 2 * Math.Log(a[(r * q) + r]);
        }

        // M = (Lᵢ⁻¹ Λᵀ)ᵀ (Lᵢ⁻¹ Λᵀ): solve Lᵢ B = Λᵀ column by column.
        Span<double> b = stackalloc double[q * q];
        for (int r = 0; r < q; r++)
        {
            for (int c = 0; c < q; c++)
            {
                b[(r * q) + c] = lambda[(c * q) + r];
            }
        }

        for (int r = 0; r < q; r++)
        {
            for (int c = 0; c < q; c++)
            {
                double v = b[(r * q) + c];
                for (int k = 0; k < r; k++)
                {
                    v -= a[(r * q) + k] * b[(k * q) + c];
                }

                b[(r * q) + c] = v / a[(r * q) + r];
            }
        }

        for (int r = 0; r < q; r++)
        {
            for (int c = 0; c < q; c++)
            {
                double sum = 0;
                for (int k = 0; k < q; k++)
                {
                    sum += b[(k * q) + r] * b[(k * q) + c];
                }

                m[(r * q) + c] = sum;
            }
        }

        return logDet;
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

    /// <param name="RxtRx">R_Xᵀ R_X; σ² times its inverse is the covariance of β̂.</param>
    /// <param name="LogDetRxtRx">log|R_X|².</param>
    /// <param name="LogDetL">log|L|², summed over subjects.</param>
    /// <param name="Pwrss">The penalised residual sum of squares r².</param>
    internal sealed record Solution(Vector<double> Beta, Matrix<double> RxtRx, double LogDetRxtRx, double LogDetL, double Pwrss);
}
