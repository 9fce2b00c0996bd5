using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// ℓ'β of a mixed model or MMRM over the full design's columns: ℓ is reduced to the kept (non-aliased) columns when
/// it is estimable (<see cref="Estimability"/>), then its variance and df come from the fit's inference (Satterthwaite
/// or Kenward-Roger), as lmerTest's <c>contest1D</c> and mmrm's <c>df_1d</c>; NaN when not estimable.
/// </summary>
internal sealed class FixedEffectsContrasts : IContrastEstimator
{
    private readonly IFixedEffectsInference _inference;
    private readonly Estimability _estimability;
    private readonly Vector<double> _beta;

    public FixedEffectsContrasts(IFixedEffectsInference inference, Estimability estimability, IReadOnlyList<double> beta, int columns)
    {
        _inference = inference;
        _estimability = estimability;
        _beta = Vector<double>.Build.Dense(beta.ToArray());
        Columns = columns;
    }

    public int Columns { get; }

    public ContrastEstimate Estimate(IReadOnlyList<double> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (l.Count != Columns)
        {
            throw new ArgumentException($"ℓ needs {Columns} coefficients.", nameof(l));
        }

        Vector<double>? reduced = _estimability.Reduce(l.ToArray());
        if (reduced is null)
        {
            return new ContrastEstimate(double.NaN, double.NaN, double.NaN);
        }

        (double variance, double df) = _inference.Contrast(reduced);
        return new ContrastEstimate(reduced.DotProduct(_beta), Math.Sqrt(variance), df);
    }
}
