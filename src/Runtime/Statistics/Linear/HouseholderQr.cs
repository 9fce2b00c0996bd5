using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Linear;

/// <summary>
/// A Householder QR decomposition of X (n × p, by column) with R's rule for aliased columns: columns are taken in
/// order, and one whose part orthogonal to the columns already taken has a norm below <c>tol</c> times its own norm is
/// aliased (moved to the end, as LINPACK <c>dqrdc2</c> in R's <c>lm.fit</c> does with <c>tol = 1e-7</c>).
/// </summary>
/// <remarks>
/// Householder reflections: Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., section 5.2.2. Each candidate column
/// gets the reflections of the columns accepted so far before its residual norm is measured, so the accepted set is the
/// same as R's: a column is aliased exactly when it is (numerically) a combination of earlier non-aliased columns.
/// O(n·p²).
/// </remarks>
internal sealed class HouseholderQr
{
    private readonly List<double[]> _vectors = new();
    private readonly List<double> _betas = new();

    private HouseholderQr(int rows) => Rows = rows;

    public int Rows { get; }

    /// <summary>The input indices of the accepted (non-aliased) columns, in order; <see cref="Rank"/> of them.</summary>
    public List<int> Pivot { get; } = new();

    /// <summary>Input indices of the aliased columns.</summary>
    public List<int> Aliased { get; } = new();

    public int Rank => Pivot.Count;

    /// <summary>R (Rank × Rank, upper triangular), by row: <c>R[i][j]</c>.</summary>
    public double[][] R { get; private set; } = Array.Empty<double[]>();

    public static HouseholderQr Decompose(IReadOnlyList<double[]> columns, int rows, double tolerance = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var qr = new HouseholderQr(rows);
        var rColumns = new List<double[]>();
        for (int j = 0; j < columns.Count; j++)
        {
            double[] x = (double[])columns[j].Clone();
            double original = Norm(x, 0);
            qr.ApplyTransposed(x);
            int k = qr.Rank;
            double rest = Norm(x, k);
            if (k >= rows || original == 0 || rest < tolerance * original)
            {
                qr.Aliased.Add(j);
                continue;
            }

            // v = x[k..] + sign(x_k) |x[k..]| e_k, beta = 2 / v'v: the reflection maps x[k..] to -sign(x_k)|x[k..]| e_k.
            double alpha = x[k] >= 0 ? -rest : rest;
            var v = new double[rows];
            for (int i = k; i < rows; i++)
            {
                v[i] = x[i];
            }

            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < rows; i++)
            {
                vv += v[i] * v[i];
            }

            qr._vectors.Add(v);
            qr._betas.Add(2 / vv);
            x[k] = alpha;
            var r = new double[k + 1];
            Array.Copy(x, r, k + 1);
            rColumns.Add(r);
            qr.Pivot.Add(j);
        }

        int p = qr.Rank;
        qr.R = new double[p][];
        for (int i = 0; i < p; i++)
        {
            qr.R[i] = new double[p];
            for (int j = i; j < p; j++)
            {
                qr.R[i][j] = rColumns[j][i];
            }
        }

        return qr;
    }

    /// <summary>Overwrites <paramref name="x"/> (length n) with Q'x: its first <see cref="Rank"/> entries are R's "effects".</summary>
    public void ApplyTransposed(double[] x)
    {
        for (int r = 0; r < _vectors.Count; r++)
        {
            double[] v = _vectors[r];
            double dot = 0;
            for (int i = r; i < Rows; i++)
            {
                dot += v[i] * x[i];
            }

            double s = _betas[r] * dot;
            for (int i = r; i < Rows; i++)
            {
                x[i] -= s * v[i];
            }
        }
    }

    /// <summary>Solves R b = z for the first Rank entries of z.</summary>
    public double[] SolveUpper(double[] z)
    {
        int p = Rank;
        var b = new double[p];
        for (int i = p - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int j = i + 1; j < p; j++)
            {
                s -= R[i][j] * b[j];
            }

            b[i] = s / R[i][i];
        }

        return b;
    }

    /// <summary>(R'R)⁻¹ = R⁻¹R⁻ᵀ, the unscaled covariance of the accepted columns (R's <c>chol2inv(qr$qr)</c>).</summary>
    public double[,] UnscaledCovariance()
    {
        int p = Rank;
        var inverse = new double[p, p]; // R⁻¹, upper triangular
        for (int c = 0; c < p; c++)
        {
            for (int i = c; i >= 0; i--)
            {
                double s = i == c ? 1 : 0;
                for (int j = i + 1; j <= c; j++)
                {
                    s -= R[i][j] * inverse[j, c];
                }

                inverse[i, c] = s / R[i][i];
            }
        }

        var result = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = i; j < p; j++)
            {
                double s = 0;
                for (int k = j; k < p; k++)
                {
                    s += inverse[i, k] * inverse[j, k];
                }

                result[i, j] = s;
                result[j, i] = s;
            }
        }

        return result;
    }

    private static double Norm(double[] x, int from)
    {
        double scale = 0;
        for (int i = from; i < x.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(x[i]));
        }

        if (scale == 0)
        {
            return 0;
        }

        double s = 0;
        for (int i = from; i < x.Length; i++)
        {
            double t = x[i] / scale;
            s += t * t;
        }

        return scale * Math.Sqrt(s);
    }
}
