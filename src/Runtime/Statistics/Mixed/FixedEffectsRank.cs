using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Which columns of X lme4 keeps: <c>lmer</c> calls <c>chkRank.drop.cols(X, tol = 1e-7)</c>, which
/// takes <c>qr(X, tol = 1e-7)</c> (LINPACK dqrdc2, R's default QR) and drops the columns it pivots
/// to the end: in column order, a column whose norm after projecting out the columns kept before
/// it falls below 1e-7 times its own norm (an all-zero column always).
/// </summary>
/// <remarks>
/// A screen on Xᵀ X decides the common full-rank case in O(p³) after the O(n·p²) cross product:
/// the Cholesky pivot of column j is its squared residual norm, and when every pivot exceeds
/// 1e-10 of the column's squared norm (residual norm above 1e-5 of its norm, far from dqrdc2's
/// 1e-7 and from the ~1e-8 rounding of the squared form) no column is dropped. Otherwise the
/// residual norms are computed on X itself by Gram–Schmidt with reorthogonalisation, which
/// agrees with dqrdc2's Householder norms to rounding. R: <c>lme4:::chkRank.drop.cols</c>,
/// <c>base::qr</c> (LINPACK, <c>tol = 1e-7</c>).
/// </remarks>
internal static class FixedEffectsRank
{
    private const double Tolerance = 1e-7;
    private const double Screen = 1e-10;

    /// <summary>Indices of the columns lme4 drops (empty when X has full column rank).</summary>
    public static int[] Dropped(FixedEffectsDesign design)
    {
        int n = design.Rows, p = design.Columns;
        double[] xtx = CrossProduct(design.X, n, p);
        if (ScreenPasses(xtx, p))
        {
            return Array.Empty<int>();
        }

        var kept = new List<double[]>();
        var dropped = new List<int>();
        for (int j = 0; j < p; j++)
        {
            var v = new double[n];
            for (int r = 0; r < n; r++)
            {
                v[r] = design.X[(r * p) + j];
            }

            double norm = Norm(v);
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (double[] u in kept)
                {
                    double dot = 0;
                    for (int r = 0; r < n; r++)
                    {
                        dot += u[r] * v[r];
                    }

                    for (int r = 0; r < n; r++)
                    {
                        v[r] -= dot * u[r];
                    }
                }
            }

            double residual = Norm(v);
            if (norm == 0 || residual < Tolerance * norm)
            {
                dropped.Add(j);
                continue;
            }

            for (int r = 0; r < n; r++)
            {
                v[r] /= residual;
            }

            kept.Add(v);
        }

        return dropped.ToArray();
    }

    /// <summary>Xᵀ X, row-major, skipping the zeros of factor codings.</summary>
    internal static double[] CrossProduct(double[] x, int n, int p)
    {
        var xtx = new double[p * p];
        for (int r = 0; r < n; r++)
        {
            int row = r * p;
            for (int a = 0; a < p; a++)
            {
                double xa = x[row + a];
                if (xa == 0)
                {
                    continue;
                }

                for (int b = a; b < p; b++)
                {
                    xtx[(a * p) + b] += xa * x[row + b];
                }
            }
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < a; b++)
            {
                xtx[(a * p) + b] = xtx[(b * p) + a];
            }
        }

        return xtx;
    }

    private static bool ScreenPasses(double[] xtx, int p)
    {
        var l = (double[])xtx.Clone();
        for (int j = 0; j < p; j++)
        {
            double d = l[(j * p) + j];
            for (int k = 0; k < j; k++)
            {
                d -= l[(j * p) + k] * l[(j * p) + k];
            }

            if (!(d > Screen * xtx[(j * p) + j]))
            {
                return false;
            }

            d = Math.Sqrt(d);
            l[(j * p) + j] = d;
            for (int i = j + 1; i < p; i++)
            {
                double v = l[(i * p) + j];
                for (int k = 0; k < j; k++)
                {
                    v -= l[(i * p) + k] * l[(j * p) + k];
                }

                l[(i * p) + j] = v / d;
            }
        }

        return true;
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(e => e * e));
}
