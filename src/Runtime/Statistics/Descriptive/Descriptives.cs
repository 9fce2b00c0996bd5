using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Descriptive statistics of a continuous variable.</summary>
public static partial class Descriptives
{
    /// <summary>
    /// Counts, mean, SD, median, quartiles and range of <paramref name="values"/>; NaN marks a
    /// missing value. Copies and sorts the non-missing values once: O(n log n) time, O(n) memory.
    /// </summary>
    /// <remarks>
    /// Mean: sum / n, refined by one correction pass (the mean of the residuals is added back), as
    /// R's <c>mean()</c> does. SD: square root of sum((x - mean)^2) / (n - 1), the two-pass formula
    /// of R's <c>sd()</c>/<c>var()</c> (src/library/stats/src/cov.c). Median: the middle order
    /// statistic, or the average of the two middle ones for even n, as <c>median()</c>. Quartiles:
    /// <see cref="Quantiles.Type7"/>, R's <c>quantile(x, c(0.25, 0.75))</c>.
    /// With no values every statistic is NaN; with one value the SD is NaN (R gives NA). Non-finite
    /// values count as missing; an SD whose squares overflow is NaN.
    /// </remarks>
    public static ContinuousSummary Summarize(ReadOnlySpan<double> values)
    {
        double[] sorted = new double[values.Length];
        int n = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                sorted[n++] = v;
            }
        }

        int missing = values.Length - n;
        if (n == 0)
        {
            return new ContinuousSummary(0, missing, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Span<double> data = sorted.AsSpan(0, n);
        double mean = Mean(data);
        double sd = n < 2 ? double.NaN : Math.Sqrt(SumOfSquaredDeviations(data, mean) / (n - 1));
        if (double.IsInfinity(sd))
        {
            // Squared deviations beyond double range (values near ±1e154 and more): NA, never Inf.
            sd = double.NaN;
        }
        data.Sort();
        double median = Median(data);
        return new ContinuousSummary(
            n,
            missing,
            mean,
            sd,
            median,
            Quantiles.Type7(data, 0.25),
            Quantiles.Type7(data, 0.75),
            data[0],
            data[n - 1]);
    }

    /// <summary>The middle order statistic, or the mean of the two middle ones for even n, as R's <c>median()</c>; NaN when empty.</summary>
    internal static double Median(ReadOnlySpan<double> sortedAscending)
    {
        int n = sortedAscending.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sortedAscending[n / 2] : (sortedAscending[(n / 2) - 1] + sortedAscending[n / 2]) / 2;
    }

    /// <summary>Mean with one refinement pass, as R's <c>mean()</c>; the span must be non-empty.</summary>
    internal static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length;
        if (double.IsInfinity(mean))
        {
            // Finite values whose sum overflows (two of 1e308): R's long-double accumulator keeps
            // the range, so average term by term instead of returning infinity.
            mean = 0;
            foreach (double v in values)
            {
                mean += v / values.Length;
            }
        }

        if (double.IsFinite(mean))
        {
            double residual = 0;
            foreach (double v in values)
            {
                residual += v - mean;
            }

            mean += residual / values.Length;
        }

        return mean;
    }

    /// <summary>Sum of (x - mean)^2: the numerator of the sample variance.</summary>
    internal static double SumOfSquaredDeviations(ReadOnlySpan<double> values, double mean)
    {
        double sum = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            sum += d * d;
        }

        return sum;
    }
}
