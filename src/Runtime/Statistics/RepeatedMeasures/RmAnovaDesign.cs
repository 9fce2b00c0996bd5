using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.RepeatedMeasures;

/// <summary>
/// The two designs of a repeated-measures ANOVA. Between subjects: the full factorial of the between factors with
/// sum-to-zero contrasts (R's <c>contr.sum</c>, which afex sets), one column block per term. Within subjects: for each
/// term of the full factorial of the within factors (the empty term is the between-subject stratum), an orthonormal
/// basis P of its contrasts in the cell space, a Kronecker product of one matrix per within factor: an orthonormal
/// Helmert basis for a factor of the term, the normalised mean vector 1/√l for the others.
/// </summary>
/// <remarks>
/// car builds P from the idata design's model matrix, not orthonormal, and divides by P'P wherever it matters (sums of
/// squares as tr(SSP (P'P)⁻¹), epsilons and Mauchly's W from eigenvalues of SSPE (P'P)⁻¹): every quantity is invariant
/// under a change of basis of the term's contrast space, so an orthonormal P gives the same numbers with P'P = I.
/// </remarks>
internal static class RmAnovaDesign
{
    /// <summary>Every subset of <paramref name="count"/> factors as index lists: the empty one, then by size, then in written order (R's <c>terms()</c>).</summary>
    public static IReadOnlyList<int[]> Terms(int count) =>
        Enumerable.Range(0, 1 << count)
            .Select(mask => Enumerable.Range(0, count).Where(i => (mask & (1 << i)) != 0).ToArray())
            .OrderBy(s => s.Length)
            .ThenBy(s => string.Join(",", s.Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal)
            .ToArray();

    /// <summary>X (subjects × columns) and, per between term, its column indices (the intercept is term 0).</summary>
    public static (Matrix<double> X, int[][] Columns) Between(RepeatedMeasuresInput input, IReadOnlyList<int[]> terms)
    {
        int n = input.Subjects;
        var blocks = new List<double[][]>();
        foreach (int[] term in terms)
        {
            // The term's columns: products of one contr.sum column per factor, the first factor varying fastest (model.matrix).
            double[][] columns = [Enumerable.Repeat(1.0, n).ToArray()];
            foreach (int f in term)
            {
                int levels = input.Between[f].Levels.Count;
                int[] codes = input.BetweenCodes[f];
                var next = new List<double[]>();
                for (int c = 0; c < levels - 1; c++)
                {
                    foreach (double[] previous in columns)
                    {
                        next.Add(Enumerable.Range(0, n).Select(s => previous[s] * SumContrast(codes[s], c, levels)).ToArray());
                    }
                }

                columns = [.. next];
            }

            blocks.Add(columns);
        }

        int q = blocks.Sum(b => b.Length);
        var x = Matrix<double>.Build.Dense(n, q);
        var indices = new int[terms.Count][];
        int j = 0;
        for (int t = 0; t < blocks.Count; t++)
        {
            indices[t] = Enumerable.Range(j, blocks[t].Length).ToArray();
            foreach (double[] column in blocks[t])
            {
                x.SetColumn(j++, column);
            }
        }

        return (x, indices);
    }

    /// <summary>contr.sum(levels)[level, column]: the identity on the first levels − 1, −1 on the last.</summary>
    private static double SumContrast(int level, int column, int levels) =>
        level == levels - 1 ? -1 : level == column ? 1 : 0;

    /// <summary>The orthonormal contrast basis of a within term in the cell space (cells × df), first factor slowest.</summary>
    public static Matrix<double> Within(IReadOnlyList<RmFactor> within, int[] term)
    {
        Matrix<double> p = Matrix<double>.Build.Dense(1, 1, 1.0);
        for (int f = 0; f < within.Count; f++)
        {
            int levels = within[f].Levels.Count;
            Matrix<double> factor = term.Contains(f) ? Helmert(levels) : Matrix<double>.Build.Dense(levels, 1, 1 / Math.Sqrt(levels));
            p = p.KroneckerProduct(factor);
        }

        return p;
    }

    /// <summary>Orthonormal Helmert contrasts: column j (1-based) is (1, ..., 1, −j, 0, ..., 0) / √(j(j + 1)).</summary>
    private static Matrix<double> Helmert(int levels)
    {
        var h = Matrix<double>.Build.Dense(levels, levels - 1);
        for (int j = 1; j < levels; j++)
        {
            double scale = 1 / Math.Sqrt(j * (j + 1.0));
            for (int i = 0; i < j; i++)
            {
                h[i, j - 1] = scale;
            }

            h[j, j - 1] = -j * scale;
        }

        return h;
    }
}
