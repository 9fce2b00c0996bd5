using System;

namespace ProtocolLang.Runtime.Statistics;

/// <content>The nine sample-quantile definitions of R's <c>quantile()</c>.</content>
public static partial class Quantiles
{
    /// <summary>R's <c>.Machine$double.eps</c>, 2^-52.</summary>
    private const double RMachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// The p-quantile of <paramref name="sortedAscending"/> by definition <paramref name="type"/>
    /// (1 to 9) of Hyndman and Fan (1996), as R's <c>quantile(x, p, type = type)</c>.
    /// O(1): the data must already be sorted ascending and free of NaN.
    /// </summary>
    /// <param name="sortedAscending">Non-missing values, sorted ascending.</param>
    /// <param name="p">Probability in [0, 1].</param>
    /// <param name="type">Quantile definition, 1 to 9; 7 is R's default and <see cref="Type7"/>.</param>
    /// <returns>The quantile; NaN for empty data or a probability outside [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not 1 to 9.</exception>
    /// <remarks>
    /// With order statistics x(1) &lt;= ... &lt;= x(n) (x(j) taken as x(1) for j &lt; 1 and as
    /// x(n) for j &gt; n), each definition is (1 - h) x(j) + h x(j + 1) for a position j and a
    /// weight h:
    /// <list type="bullet">
    /// <item>Types 1 to 3 (discontinuous): with m = n p (type 3: n p - 1/2) and j = floor(m),
    /// type 1 (inverse of the empirical CDF) takes h = 1 if m &gt; j, else 0; type 2 (the same,
    /// averaging at discontinuities) h = 1 if m &gt; j, else 1/2; type 3 (nearest even order
    /// statistic, SAS definition 2) h = 1 unless m = j with j even, then 0.</item>
    /// <item>Types 4 to 9 (continuous): m = a + p (n + 1 - a - b), j = floor(m), h = m - j, with
    /// (a, b) = (0, 1) for type 4 (linear interpolation of the empirical CDF), (1/2, 1/2) type 5
    /// (piecewise linear, knots at the midpoints), (0, 0) type 6 (p(k) = E[F(x(k))], Minitab and
    /// SPSS), (1, 1) type 7 (mode), (1/3, 1/3) type 8 (approximately median-unbiased, recommended
    /// by Hyndman and Fan) and (3/8, 3/8) type 9 (approximately unbiased for normal data).</item>
    /// </list>
    /// Hyndman and Fan (1996), "Sample quantiles in statistical packages", The American
    /// Statistician 50(4), 361-365. The arithmetic follows R's <c>quantile.default</c>
    /// (src/library/stats/R/quantile.R, R 4.2) term by term, including its guard of
    /// 4 * .Machine$double.eps against rounding in m for types 4 to 9 (none for types 1 to 3), and
    /// interpolates only between unequal neighbours, so that infinite values behave as in R.
    /// R: <c>quantile(x, p, type = type, names = FALSE)</c>.
    /// </remarks>
    public static double Of(ReadOnlySpan<double> sortedAscending, double p, int type)
    {
        if (type < 1 || type > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "quantile type must be 1 to 9");
        }

        if (type == 7)
        {
            return Type7(sortedAscending, p);
        }

        int n = sortedAscending.Length;
        if (n == 0 || double.IsNaN(p) || p < 0 || p > 1)
        {
            return double.NaN;
        }

        double j;
        double h;
        if (type <= 3)
        {
            double m = type == 3 ? (n * p) - 0.5 : n * p;
            j = Math.Floor(m);
            h = type switch
            {
                1 => m > j ? 1 : 0,
                2 => m > j ? 1 : 0.5,
                _ => m != j || Math.Abs(j % 2) == 1 ? 1 : 0,
            };
        }
        else
        {
            (double a, double b) = type switch
            {
                4 => (0.0, 1.0),
                5 => (0.5, 0.5),
                6 => (0.0, 0.0),
                8 => (1.0 / 3, 1.0 / 3),
                _ => (3.0 / 8, 3.0 / 8),
            };
            const double fuzz = 4 * RMachineEpsilon;
            double m = a + (p * (n + 1 - a - b));
            j = Math.Floor(m + fuzz);
            h = m - j;
            if (Math.Abs(h) < fuzz)
            {
                h = 0;
            }
        }

        double low = OrderStatistic(sortedAscending, j);
        double high = OrderStatistic(sortedAscending, j + 1);
        if (h == 1)
        {
            return high;
        }

        if (h > 0 && h < 1 && low != high)
        {
            return ((1 - h) * low) + (h * high);
        }

        return low;
    }

    /// <summary>x(j), 1-based, with j below 1 read as x(1) and above n as x(n), as R pads.</summary>
    private static double OrderStatistic(ReadOnlySpan<double> sortedAscending, double j)
    {
        int n = sortedAscending.Length;
        int k = j < 1 ? 1 : j > n ? n : (int)j;
        return sortedAscending[k - 1];
    }
}
