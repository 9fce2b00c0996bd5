using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Mmrm;

/// <summary>
/// The REML criterion of an MMRM and the generalised least-squares β at a given θ:
/// −2 l_R(θ) = (n − p) log 2π + Σᵢ log|Σᵢ| + log|Xᵀ V⁻¹ X| + rᵀ V⁻¹ r, r = y − X β̂(θ), Σᵢ the
/// rows and columns of Σ(θ) at subject i's visits (mmrm package vignette "Details of the model
/// fitting", REML; Harville 1977, JASA 72:320–338).
/// </summary>
/// <remarks>
/// Subjects with the same visits share Σᵢ, so its Cholesky factor is taken once per visit
/// pattern; each subject's rows are then whitened (Lᵢ⁻¹ Xᵢ, Lᵢ⁻¹ yᵢ) and accumulated into
/// Xᵀ V⁻¹ X, Xᵀ V⁻¹ y and yᵀ V⁻¹ y. O(n·m·p + n·p²) per evaluation.
/// </remarks>
internal sealed class MmrmCriterion
{
    private readonly double[] _y;
    private readonly double[] _x;
    private readonly int _p;
    private readonly int _m;
    private readonly MmrmCovarianceKind _kind;
    private readonly (int[] Visits, int[][] Subjects)[] _patterns;

    public MmrmCriterion(MmrmInput input, double[] x, int p, MmrmCovarianceKind kind)
    {
        _y = input.Response;
        _x = x;
        _p = p;
        _m = input.VisitNames.Count;
        _kind = kind;
        var rows = new List<int>[input.Subjects];
        for (int r = 0; r < _y.Length; r++)
        {
            (rows[input.Subject[r]] ??= new List<int>()).Add(r);
        }

        // Each subject's rows in visit order; subjects grouped by their visit pattern.
        int[] visit = input.Visit;
        _patterns = rows
            .Select(list => list.OrderBy(r => visit[r]).ToArray())
            .GroupBy(list => string.Join(",", list.Select(r => visit[r])))
            .Select(g => (g.First().Select(r => visit[r]).ToArray(), g.ToArray()))
            .ToArray();
    }

    public int ParameterCount => MmrmCovariance.Parameters(_kind, _m);

    public int Observations => _y.Length;

    public double Value(double[] theta) => Solve(theta)?.Criterion ?? double.MaxValue;

    /// <summary>β̂, (Xᵀ V⁻¹ X)⁻¹ and the criterion at θ; null when Σ(θ) or Xᵀ V⁻¹ X is not positive definite (numerically).</summary>
    public Solution? Solve(double[] theta) => SolveAt(MmrmCovariance.Build(_kind, _m, theta));

    /// <summary>As <see cref="Solve"/> at Σ itself (row-major m × m), whatever parameters gave it.</summary>
    public Solution? SolveAt(double[] sigma)
    {
        int p = _p, m = _m;
        var xtvx = new double[p * p];
        var xtvy = new double[p];
        double ytvy = 0, logDet = 0;
        var chol = new double[m * m];
        var xw = new double[m * p];
        var yw = new double[m];
        foreach ((int[] visits, int[][] subjects) in _patterns)
        {
            int k = visits.Length;
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    chol[(i * k) + j] = sigma[(visits[i] * m) + visits[j]];
                }
            }

            if (!Dense.CholeskyInPlace(chol, k))
            {
                return null;
            }

            double patternLogDet = 0;
            for (int i = 0; i < k; i++)
            {
                patternLogDet += 2 * Math.Log(chol[(i * k) + i]);
            }

            foreach (int[] rows in subjects)
            {
                logDet += patternLogDet;
                for (int i = 0; i < k; i++)
                {
                    int r = rows[i];
                    double yi = _y[r];
                    for (int c = 0; c < p; c++)
                    {
                        xw[(i * p) + c] = _x[(r * p) + c];
                    }

                    for (int j = 0; j < i; j++)
                    {
                        double lij = chol[(i * k) + j];
                        yi -= lij * yw[j];
                        for (int c = 0; c < p; c++)
                        {
                            xw[(i * p) + c] -= lij * xw[(j * p) + c];
                        }
                    }

                    double lii = chol[(i * k) + i];
                    yw[i] = yi / lii;
                    for (int c = 0; c < p; c++)
                    {
                        xw[(i * p) + c] /= lii;
                    }

                    ytvy += yw[i] * yw[i];
                    for (int a = 0; a < p; a++)
                    {
                        double xa = xw[(i * p) + a];
                        xtvy[a] += xa * yw[i];
                        for (int b = 0; b <= a; b++)
                        {
                            xtvx[(a * p) + b] += xa * xw[(i * p) + b];
                        }
                    }
                }
            }
        }

        var factor = (double[])xtvx.Clone();
        if (!Dense.CholeskyInPlace(factor, p))
        {
            return null;
        }

        double logDetXtVX = 0;
        for (int a = 0; a < p; a++)
        {
            logDetXtVX += 2 * Math.Log(factor[(a * p) + a]);
        }

        double[] covariance = Dense.InverseFromCholesky(factor, p);
        var beta = new double[p];
        double fitted = 0;
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                beta[a] += covariance[(a * p) + b] * xtvy[b];
            }

            fitted += beta[a] * xtvy[a];
        }

        double criterion = ((_y.Length - p) * Math.Log(2 * Math.PI)) + logDet + logDetXtVX + (ytvy - fitted);
        return new Solution(beta, covariance, sigma, criterion);
    }

    /// <summary>
    /// Per visit pattern, its visits and C[(a·k + b)·p² + c₁·p + c₂] = Σᵢ Xᵢ[a, c₁] Xᵢ[b, c₂] over its subjects (k visits):
    /// then Σᵢ Xᵢᵀ A Xᵢ = Σ_ab A_ab C[a, b] for any k × k matrix A, in O(k² p²) whatever the number of subjects.
    /// </summary>
    public IEnumerable<(int[] Visits, double[] Cross)> PatternCrossProducts()
    {
        int p = _p;
        foreach ((int[] visits, int[][] subjects) in _patterns)
        {
            int k = visits.Length;
            var cross = new double[k * k * p * p];
            foreach (int[] rows in subjects)
            {
                for (int a = 0; a < k; a++)
                {
                    for (int b = 0; b < k; b++)
                    {
                        int offset = ((a * k) + b) * p * p;
                        for (int c1 = 0; c1 < p; c1++)
                        {
                            double xa = _x[(rows[a] * p) + c1];
                            if (xa == 0)
                            {
                                continue;
                            }

                            for (int c2 = 0; c2 < p; c2++)
                            {
                                cross[offset + (c1 * p) + c2] += xa * _x[(rows[b] * p) + c2];
                            }
                        }
                    }
                }
            }

            yield return (visits, cross);
        }
    }

    /// <summary>β̂ (p), its covariance (Xᵀ V⁻¹ X)⁻¹ and Σ (row-major), and −2 l_R.</summary>
    internal sealed record Solution(double[] Beta, double[] Covariance, double[] Sigma, double Criterion);
}
