using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The numbers a box plot draws, as R's <c>boxplot.stats(x, coef = 1.5)</c>.</summary>
/// <param name="LowerWhisker">The smallest value within 1.5 IQR of the lower hinge.</param>
/// <param name="LowerHinge">Tukey's lower hinge (<c>fivenum(x)[2]</c>), not the type-7 quartile.</param>
/// <param name="UpperHinge">Tukey's upper hinge (<c>fivenum(x)[4]</c>).</param>
/// <param name="UpperWhisker">The largest value within 1.5 IQR of the upper hinge.</param>
/// <param name="Outliers">Values beyond the whiskers, ascending (R keeps data order; the set is the same).</param>
public sealed record BoxStatistics(
    int N,
    int Missing,
    double LowerWhisker,
    double LowerHinge,
    double Median,
    double UpperHinge,
    double UpperWhisker,
    IReadOnlyList<double> Outliers)
{
    /// <summary>
    /// Tukey's five numbers of sorted values, as R's <c>fivenum</c> (stats/R/fivenum.R):
    /// <c>n4 = floor((n + 3) / 2) / 2</c>, depths <c>d = (1, n4, (n + 1) / 2, n + 1 - n4, n)</c>,
    /// each number the mean of the values at <c>floor(d)</c> and <c>ceiling(d)</c> (1-based).
    /// </summary>
    public static double[] FiveNumbers(ReadOnlySpan<double> sortedAscending)
    {
        int n = sortedAscending.Length;
        if (n == 0)
        {
            return [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];
        }

        double n4 = Math.Floor((n + 3) / 2.0) / 2.0;
        double[] depths = [1, n4, (n + 1) / 2.0, n + 1 - n4, n];
        var result = new double[5];
        for (int i = 0; i < 5; i++)
        {
            int low = (int)Math.Floor(depths[i]) - 1;
            int high = (int)Math.Ceiling(depths[i]) - 1;
            result[i] = 0.5 * (sortedAscending[low] + sortedAscending[high]);
        }

        return result;
    }

    /// <summary>
    /// As <c>boxplot.stats(x, coef)</c> (grDevices/R/boxplot.R): the five numbers, and when values lie
    /// beyond <c>coef</c> times the hinge spread from the hinges, whiskers at the range of the others.
    /// NaN (or an infinity) marks a missing value; missing values are counted and left out.
    /// </summary>
    public static BoxStatistics Of(ReadOnlySpan<double> values, double coef = 1.5)
    {
        if (coef < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coef), "coef must not be negative.");
        }

        double[] sorted = StableOrder.SortedFinite(values);
        return OfSorted(sorted, values.Length, coef);
    }

    /// <summary>
    /// As <see cref="Of"/>, of values already sorted ascending and finite, from a group of <paramref name="count"/>
    /// values (the others, missing or infinite, are counted as missing).
    /// </summary>
    internal static BoxStatistics OfSorted(ReadOnlySpan<double> sortedFinite, int count, double coef = 1.5)
    {
        if (coef < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coef), "coef must not be negative.");
        }

        ReadOnlySpan<double> sorted = sortedFinite;
        int missing = count - sorted.Length;
        double[] stats = FiveNumbers(sorted);
        double[] outliers = [];
        if (coef > 0 && sorted.Length > 0)
        {
            double iqr = stats[3] - stats[1];
            double low = stats[1] - (coef * iqr);
            double high = stats[3] + (coef * iqr);
            // Sorted, so the values inside the fences are one run: those below it and above it are the outliers.
            int first = 0;
            while (first < sorted.Length && !(sorted[first] >= low && sorted[first] <= high))
            {
                first++;
            }

            int last = sorted.Length - 1;
            while (last >= first && !(sorted[last] >= low && sorted[last] <= high))
            {
                last--;
            }

            if (first > 0 || last < sorted.Length - 1)
            {
                var beyond = new List<double>(first + (sorted.Length - 1 - last));
                foreach (double v in sorted)
                {
                    if (v < low || v > high)
                    {
                        beyond.Add(v);
                    }
                }

                outliers = beyond.ToArray();
                stats[0] = sorted[first];
                stats[4] = sorted[last];
            }
        }

        return new BoxStatistics(sorted.Length, missing, stats[0], stats[1], stats[2], stats[3], stats[4], outliers);
    }
}
