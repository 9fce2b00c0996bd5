using System;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The line search of the Newton polish that the lmer and MMRM optimisers share: the full step, then halves of it
/// down to 1e-10 of it, until one does not raise the criterion (Nocedal &amp; Wright 2006, <i>Numerical
/// Optimization</i>, §3.1, backtracking with the simple-decrease condition).
/// </summary>
internal static class StepHalving
{
    /// <summary>θ + s·direction with the largest s in 1, ½, ¼, … above 1e-10 whose value is ≤ <paramref name="value"/>; null when none.</summary>
    public static (double[] Next, double Value)? Step(Func<double[], double> f, double[] theta, double value, Vector<double> direction)
    {
        for (double scale = 1; scale > 1e-10; scale /= 2)
        {
            double[] next = theta.Select((t, i) => t + (scale * direction[i])).ToArray();
            double nextValue = f(next);
            if (nextValue <= value)
            {
                return (next, nextValue);
            }
        }

        return null;
    }

    /// <summary>The largest relative change |θ'ᵢ − θᵢ| / (1 + |θ'ᵢ|) of a step, the optimisers' stopping measure.</summary>
    public static double RelativeSize(double[] next, double[] theta) =>
        next.Select((t, i) => Math.Abs(t - theta[i]) / (1 + Math.Abs(t))).Max();
}
