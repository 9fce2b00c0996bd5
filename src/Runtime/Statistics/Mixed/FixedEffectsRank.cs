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
    public static int[] Dropped(FixedEffectsDesign design) => Dropped(CrossProduct(design.X, design.Rows, design.Columns), design.Columns, design);

    /// <summary>
    /// The same from Xᵀ X (row-major p × p); when the screen fails, from <paramref name="rows"/> if given, else from Xᵀ X
    /// by <see cref="DroppedFromCrossProduct"/>.
    /// </summary>
    public static int[] Dropped(double[] xtx, int p, FixedEffectsDesign? rows)
    {
        if (ScreenPasses(xtx, p))
        {
            return Array.Empty<int>();
        }

        return rows is null ? DroppedFromCrossProduct(xtx, p) : DroppedFromRows(rows);
    }

    /// <summary>
    /// dqrdc2's rule on the squared norms: column j's squared residual after projecting out the columns kept before it is
    /// its Cholesky pivot on Xᵀ X; it is dropped when that is below (1e-7)² of its squared norm (or the norm is 0).
    /// </summary>
    /// <remarks>
    /// What a data engine allows (it has no rows). Exact aliasing (an empty cell of a factor design, whose Xᵀ X holds exact
    /// counts) leaves a pivot at rounding level, ~1e-16 of the squared norm, far below the bound; but a column whose residual
    /// norm is within a factor of ~10 of 1e-7 of its norm (near-collinear numeric covariates) is decided by rounding of the
    /// squared form, where dqrdc2 on the rows may decide the other way. O(p³).
    /// </remarks>
    internal static int[] DroppedFromCrossProduct(double[] xtx, int p)
    {
        var kept = new List<int>();
        var l = new List<double[]>(); // rows of the Cholesky factor of the kept columns' Xᵀ X
        var dropped = new List<int>();
        for (int j = 0; j < p; j++)
        {
            double norm2 = xtx[(j * p) + j];
            var w = new double[kept.Count + 1];
            double residual2 = norm2;
            for (int i = 0; i < kept.Count; i++)
            {
                double v = xtx[(kept[i] * p) + j];
                for (int k = 0; k < i; k++)
                {
                    v -= l[i][k] * w[k];
                }

                w[i] = v / l[i][i];
                residual2 -= w[i] * w[i];
            }

            if (norm2 == 0 || !(residual2 >= Tolerance * Tolerance * norm2))
            {
                dropped.Add(j);
                continue;
            }

            w[kept.Count] = Math.Sqrt(residual2);
            kept.Add(j);
            l.Add(w);
        }

        return dropped.ToArray();
    }

    private static int[] DroppedFromRows(FixedEffectsDesign design)
    {
        int n = design.Rows, p = design.Columns;

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
