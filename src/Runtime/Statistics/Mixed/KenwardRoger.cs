using System;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Kenward &amp; Roger's (1997) small-sample inference for β̂ = Φ Xᵀ V⁻¹ y: the bias-adjusted covariance Φ_A and,
/// for a contrast L, the scaled F statistic and its denominator df (Kenward &amp; Roger 1997, "Small sample
/// inference for fixed effects from restricted maximum likelihood", Biometrics 53:983–997).
/// </summary>
/// <remarks>
/// Inputs, for covariance parameters σ = (σ₁ … σ_k) of V(σ): Φ = (Xᵀ V⁻¹ X)⁻¹ (p × p), Pₕ = Xᵀ (∂V⁻¹/∂σₕ) X,
/// Qₕⱼ = Xᵀ (∂V⁻¹/∂σₕ) V (∂V⁻¹/∂σⱼ) X, Rₕⱼ = Xᵀ V⁻¹ (∂²V/∂σₕ∂σⱼ) V⁻¹ X (null: omitted, exact for V linear in σ)
/// and W, the covariance of σ̂ (k × k). Then
/// Φ_A = Φ + 2 Φ {Σₕⱼ Wₕⱼ (Qₕⱼ − Pₕ Φ Pⱼ − ¼ Rₕⱼ)} Φ (the paper's eqs. 2–3).
/// For a q-row L of full row rank, with Θ = Lᵀ (L Φ Lᵀ)⁻¹ L: A₁ = Σ Wₕⱼ tr(Θ Φ Pₕ Φ) tr(Θ Φ Pⱼ Φ),
/// A₂ = Σ Wₕⱼ tr(Θ Φ Pₕ Φ Θ Φ Pⱼ Φ), B = (A₁ + 6A₂)/(2q), g = ((q + 1)A₁ − (q + 4)A₂)/((q + 2)A₂),
/// c₁ = g/(3q + 2(1 − g)), c₂ = (q − g)/(3q + 2(1 − g)), c₃ = (q + 2 − g)/(3q + 2(1 − g)),
/// E* = (1 − A₂/q)⁻¹, V* = (2/q)(1 + c₁B)/((1 − c₂B)²(1 − c₃B)), ρ = V*/(2E*²); the df are m = 4 + (q + 2)/(qρ − 1)
/// and the scale λ = m/(E*(m − 2)) (1 where |m − 2| &lt; 0.01, as pbkrtest guards it);
/// F* = λ (Lβ̂)ᵀ (L Φ_A Lᵀ)⁻¹ (Lβ̂) / q ~ F(q, m) (section 4, eqs. 5–7).
/// For q = 1 these reduce to λ = 1 and m = 2 (lᵀ Φ l)² / (aᵀ W a), aₕ = lᵀ Φ Pₕ Φ l (mmrm's "one-dimensional
/// shortcut", vignette "Kenward-Roger"), which <see cref="Contrast"/> uses. The variance of the contrast is lᵀ Φ_A l.
/// O(k² p³) to build, O(k² q p²) per test. R: <c>pbkrtest::vcovAdj</c>, <c>pbkrtest::KRmodcomp</c>, <c>pbkrtest::Lb_ddf</c>.
/// </remarks>
internal sealed class KenwardRoger : IFixedEffectsInference
{
    private readonly Matrix<double> _phi;
    private readonly Matrix<double>[] _p;
    private readonly Matrix<double> _w;

    public KenwardRoger(Matrix<double> phi, Matrix<double>[] p, Matrix<double>[,] q, Matrix<double>[,]? r, Matrix<double> w)
    {
        ArgumentNullException.ThrowIfNull(phi);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(w);
        _phi = phi;
        _p = p;
        _w = w;
        int k = p.Length;
        var u = Matrix<double>.Build.Dense(phi.RowCount, phi.ColumnCount);
        for (int h = 0; h < k; h++)
        {
            Matrix<double> pPhi = p[h] * phi;
            for (int j = 0; j < k; j++)
            {
                Matrix<double> term = q[h, j] - (pPhi * p[j]);
                if (r is not null)
                {
                    term -= 0.25 * r[h, j];
                }

                u += w[h, j] * term;
            }
        }

        Matrix<double> adjusted = phi + (2 * phi * u * phi);
        BetaCovariance = (adjusted + adjusted.Transpose()) / 2; // symmetric up to rounding
    }

    /// <summary>Φ_A, the adjusted covariance of β̂ (pbkrtest's <c>vcovAdj</c>; mmrm's <c>vcov</c> of a KR fit).</summary>
    public Matrix<double> BetaCovariance { get; }

    /// <summary>The unadjusted Φ = (Xᵀ V̂⁻¹ X)⁻¹.</summary>
    public Matrix<double> Unadjusted => _phi;

    /// <summary>lᵀ Φ_A l and the KR df 2 (lᵀ Φ l)² / (aᵀ W a) (pbkrtest's <c>Lb_ddf</c>).</summary>
    public (double Variance, double Df) Contrast(Vector<double> l)
    {
        Vector<double> phiL = _phi * l;
        var a = Vector<double>.Build.Dense(_p.Length, h => phiL.DotProduct(_p[h] * phiL));
        double v = l.DotProduct(phiL);
        return (l.DotProduct(BetaCovariance * l), 2 * v * v / a.DotProduct(_w * a));
    }

    public (double F, int NumDf, double DenDf) FTest(Matrix<double> l, Vector<double> beta)
    {
        Result test = Test(l, beta);
        return (test.F, test.NumDf, test.DenDf);
    }

    /// <summary>The scaled F test of L β = 0 with its scale λ (pbkrtest's <c>KRmodcomp(fit, L)</c>, row "Ftest").</summary>
    public Result Test(Matrix<double> l, Vector<double> beta)
    {
        ArgumentNullException.ThrowIfNull(l);
        int q = l.RowCount, k = _p.Length;
        Vector<double> lb = l * beta;
        double wald = lb.DotProduct((l * BetaCovariance * l.Transpose()).Solve(lb));
        if (q == 1)
        {
            (double variance, double df) = Contrast(l.Row(0));
            return new Result(lb[0] * lb[0] / variance, 1, df, 1);
        }

        Matrix<double> theta = l.Transpose() * (l * _phi * l.Transpose()).Solve(l);
        var m = new Matrix<double>[k];
        var traces = new double[k];
        for (int h = 0; h < k; h++)
        {
            m[h] = theta * _phi * _p[h] * _phi;
            traces[h] = m[h].Trace();
        }

        double a1 = 0, a2 = 0;
        for (int h = 0; h < k; h++)
        {
            for (int j = 0; j < k; j++)
            {
                a1 += _w[h, j] * traces[h] * traces[j];
                a2 += _w[h, j] * TraceOfProduct(m[h], m[j]);
            }
        }

        double b = (a1 + (6 * a2)) / (2 * q);
        double g = (((q + 1) * a1) - ((q + 4) * a2)) / ((q + 2) * a2);
        double d = (3 * q) + (2 * (1 - g));
        double c1 = g / d, c2 = (q - g) / d, c3 = (q + 2 - g) / d;
        double eStar = 1 / (1 - (a2 / q));
        double vStar = 2.0 / q * (1 + (c1 * b)) / ((1 - (c2 * b)) * (1 - (c2 * b)) * (1 - (c3 * b)));
        double rho = vStar / (2 * eStar * eStar);
        double denDf = 4 + ((q + 2) / ((q * rho) - 1));
        double lambda = Math.Abs(denDf - 2) < 1e-2 ? 1 : denDf / (eStar * (denDf - 2));
        return new Result(lambda * wald / q, q, denDf, lambda);
    }

    /// <summary>tr(A B) without forming A B.</summary>
    internal static double TraceOfProduct(Matrix<double> a, Matrix<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.RowCount; i++)
        {
            for (int j = 0; j < a.ColumnCount; j++)
            {
                s += a[i, j] * b[j, i];
            }
        }

        return s;
    }

    /// <param name="Lambda">The F scale λ (pbkrtest's <c>F.scaling</c>).</param>
    internal sealed record Result(double F, int NumDf, double DenDf, double Lambda);
}
