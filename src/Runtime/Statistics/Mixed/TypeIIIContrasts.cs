using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The contrast matrix of each term's type III hypothesis, built as lmerTest's
/// <c>extract_contrasts_type3</c> for treatment-coded designs (lmerTest 3.1).
/// </summary>
/// <remarks>
/// Express the over-parameterised design (intercept and every term with all factor levels) in
/// the columns of X: L = (X⁺ X_full)ᵀ. Then, higher-order terms first, replace the columns of
/// L that belong to a term by their residuals after least-squares regression on the columns
/// of the terms that contain it (same numeric variables, more factors). The rows of L named
/// like X's columns, transposed per term with zero rows dropped, are the term's contrasts.
/// These are SAS's type III hypotheses (Goodnight 1980, "Tests of hypotheses in fixed effects
/// linear models", Commun Stat Theory Methods 9:167–180): for a full factorial with all cells
/// present, equal-weight marginal means. Intermediate matrices are rounded as R's
/// <c>zapsmall</c> (7 significant digits of the largest entry), because lmerTest does, and
/// Satterthwaite's multi-df approximation depends on the scaling of L's rows.
/// R: <c>lmerTest:::get_contrasts_type3(fit)</c>, used by <c>anova(fit, type = "III")</c>.
/// </remarks>
internal static class TypeIIIContrasts
{
    public static IReadOnlyList<Matrix<double>> Build(FixedEffectsDesign design)
    {
        (double[] xtx, double[] xtFull) = CrossProducts(design);
        return Build(design.Layout, xtx, xtFull);
    }

    /// <summary>The contrasts from the cross-products: Xᵀ X (p × p) and Xᵀ X_full (p × r), row-major, over the layout's columns.</summary>
    public static IReadOnlyList<Matrix<double>> Build(FixedEffectsLayout design, double[] xtx, double[] xtFull)
    {
        int p = design.Columns, r = design.FullNames.Count;
        Matrix<double> l = ZapSmall(FullInColumnsOfX(xtx, xtFull, p, r).Transpose()); // r × p
        IReadOnlyList<int[]> terms = design.Terms;
        int[][] columnsOf = Enumerable.Range(0, terms.Count)
            .Select(t => Enumerable.Range(0, p).Where(c => design.ColumnTerm[c] == t).ToArray())
            .ToArray();
        foreach (int t in Enumerable.Range(0, terms.Count).OrderByDescending(t => terms[t].Length))
        {
            int[] containing = Enumerable.Range(0, terms.Count).Where(u => Contains(design, terms[u], terms[t])).ToArray();
            if (containing.Length == 0 || columnsOf[t].Length == 0)
            {
                continue;
            }

            int[] basisColumns = containing.SelectMany(u => columnsOf[u]).ToArray();
            Matrix<double> basis = Matrix<double>.Build.Dense(r, basisColumns.Length, (i, j) => l[i, basisColumns[j]]);
            Matrix<double> target = Matrix<double>.Build.Dense(r, columnsOf[t].Length, (i, j) => l[i, columnsOf[t][j]]);
            Matrix<double> residual = ZapSmall(target - (basis * basis.QR().Solve(target)));
            for (int j = 0; j < columnsOf[t].Length; j++)
            {
                l.SetColumn(columnsOf[t][j], residual.Column(j));
            }
        }

        int[] rows = design.FullIndex;

        var result = new List<Matrix<double>>(terms.Count);
        for (int t = 0; t < terms.Count; t++)
        {
            var contrasts = columnsOf[t]
                .Select(c => Vector<double>.Build.Dense(p, k => l[rows[k], c]))
                .Where(v => v.L1Norm() > 1e-8)
                .ToArray();
            result.Add(contrasts.Length == 0 ? Matrix<double>.Build.Dense(0, p) : Matrix<double>.Build.DenseOfRowVectors(contrasts));
        }

        return result;
    }

    /// <summary>
    /// X⁺ X_full (p × r, lmerTest's <c>ginv(X) %*% rdX</c>) by the normal equations
    /// (Xᵀ X)⁻¹ Xᵀ X_full: X has full column rank (aliased columns dropped) and X_full's columns
    /// lie in its column space, so this is the same matrix. Its entries are small rationals that
    /// <see cref="ZapSmall"/> rounds.
    /// </summary>
    private static Matrix<double> FullInColumnsOfX(double[] xtx, double[] xtFull, int p, int r)
    {
        var gram = Matrix<double>.Build.Dense(p, p, (i, j) => xtx[(i * p) + j]);
        var cross = Matrix<double>.Build.Dense(p, r, (i, j) => xtFull[(i * r) + j]);
        return gram.Cholesky().Solve(cross);
    }

    /// <summary>Xᵀ X and Xᵀ X_full from the rows, in one O(n·p·r) pass over the (mostly zero) rows.</summary>
    internal static (double[] Xtx, double[] XtFull) CrossProducts(FixedEffectsDesign design)
    {
        int n = design.Rows, p = design.Columns, r = design.FullNames.Length;
        double[] xtx = FixedEffectsRank.CrossProduct(design.X, n, p);
        var xtf = new double[p * r];
        for (int row = 0; row < n; row++)
        {
            for (int a = 0; a < p; a++)
            {
                double xa = design.X[(row * p) + a];
                if (xa == 0)
                {
                    continue;
                }

                for (int b = 0; b < r; b++)
                {
                    xtf[(a * r) + b] += xa * design.Full[(row * r) + b];
                }
            }
        }

        return (xtx, xtf);
    }

    /// <summary>lmerTest's <c>term_contain</c>: outer has all of inner's variables and more, and the same numeric ones.</summary>
    private static bool Contains(FixedEffectsLayout design, int[] outer, int[] inner)
    {
        bool SameNumerics() =>
            outer.Where(v => !design.Variables[v].IsFactor).ToHashSet().SetEquals(inner.Where(v => !design.Variables[v].IsFactor));
        return inner.All(outer.Contains) && outer.Except(inner).Any() && SameNumerics();
    }

    /// <summary>R's <c>zapsmall(x)</c>: round to 7 − ceiling(log10(max |x|)) decimals (at least 0).</summary>
    internal static Matrix<double> ZapSmall(Matrix<double> m)
    {
        double max = m.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (!(max > 0))
        {
            return m;
        }

        int digits = Math.Max(0, 7 - (int)Math.Ceiling(Math.Log10(max)));
        return m.Map(v => Math.Round(v, Math.Min(digits, 15), MidpointRounding.ToEven));
    }
}
