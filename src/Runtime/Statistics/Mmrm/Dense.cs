using System;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>
/// Cholesky factorisation and inverse of small symmetric matrices in row-major arrays: the REML
/// criterion takes one per visit pattern and one of Xᵀ V⁻¹ X at every evaluation, where
/// allocating matrix objects would cost more than the arithmetic.
/// </summary>
internal static class Dense
{
    /// <summary>Overwrites the lower triangle of a (n × n, lower triangle read) with L, a = L Lᵀ; false if a is not positive definite.</summary>
    public static bool CholeskyInPlace(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[(j * n) + j];
            for (int c = 0; c < j; c++)
            {
                d -= a[(j * n) + c] * a[(j * n) + c];
            }

            if (!(d > 0))
            {
                return false;
            }

            double ljj = Math.Sqrt(d);
            a[(j * n) + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[(i * n) + j];
                for (int c = 0; c < j; c++)
                {
                    s -= a[(i * n) + c] * a[(j * n) + c];
                }

                a[(i * n) + j] = s / ljj;
            }
        }

        return true;
    }

    /// <summary>(L Lᵀ)⁻¹, full and symmetric, from the lower-triangular L in <paramref name="l"/>.</summary>
    public static double[] InverseFromCholesky(double[] l, int n)
    {
        // L⁻¹ by forward substitution, then (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹.
        var inv = new double[n * n];
        for (int col = 0; col < n; col++)
        {
            for (int i = col; i < n; i++)
            {
                double s = i == col ? 1 : 0;
                for (int c = col; c < i; c++)
                {
                    s -= l[(i * n) + c] * inv[(c * n) + col];
                }

                inv[(i * n) + col] = s / l[(i * n) + i];
            }
        }

        var result = new double[n * n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int c = a; c < n; c++)
                {
                    s += inv[(c * n) + a] * inv[(c * n) + b];
                }

                result[(a * n) + b] = result[(b * n) + a] = s;
            }
        }

        return result;
    }
}
