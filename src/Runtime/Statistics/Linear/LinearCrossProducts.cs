using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Linear;

/// <summary>
/// The sufficient statistics of a least-squares fit of y on X (p columns, the first the intercept): n and the
/// cross-products of the shifted columns [x̃_1 = 1, x̃_j = x_j − c_j, ỹ = y − c_y], as an engine returns them in one
/// scan (<c>SqlRegression</c>) or as <see cref="FromColumns"/> forms them in memory.
/// </summary>
/// <remarks>
/// Why shifted: Σx² over 10^6 values of, say, a year of birth (mean 1980, SD 10) holds about 2·10^10 per term, and
/// the Cholesky factorisation below subtracts numbers of that size to get a residual of size 10^2 per term: (mean /
/// SD)² ≈ 4·10^4 of the 2^53 ≈ 9·10^15 relative precision lost, leaving ~11 digits. With c_j near the column's mean
/// the sums are of squares of deviations and nothing cancels but the rounding of the sums themselves (n·ε relative:
/// 10^6 · 1.1·10^−16 ≈ 10^−10 worst case, √n·ε typically). Any c_j works algebraically (the intercept absorbs
/// it: X̃ = X·A with A = I − e_1 cᵀ), so a shift from a first pass that is itself rounded, or differs per shard
/// order, changes nothing but the rounding; the sums add per shard and the shards' totals add, in any order.
/// Limit: a constant shift centres a number's column, not its product with a factor's indicator (x·[arm = b] is 0 or
/// x): such an interaction column of a large-mean number keeps the cancellation, and the fit from these sums agrees
/// with the QR fit only to about κ²·ε (a covariate of mean 10^6 and SD 3 in an interaction: ~1e-5 relative on the
/// intercept, against ~1e-10 from QR). Centre such a covariate in the study (<c>year - 2000</c>) when it interacts.
/// </remarks>
/// <param name="N">Rows (complete cases).</param>
/// <param name="Shifts">c_j per column (c_1 = 0 for the intercept).</param>
/// <param name="ResponseShift">c_y.</param>
/// <param name="Sums">(p + 1) × (p + 1), symmetric: Σx̃_a·x̃_b, with index p the shifted response.</param>
public sealed record LinearCrossProducts(int N, double[] Shifts, double ResponseShift, double[,] Sums)
{
    /// <summary>The cross-products of columns held in memory (the in-memory counterpart, used to check the engine path).</summary>
    public static LinearCrossProducts FromColumns(IReadOnlyList<double[]> columns, double[] response)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(response);
        int p = columns.Count, n = response.Length;
        var shifts = columns.Select((c, j) => j == 0 || n == 0 ? 0 : c.Average()).ToArray();
        double shiftY = n == 0 ? 0 : response.Average();
        var shifted = columns.Select((c, j) => c.Select(v => v - shifts[j]).ToArray()).Append(response.Select(v => v - shiftY).ToArray()).ToArray();
        var sums = new double[p + 1, p + 1];
        for (int a = 0; a <= p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += shifted[a][i] * shifted[b][i];
                }

                sums[a, b] = sums[b, a] = s;
            }
        }

        return new LinearCrossProducts(n, shifts, shiftY, sums);
    }

    public int Columns => Shifts.Length;

    /// <summary>‖x_j‖² of the unshifted column: Σ(x̃_j + c_j)² = Σx̃_j² + 2c_jΣx̃_j + n·c_j² (Σx̃_j is the product with the intercept).</summary>
    internal double UnshiftedSquaredNorm(int j) => Sums[j, j] + (2 * Shifts[j] * Sums[0, j]) + (N * Shifts[j] * Shifts[j]);
}

/// <summary>
/// A sequential Cholesky factorisation of X̃ᵀX̃ over a subset of columns, in order, with R's aliasing rule: a column whose
/// part orthogonal to the columns accepted before it has a norm below <c>tol</c> (1e-7) times its own (unshifted) norm
/// is aliased and skipped, as LINPACK <c>dqrdc2</c> in <c>lm.fit</c> (<see cref="HouseholderQr"/>) does. The factor R
/// is the QR factor of X̃ up to the signs of its rows, and Rᵀ⁻¹X̃ᵀỹ the QR effects up to the same signs (Golub &amp; Van
/// Loan, <i>Matrix Computations</i>, 4th ed., section 5.3.2: the normal equations and QR share R). The residual norms,
/// hence the accepted set, do not depend on the shifts once the intercept is accepted first. O(p³).
/// </summary>
internal sealed class CrossProductCholesky
{
    private CrossProductCholesky(List<int> pivot, List<int> aliased, double[][] r, double[] effects, double rss)
    {
        Pivot = pivot;
        Aliased = aliased;
        R = r;
        Effects = effects;
        ResidualSumOfSquares = rss;
    }

    /// <summary>The accepted columns, in order.</summary>
    public List<int> Pivot { get; }

    public List<int> Aliased { get; }

    /// <summary>Upper triangular, Rank × Rank, by row.</summary>
    public double[][] R { get; }

    /// <summary>The QR effects of the accepted columns (up to sign).</summary>
    public double[] Effects { get; }

    /// <summary>ỹᵀỹ − Σ effects²: the residual sum of squares of y on the accepted columns.</summary>
    public double ResidualSumOfSquares { get; }

    public int Rank => Pivot.Count;

    public static CrossProductCholesky Decompose(LinearCrossProducts sums, IReadOnlyList<int> columns, double tolerance = 1e-7)
    {
        int y = sums.Columns;
        var pivot = new List<int>();
        var aliased = new List<int>();
        var rColumns = new List<double[]>();
        foreach (int j in columns)
        {
            double[] r = Project(sums, pivot, rColumns, j);
            double rest2 = sums.Sums[j, j] - r.Sum(v => v * v);
            double rest = Math.Sqrt(Math.Max(rest2, 0));
            double original = Math.Sqrt(Math.Max(sums.UnshiftedSquaredNorm(j), 0));
            if (pivot.Count >= sums.N || original == 0 || rest < tolerance * original)
            {
                aliased.Add(j);
                continue;
            }

            rColumns.Add(r.Append(rest).ToArray());
            pivot.Add(j);
        }

        double[] effects = Project(sums, pivot, rColumns, y);
        double rss = Math.Max(sums.Sums[y, y] - effects.Sum(v => v * v), 0);
        int k = pivot.Count;
        var rows = new double[k][];
        for (int a = 0; a < k; a++)
        {
            rows[a] = new double[k];
            for (int b = a; b < k; b++)
            {
                rows[a][b] = rColumns[b][a];
            }
        }

        return new CrossProductCholesky(pivot, aliased, rows, effects, rss);
    }

    /// <summary>R's entries above the diagonal for column j: r_kj = (S_{p_k, j} − Σ_{m&lt;k} r_mk·r_mj) / r_kk.</summary>
    private static double[] Project(LinearCrossProducts sums, List<int> pivot, List<double[]> rColumns, int j)
    {
        var r = new double[pivot.Count];
        for (int k = 0; k < pivot.Count; k++)
        {
            double s = sums.Sums[pivot[k], j];
            for (int m = 0; m < k; m++)
            {
                s -= rColumns[k][m] * r[m];
            }

            r[k] = s / rColumns[k][k];
        }

        return r;
    }

    /// <summary>R⁻¹ by back substitution.</summary>
    public double[,] Inverse()
    {
        int k = Rank;
        var inverse = new double[k, k];
        for (int c = 0; c < k; c++)
        {
            inverse[c, c] = 1 / R[c][c];
            for (int a = c - 1; a >= 0; a--)
            {
                double s = 0;
                for (int m = a + 1; m <= c; m++)
                {
                    s += R[a][m] * inverse[m, c];
                }

                inverse[a, c] = -s / R[a][a];
            }
        }

        return inverse;
    }
}
