using System;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>A mean with its t-based 95% CI, as <c>t.test(x)$conf.int</c>: mean ± qt(0.975, n - 1) · sd / √n.</summary>
/// <param name="Lower">NaN when n &lt; 2 (R's t.test stops; the figure then draws the mean alone).</param>
public readonly record struct MeanInterval(int N, double Mean, double Sd, double Lower, double Upper)
{
    /// <summary>The mean and t interval of the non-missing (non-finite values are left out, as <see cref="Descriptives.Summarize"/> does).</summary>
    /// <remarks>The mean and SD are <see cref="Descriptives.Summarize"/>'s, computed the same way in the same order, without its sort
    /// for the quantiles: O(n).</remarks>
    public static MeanInterval Of(ReadOnlySpan<double> values)
    {
        double[] finite = new double[values.Length];
        int n = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                finite[n++] = v;
            }
        }

        if (n == 0)
        {
            return new MeanInterval(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        ReadOnlySpan<double> data = finite.AsSpan(0, n);
        double mean = Descriptives.Mean(data);
        double sd = n < 2 ? double.NaN : Math.Sqrt(Descriptives.SumOfSquaredDeviations(data, mean) / (n - 1));
        return FromMoments(n, mean, sd);
    }

    /// <summary>The t interval of a mean from its sample's n, mean and SD (NaN for n &lt; 2), as a data engine returns them (COUNT, AVG, STDDEV_SAMP).</summary>
    public static MeanInterval FromMoments(int n, double mean, double sd)
    {
        if (n == 0)
        {
            return new MeanInterval(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        if (n < 2 || !double.IsFinite(sd))
        {
            return new MeanInterval(n, mean, double.IsInfinity(sd) ? double.NaN : sd, double.NaN, double.NaN);
        }

        double half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new MeanInterval(n, mean, sd, mean - half, mean + half);
    }
}
