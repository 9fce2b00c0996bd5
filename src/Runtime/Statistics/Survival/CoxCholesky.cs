using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// The generalised Cholesky (LDL') decomposition with toleranced pivots that R survival uses for
/// the Cox information matrix (cholesky2.c, chsolve2.c, chinv2.c).
/// </summary>
/// <remarks>
/// A pivot below <c>toler</c> × the largest diagonal element is set to zero: its column is
/// treated as aliased (a linear combination of earlier columns, or a coefficient whose
/// information has vanished), solves give it a zero increment and the inverse has a zero row and
/// column. MathNet's Cholesky throws on a semi-definite matrix instead; matching coxph on
/// collinear designs and on monotone likelihoods needs R's behaviour, so this small routine is
/// ours. O(p³) for the decomposition, O(p²) per solve.
/// Reference: Therneau &amp; Grambsch (2000), Modeling Survival Data, section 3.3; R survival
/// <c>src/cholesky2.c</c>.
/// </remarks>
internal sealed class CoxCholesky
{
    private readonly double[,] _ld;

    private CoxCholesky(double[,] ld, int rank)
    {
        _ld = ld;
        Rank = rank;
    }

    /// <summary>Number of non-zero pivots (coxph's <c>flag</c>).</summary>
    public int Rank { get; }

    public int Size => _ld.GetLength(0);

    /// <summary>Decomposes a symmetric matrix (only the lower triangle is read) with R's tolerance rule.</summary>
    public static CoxCholesky Decompose(double[,] matrix, double tolerance)
    {
        int n = matrix.GetLength(0);
        var m = new double[n, n];
        double eps = 0;
        for (int i = 0; i < n; i++)
        {
            eps = Math.Max(eps, matrix[i, i]);
            for (int j = 0; j <= i; j++)
            {
                m[i, j] = matrix[i, j];
            }
        }

        eps = eps == 0 ? tolerance : eps * tolerance;
        int rank = 0;
        for (int i = 0; i < n; i++)
        {
            double pivot = m[i, i];
            if (!double.IsFinite(pivot) || pivot < eps)
            {
                m[i, i] = 0;
                continue;
            }

            rank++;
            for (int j = i + 1; j < n; j++)
            {
                double temp = m[j, i] / pivot;
                m[j, i] = temp;
                m[j, j] -= temp * temp * pivot;
                for (int k = j + 1; k < n; k++)
                {
                    m[k, j] -= temp * m[k, i];
                }
            }
        }

        return new CoxCholesky(m, rank);
    }

    /// <summary>Whether pivot <paramref name="i"/> was zeroed (the column is aliased).</summary>
    public bool IsZeroPivot(int i) => _ld[i, i] == 0;

    /// <summary>Solves A y = b in place; aliased components of the solution are 0 (chsolve2).</summary>
    public void Solve(Span<double> y)
    {
        int n = Size;
        for (int i = 0; i < n; i++)
        {
            double temp = y[i];
            for (int j = 0; j < i; j++)
            {
                temp -= y[j] * _ld[i, j];
            }

            y[i] = temp;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            if (_ld[i, i] == 0)
            {
                y[i] = 0;
                continue;
            }

            double temp = y[i] / _ld[i, i];
            for (int j = i + 1; j < n; j++)
            {
                temp -= y[j] * _ld[j, i];
            }

            y[i] = temp;
        }
    }

    /// <summary>The (generalised) inverse: aliased rows and columns are 0, as chinv2 leaves them.</summary>
    public double[,] Inverse()
    {
        int n = Size;
        var inverse = new double[n, n];
        var column = new double[n];
        for (int c = 0; c < n; c++)
        {
            Array.Clear(column);
            column[c] = 1;
            Solve(column);
            for (int r = 0; r < n; r++)
            {
                inverse[r, c] = IsZeroPivot(r) || IsZeroPivot(c) ? 0 : column[r];
            }
        }

        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < r; c++)
            {
                double mean = (inverse[r, c] + inverse[c, r]) / 2;
                inverse[r, c] = mean;
                inverse[c, r] = mean;
            }
        }

        return inverse;
    }
}
