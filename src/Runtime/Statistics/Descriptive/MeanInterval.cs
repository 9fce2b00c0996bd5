using System;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>A mean with its t-based 95% CI, as <c>t.test(x)$conf.int</c>: mean ± qt(0.975, n - 1) · sd / √n.</summary>
/// <param name="Lower">NaN when n &lt; 2 (R's t.test stops; the figure then draws the mean alone).</param>
public readonly record struct MeanInterval(int N, double Mean, double Sd, double Lower, double Upper)
{
    /// <summary>The mean and t interval of the non-missing (non-NaN) values.</summary>
    public static MeanInterval Of(ReadOnlySpan<double> values)
    {
        ContinuousSummary s = Descriptives.Summarize(values);
        if (s.N < 2 || double.IsNaN(s.StandardDeviation))
        {
            return new MeanInterval(s.N, s.Mean, s.StandardDeviation, double.NaN, double.NaN);
        }

        double half = StudentT.InvCDF(0, 1, s.N - 1, 0.975) * s.StandardDeviation / Math.Sqrt(s.N);
        return new MeanInterval(s.N, s.Mean, s.StandardDeviation, s.Mean - half, s.Mean + half);
    }
}
