using System;
using System.Collections.Generic;
using MathNet.Numerics.RootFinding;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Conditional maximum likelihood odds ratio and its exact confidence limits.</summary>
public static partial class FisherExact
{
    /// <summary>Smallest t searched when solving for 1/t, as R (<c>.Machine$double.eps</c>).</summary>
    private const double SmallestT = 2.220446049250313e-16;

    /// <summary>Root tolerance on t in (0, 1]; R's <c>uniroot</c> default is 1.2e-4.</summary>
    private const double RootAccuracy = 1e-14;

    /// <summary>
    /// The psi with E[X; psi] = x: 0 when x is the smallest possible count, infinity when it is the
    /// largest. Below the null mean the root lies in (0, 1); above it, 1/psi does.
    /// </summary>
    private static double ConditionalMle(NoncentralHypergeometric h, int x, List<string> warnings)
    {
        if (x == h.Low)
        {
            return 0;
        }

        if (x == h.High)
        {
            return double.PositiveInfinity;
        }

        double mu = h.Mean(1);
        if (mu > x)
        {
            return Root(t => h.Mean(t) - x, 0, warnings);
        }

        if (mu < x)
        {
            return 1 / Root(t => h.Mean(1 / t) - x, SmallestT, warnings);
        }

        return 1;
    }

    /// <summary>Exact two-sided limits: P(X &gt;= x; low) = alpha and P(X &lt;= x; high) = alpha.</summary>
    private static (double Low, double High) ConfidenceInterval(NoncentralHypergeometric h, int x, double alpha, List<string> warnings)
    {
        double low;
        if (x == h.Low)
        {
            low = 0;
        }
        else
        {
            double p = h.Cdf(x, 1, upperTail: true);
            low = p > alpha ? Root(t => h.Cdf(x, t, upperTail: true) - alpha, 0, warnings)
                : p < alpha ? 1 / Root(t => h.Cdf(x, 1 / t, upperTail: true) - alpha, SmallestT, warnings)
                : 1;
        }

        double high;
        if (x == h.High)
        {
            high = double.PositiveInfinity;
        }
        else
        {
            double p = h.Cdf(x, 1, upperTail: false);
            high = p < alpha ? Root(t => h.Cdf(x, t, upperTail: false) - alpha, 0, warnings)
                : p > alpha ? 1 / Root(t => h.Cdf(x, 1 / t, upperTail: false) - alpha, SmallestT, warnings)
                : 1;
        }

        return (low, high);
    }

    private static double Root(Func<double, double> f, double lower, List<string> warnings)
    {
        if (Brent.TryFindRoot(f, lower, 1, RootAccuracy, 200, out double root))
        {
            return root;
        }

        warnings.Add("odds ratio root search did not converge");
        return double.NaN;
    }
}
