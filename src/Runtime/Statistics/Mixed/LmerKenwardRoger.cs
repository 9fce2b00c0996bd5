using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The Kenward-Roger pieces of an lmer fit on pbkrtest's variance parameterisation: V = Σₖ sₖ Gₖ with
/// s = (the random-effect covariance D's lower triangle by columns, then σ²), Gₖ = Z (E_ab + E_ba) Zᵀ for D's entry
/// (a, b) (E_aa for a variance) and I for σ²; for uncorrelated terms (a diagonal Λ, so D diagonal) s = (D's diagonal,
/// σ²), one variance per term as pbkrtest counts a term of its own. V is linear in s, so ∂²V = 0 and R is omitted exactly; W is
/// 2 IE2⁻¹ with IE2ₕⱼ = tr(Pm Gₕ Pm Gⱼ), Pm = V⁻¹ − V⁻¹ X Φ Xᵀ V⁻¹, the expected REML information times 2
/// (Halekoh &amp; Højsgaard 2014, J Stat Softw 59(9), section 3; pbkrtest's <c>vcovAdj</c>, which takes a
/// generalised inverse when IE2's smallest |eigenvalue| is below 1e-10).
/// </summary>
/// <remarks>
/// Nothing n × n is formed. Per subject, V⁻¹ = σ⁻² (I − Z M Zᵀ) with M = Λ (Λᵀ S Λ + I)⁻¹ Λᵀ, S = Zᵢᵀ Zᵢ
/// (Woodbury; D = σ² Λ Λᵀ), and with F = Zᵢᵀ Xᵢ, T = I − S M: Zᵀ V⁻¹ X = σ⁻² T F, Zᵀ V⁻¹ Z = σ⁻² T S,
/// Zᵀ V⁻² X = σ⁻⁴ T² F, Xᵀ V⁻² X = σ⁻⁴ (Xᵀ X − 2 Fᵀ M F + Fᵀ M S M F) and
/// Xᵀ V⁻³ X = σ⁻⁶ (Xᵀ X − 2 Fᵀ M F + Fᵀ M S M F − Fᵀ Tᵀ M T F). So every P, Q and trace is a sum over
/// subjects of Fᵀ K F (K q × q, fixed within a class of subjects sharing S) plus a multiple of Xᵀ X, which the
/// pooled class sums of <see cref="SubjectCrossProducts"/> give without a pass over rows: O(classes·k²·q²·p²).
/// </remarks>
internal static class LmerKenwardRoger
{
    public static KenwardRoger Build(ProfiledDeviance deviance, double[] theta, double sigma)
    {
        int q = deviance.Q, p = deviance.P;
        SubjectCrossProducts products = deviance.Products;
        var build = Matrix<double>.Build;
        Matrix<double> lambda = build.DenseOfRowMajor(q, q, deviance.Lambda(theta));
        Matrix<double> identity = build.DenseIdentity(q);
        var e = new List<Matrix<double>>();
        for (int b = 0; b < q; b++)
        {
            // A diagonal Λ (uncorrelated terms) has no covariances among the parameters: its variances only.
            for (int a = b; a < (deviance.Factor.Diagonal ? b + 1 : q); a++)
            {
                Matrix<double> ab = build.Dense(q, q);
                ab[a, b] = 1;
                ab[b, a] = 1;
                e.Add(ab);
            }
        }

        int kz = e.Count, k = kz + 1, res = kz;
        double s2 = sigma * sigma, s4 = s2 * s2, s6 = s4 * s2;
        var pk = new Matrix<double>[k];
        var qk = new Matrix<double>[k, k];
        var traces = new double[k, k];
        for (int h = 0; h < k; h++)
        {
            pk[h] = build.Dense(p, p);
            for (int j = 0; j < k; j++)
            {
                qk[h, j] = build.Dense(p, p);
            }
        }

        foreach (SubjectClass c in products.Classes)
        {
            Matrix<double> s = build.DenseOfRowMajor(q, q, c.Ztz);
            Matrix<double> m = lambda * ((lambda.Transpose() * s * lambda) + identity).Inverse() * lambda.Transpose();
            Matrix<double> t = identity - (s * m), tt = t * t, tTrans = t.Transpose();
            Matrix<double> zvz = t * s / s2;
            Matrix<double> ms = m * s, msm = ms * m;
            for (int h = 0; h < kz; h++)
            {
                Matrix<double> left = tTrans * e[h];
                pk[h] += Quad(c, -(left * t) / s4, q, p);
                qk[h, res] += Quad(c, left * tt / s6, q, p);
                traces[h, res] += c.Count * (e[h] * tt * s).Trace() / s4;
                for (int j = 0; j < kz; j++)
                {
                    qk[h, j] += Quad(c, left * t * s * e[j] * t / s6, q, p);
                    traces[h, j] += c.Count * KenwardRoger.TraceOfProduct(zvz * e[h], zvz * e[j]);
                }
            }

            pk[res] += Quad(c, -((-2 * m) + msm) / s4, q, p);
            qk[res, res] += Quad(c, ((-2 * m) + msm - (tTrans * m * t)) / s6, q, p);
            traces[res, res] += c.Count * ((-2 * ms.Trace()) + KenwardRoger.TraceOfProduct(ms, ms)) / s4;
        }

        Matrix<double> xtx = build.Dense(p, p, (i, j) => products.Xtx[(i * p) + j]);
        pk[res] -= xtx / s4;
        qk[res, res] += xtx / s6;
        traces[res, res] += products.N / s4;
        for (int h = 0; h < kz; h++)
        {
            qk[res, h] = qk[h, res].Transpose();
            traces[res, h] = traces[h, res];
        }

        Matrix<double> phi = s2 * deviance.Solve(theta).RxtRx.Inverse();
        Matrix<double> information = build.Dense(k, k, (h, j) =>
            traces[h, j] - (2 * KenwardRoger.TraceOfProduct(phi, qk[h, j])) + KenwardRoger.TraceOfProduct(phi * pk[h], phi * pk[j]));
        return new KenwardRoger(phi, pk, qk, null, 2 * Inverse(information));
    }

    /// <summary>IE2⁻¹, or its Moore-Penrose inverse when the smallest |eigenvalue| is at most 1e-10 (as pbkrtest's <c>ginv</c>).</summary>
    private static Matrix<double> Inverse(Matrix<double> information)
    {
        Matrix<double> symmetric = (information + information.Transpose()) / 2;
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        double smallest = double.MaxValue;
        for (int i = 0; i < symmetric.RowCount; i++)
        {
            smallest = System.Math.Min(smallest, System.Math.Abs(evd.EigenValues[i].Real));
        }

        return smallest > 1e-10 ? symmetric.Inverse() : symmetric.PseudoInverse();
    }

    /// <summary>Σ over the class's subjects of Fᵀ K F, F = Zᵢᵀ Xᵢ (q × p).</summary>
    private static Matrix<double> Quad(SubjectClass c, Matrix<double> kq, int q, int p)
    {
        var result = Matrix<double>.Build.Dense(p, p);
        if (c.IsPooled)
        {
            double[] g = c.G!;
            for (int a = 0; a < q; a++)
            {
                for (int b = 0; b < q; b++)
                {
                    double w = kq[a, b];
                    if (w == 0)
                    {
                        continue;
                    }

                    int offset = ((a * q) + b) * p * p;
                    for (int c1 = 0; c1 < p; c1++)
                    {
                        for (int c2 = 0; c2 < p; c2++)
                        {
                            result[c1, c2] += w * g[offset + (c1 * p) + c2];
                        }
                    }
                }
            }

            return result;
        }

        Matrix<double> f = Matrix<double>.Build.DenseOfRowMajor(q, p, c.Ztx!);
        return f.Transpose() * kq * f;
    }
}
