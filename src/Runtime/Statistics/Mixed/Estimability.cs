using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Which linear functions x'β of a rank-deficient design are estimable, and their coefficients
/// on the columns kept. Each dropped column is xⱼ = X_kept cⱼ (cⱼ by least squares from Xᵀ X);
/// x'β is estimable when x is orthogonal to the null space of X, spanned by (−cⱼ, eⱼ): that is,
/// xⱼ = x_keptᵀ cⱼ for every dropped j (to 1e-8 relative). Then, since the fit sets the dropped
/// coefficients to 0 and x'β is the same for every solution, the estimate is x_keptᵀ β_kept.
/// Searle (1971), <i>Linear Models</i>, section 5.4; emmeans' <c>estimability::nonest.basis</c>
/// reports the others as "nonEst".
/// </summary>
internal sealed class Estimability
{
    private const double Tolerance = 1e-8;
    private readonly int[] _kept;
    private readonly int[] _dropped;
    private readonly Vector<double>[] _aliases;

    public Estimability(FixedEffectsDesign design, IReadOnlyCollection<int> dropped)
        : this(dropped.Count == 0 ? [] : FixedEffectsRank.CrossProduct(design.X, design.Rows, design.Columns), design.Columns, dropped)
    {
    }

    /// <param name="xtx">Xᵀ X of all the design's columns (row-major p × p); unused when nothing is dropped.</param>
    public Estimability(double[] xtx, int p, IReadOnlyCollection<int> dropped)
    {
        _dropped = dropped.ToArray();
        _kept = Enumerable.Range(0, p).Where(c => !dropped.Contains(c)).ToArray();
        _aliases = Array.Empty<Vector<double>>();
        if (_dropped.Length == 0)
        {
            return;
        }

        var gram = Matrix<double>.Build.Dense(_kept.Length, _kept.Length, (i, j) => xtx[(_kept[i] * p) + _kept[j]]).Cholesky();
        _aliases = _dropped.Select(d => gram.Solve(Vector<double>.Build.Dense(_kept.Length, i => xtx[(_kept[i] * p) + d]))).ToArray();
    }

    /// <summary>x restricted to the kept columns, or null when x'β is not estimable.</summary>
    public Vector<double>? Reduce(ReadOnlySpan<double> x)
    {
        var kept = Vector<double>.Build.Dense(_kept.Length);
        for (int i = 0; i < _kept.Length; i++)
        {
            kept[i] = x[_kept[i]];
        }

        for (int k = 0; k < _dropped.Length; k++)
        {
            double implied = kept.DotProduct(_aliases[k]);
            double scale = Math.Max(1, Math.Max(Math.Abs(x[_dropped[k]]), kept.L1Norm()));
            if (Math.Abs(implied - x[_dropped[k]]) > Tolerance * scale)
            {
                return null;
            }
        }

        return kept;
    }
}
