using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Sample quantiles of sorted data.</summary>
public static partial class Quantiles
{
    /// <summary>
    /// The p-quantile of <paramref name="sortedAscending"/> by R's default definition (type 7).
    /// O(1): the data must already be sorted ascending and free of NaN.
    /// </summary>
    /// <param name="sortedAscending">Non-missing values, sorted ascending.</param>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>The quantile; NaN for empty data or a probability outside [0, 1].</returns>
    /// <remarks>
    /// With n values x(1) &lt;= ... &lt;= x(n), the position is h = 1 + (n - 1) p; the quantile
    /// interpolates linearly between the order statistics x(floor h) and x(ceiling h):
    /// (1 - g) x(floor h) + g x(ceiling h) with g = h - floor h. Hyndman and Fan (1996),
    /// "Sample quantiles in statistical packages", The American Statistician 50(4), definition 7.
    /// The arithmetic follows R's <c>quantile.default</c> (src/library/stats/R/quantile.R) term by
    /// term, so results agree with <c>quantile(x, p, type = 7)</c> to the last bit or two.
    /// </remarks>
    public static double Type7(ReadOnlySpan<double> sortedAscending, double p)
    {
        int n = sortedAscending.Length;
        if (n == 0 || double.IsNaN(p) || p < 0 || p > 1)
        {
            return double.NaN;
        }

        // R works with 1-based indices: index = 1 + (n - 1) * p.
        double index = 1 + ((n - 1) * p);
        double lo = Math.Floor(index);
        double hi = Math.Ceiling(index);
        double low = sortedAscending[(int)lo - 1];
        double high = sortedAscending[(int)hi - 1];
        if (index > lo && high != low)
        {
            double h = index - lo;
            return ((1 - h) * low) + (h * high);
        }

        return low;
    }
}
