using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// A sample held as its distinct finite values, ascending, each with how often it occurs: what an engine returns for
/// <c>GROUP BY value</c> (<c>SqlValueCounts</c>), so a group of 10^7 subjects with few distinct values costs a few
/// arrays, and one with 10^7 distinct values two columns (a double and a long each), never one object per subject.
/// Every statistic here is the one the sorted sample gives (<see cref="Descriptives.Summarize"/>, <see cref="Quantiles.Type7"/>,
/// <see cref="BoxStatistics.OfSorted"/>): the order statistic x(k) is found by a binary search over the running counts
/// (O(log d) for d distinct values), so quantiles, the median, the hinges and the range are exact, not approximate.
/// </summary>
public sealed class CountedValues
{
    private readonly double[] _values;
    private readonly long[] _counts;

    // _end[i]: how many values are at most _values[i] (the running count), for the order statistics.
    private readonly long[] _end;

    /// <param name="values">The distinct values, strictly ascending and finite.</param>
    /// <param name="counts">How often each occurs (each at least 1).</param>
    public CountedValues(double[] values, long[] counts)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        if (values.Length != counts.Length)
        {
            throw new ArgumentException("one count per distinct value", nameof(counts));
        }

        _values = values;
        _counts = counts;
        _end = new long[values.Length];
        long total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (counts[i] < 1 || !double.IsFinite(values[i]) || (i > 0 && !(values[i - 1] < values[i])))
            {
                throw new ArgumentException("values must be finite and strictly ascending, each with a positive count", nameof(values));
            }

            total += counts[i];
            _end[i] = total;
        }

        N = checked((int)total);
    }

    /// <summary>The number of values (the sum of the counts).</summary>
    public int N { get; }

    /// <summary>The distinct values, ascending.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The count of each distinct value.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>The order statistic x(k + 1): the value at 0-based position <paramref name="k"/> of the sorted sample.</summary>
    public double At(long k)
    {
        if (k < 0 || k >= N)
        {
            throw new ArgumentOutOfRangeException(nameof(k));
        }

        int found = Array.BinarySearch(_end, k + 1);
        return _values[found >= 0 ? found : ~found];
    }

    /// <summary>
    /// The mean as <see cref="Descriptives.Mean"/> (R's <c>mean()</c>: sum / n, refined by the mean of the residuals),
    /// each distinct value weighted by its count; NaN when empty. The residual pass is what keeps it safe: the moments
    /// are taken in C# from the exact value counts by the two-pass algorithm (Chan, Golub and LeVeque 1983, "Algorithms
    /// for computing the sample variance: analysis and recommendations", The American Statistician 37(3), 242-247:
    /// the corrected two-pass formula), never from Σx² − (Σx)²/n, whose cancellation loses every digit when the mean is
    /// large beside the spread.
    /// </summary>
    public double Mean()
    {
        if (N == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            sum += _counts[i] * _values[i];
        }

        double mean = sum / N;
        if (double.IsInfinity(mean))
        {
            mean = 0;
            for (int i = 0; i < _values.Length; i++)
            {
                mean += _counts[i] * (_values[i] / N);
            }
        }

        if (double.IsFinite(mean))
        {
            double residual = 0;
            for (int i = 0; i < _values.Length; i++)
            {
                residual += _counts[i] * (_values[i] - mean);
            }

            mean += residual / N;
        }

        return mean;
    }

    /// <summary>Σ (x − mean)² over the sample, as <see cref="Descriptives.SumOfSquaredDeviations"/>.</summary>
    public double SumOfSquaredDeviations(double mean)
    {
        double sum = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            double d = _values[i] - mean;
            sum += _counts[i] * (d * d);
        }

        return sum;
    }

    /// <summary>Size, mean and sample variance, as <see cref="GroupMoments.Of"/> gives them from the values.</summary>
    public GroupMoments Moments()
    {
        if (N == 0)
        {
            return new GroupMoments(0, double.NaN, double.NaN);
        }

        double mean = Mean();
        return new GroupMoments(N, mean, N < 2 ? 0 : SumOfSquaredDeviations(mean) / (N - 1));
    }

    /// <summary>
    /// n, mean, SD, median, quartiles (type 7) and range, as <see cref="Descriptives.Summarize"/> gives them from the
    /// sample with <paramref name="missing"/> missing values.
    /// </summary>
    public ContinuousSummary Summarize(int missing)
    {
        if (N == 0)
        {
            return new ContinuousSummary(0, missing, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = Mean();
        double sd = N < 2 ? double.NaN : Math.Sqrt(SumOfSquaredDeviations(mean) / (N - 1));
        if (double.IsInfinity(sd))
        {
            sd = double.NaN;
        }

        return new ContinuousSummary(N, missing, mean, sd, Median(), Type7(0.25), Type7(0.75), _values[0], _values[^1]);
    }

    /// <summary>The middle order statistic, or the mean of the two middle ones, as <see cref="Descriptives.Median"/>.</summary>
    public double Median() => N == 0 ? double.NaN : N % 2 == 1 ? At(N / 2) : (At((N / 2) - 1) + At(N / 2)) / 2;

    /// <summary>R's type-7 quantile, the arithmetic of <see cref="Quantiles.Type7"/> term by term.</summary>
    public double Type7(double p)
    {
        if (N == 0 || double.IsNaN(p) || p < 0 || p > 1)
        {
            return double.NaN;
        }

        double index = 1 + ((N - 1) * p);
        double lo = Math.Floor(index);
        double hi = Math.Ceiling(index);
        double low = At((long)lo - 1);
        double high = At((long)hi - 1);
        if (index > lo && high != low)
        {
            double h = index - lo;
            return ((1 - h) * low) + (h * high);
        }

        return low;
    }

    /// <summary>
    /// R's <c>boxplot.stats(x, coef = 1.5)</c> as <see cref="BoxStatistics.OfSorted"/>: Tukey's five numbers
    /// (<c>fivenum</c>'s depths), whiskers at the most extreme values inside the fences, and the values beyond them
    /// (each as often as it occurs), ascending. <paramref name="size"/> counts the group's missing values too.
    /// </summary>
    public BoxStatistics Box(int size, double coef = 1.5)
    {
        int missing = size - N;
        if (N == 0)
        {
            return new BoxStatistics(0, missing, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, []);
        }

        double n4 = Math.Floor((N + 3) / 2.0) / 2.0;
        double[] depths = [1, n4, (N + 1) / 2.0, N + 1 - n4, N];
        var stats = new double[5];
        for (int i = 0; i < 5; i++)
        {
            stats[i] = 0.5 * (At((long)Math.Floor(depths[i]) - 1) + At((long)Math.Ceiling(depths[i]) - 1));
        }

        var outliers = new List<double>();
        if (coef > 0)
        {
            double iqr = stats[3] - stats[1];
            double low = stats[1] - (coef * iqr);
            double high = stats[3] + (coef * iqr);
            int first = 0;
            while (first < _values.Length && !(_values[first] >= low && _values[first] <= high))
            {
                first++;
            }

            int last = _values.Length - 1;
            while (last >= first && !(_values[last] >= low && _values[last] <= high))
            {
                last--;
            }

            if (first > 0 || last < _values.Length - 1)
            {
                for (int i = 0; i < _values.Length; i++)
                {
                    if (_values[i] < low || _values[i] > high)
                    {
                        for (long c = 0; c < _counts[i]; c++)
                        {
                            outliers.Add(_values[i]);
                        }
                    }
                }

                // The hinges lie inside the fences, so the run inside is never empty: the whiskers are its ends.
                stats[0] = _values[first];
                stats[4] = _values[last];
            }
        }

        return new BoxStatistics(N, missing, stats[0], stats[1], stats[2], stats[3], stats[4], outliers.ToArray());
    }

    /// <summary>The sample itself, ascending: only for small samples (a box plot's points, an exact test of fewer than 50).</summary>
    public double[] Expand()
    {
        var sorted = new double[N];
        int k = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            for (long c = 0; c < _counts[i]; c++)
            {
                sorted[k++] = _values[i];
            }
        }

        return sorted;
    }
}
