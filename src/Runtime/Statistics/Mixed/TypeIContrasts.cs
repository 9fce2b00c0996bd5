using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The contrast matrix of each term's type I (sequential) hypothesis, as lmerTest's <c>get_contrasts_type1</c>
/// (lmerTest 3.1): the rows, at the term's columns, of the unit upper-triangular factor Lᵀ of the Doolittle
/// decomposition XᵀX = L U.
/// </summary>
/// <remarks>
/// Row i of Lᵀ is U[i, ·] / U[i, i]: the i-th column's coefficient after adjusting for the columns before it, so a
/// term's rows test it after the terms before it in the formula and ignoring those after (SAS's type I hypotheses;
/// Goodnight 1980, Commun Stat Theory Methods 9:167–180). The rows are scaled exactly as lmerTest's, because the
/// multi-df Satterthwaite approximation depends on the scaling of L's rows. A pivot below 1e-6 (lmerTest's
/// <c>doolittle(eps = 1e-6)</c>) leaves its column of L at zero, as there. X has full column rank (aliased columns
/// dropped). O(p³) for p columns, after the O(n·p²) cross product.
/// </remarks>
internal static class TypeIContrasts
{
    private const double PivotTolerance = 1e-6;

    public static IReadOnlyList<Matrix<double>> Build(FixedEffectsDesign design) =>
        Build(design.Layout, FixedEffectsRank.CrossProduct(design.X, design.Rows, design.Columns));

    /// <summary>The contrasts from Xᵀ X (row-major p × p over the layout's columns).</summary>
    public static IReadOnlyList<Matrix<double>> Build(FixedEffectsLayout design, double[] xtx)
    {
        int p = design.Columns;
        Matrix<double> upper = UnitUpper(xtx, p);
        var result = new List<Matrix<double>>(design.Terms.Count);
        for (int t = 0; t < design.Terms.Count; t++)
        {
            int[] rows = Enumerable.Range(0, p).Where(c => design.ColumnTerm[c] == t).ToArray();
            result.Add(rows.Length == 0
                ? Matrix<double>.Build.Dense(0, p)
                : Matrix<double>.Build.Dense(rows.Length, p, (i, j) => upper[rows[i], j]));
        }

        return result;
    }

    /// <summary>Lᵀ of the Doolittle decomposition of the symmetric p × p matrix <paramref name="a"/> (row-major).</summary>
    private static Matrix<double> UnitUpper(double[] a, int p)
    {
        var l = Matrix<double>.Build.DenseIdentity(p);
        var u = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double value = a[(i * p) + j];
                for (int k = 0; k < i; k++)
                {
                    value -= l[i, k] * u[k, j];
                }

                u[i, j] = value;
            }

            for (int j = i + 1; j < p; j++)
            {
                double value = a[(j * p) + i];
                for (int k = 0; k < i; k++)
                {
                    value -= l[j, k] * u[k, i];
                }

                l[j, i] = Math.Abs(u[i, i]) < PivotTolerance ? 0 : value / u[i, i];
            }
        }

        return l.Transpose();
    }
}
