using System;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// Fisher's noncentral hypergeometric distribution of the [1,1] cell of a 2 x 2 table given its
/// margins: m = first column total, n = second column total, k = first row total. With odds
/// ratio psi, P(X = x) is proportional to C(m, x) C(n, k - x) psi^x on x in [max(0, k - n), min(k, m)].
/// </summary>
/// <remarks>
/// Mirrors the helpers <c>dnhyper</c>, <c>mnhyper</c> and <c>pnhyper</c> inside R's
/// <c>fisher.test</c>: the central log-densities come from the hypergeometric distribution
/// (MathNet), are tilted by x log(psi), shifted by their maximum before exponentiation and
/// normalised. Building costs O(hi - lo); each evaluation is O(hi - lo).
/// </remarks>
internal sealed class NoncentralHypergeometric
{
    private readonly double[] logCentral;

    public NoncentralHypergeometric(int m, int n, int k)
    {
        Low = Math.Max(0, k - n);
        High = Math.Min(k, m);
        logCentral = new double[High - Low + 1];
        for (int i = 0; i < logCentral.Length; i++)
        {
            logCentral[i] = Hypergeometric.PMFLn(m + n, m, k, Low + i);
        }
    }

    public int Low { get; }

    public int High { get; }

    /// <summary>Probabilities of Low..High under odds ratio <paramref name="oddsRatio"/> (finite, &gt; 0).</summary>
    public double[] Density(double oddsRatio)
    {
        double logPsi = Math.Log(oddsRatio);
        var d = new double[logCentral.Length];
        double max = double.NegativeInfinity;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = logCentral[i] + (logPsi * (Low + i));
            max = Math.Max(max, d[i]);
        }

        double sum = 0;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Math.Exp(d[i] - max);
            sum += d[i];
        }

        for (int i = 0; i < d.Length; i++)
        {
            d[i] /= sum;
        }

        return d;
    }

    /// <summary>E[X] under <paramref name="oddsRatio"/>; Low at 0 and High at infinity.</summary>
    public double Mean(double oddsRatio)
    {
        if (oddsRatio == 0)
        {
            return Low;
        }

        if (double.IsPositiveInfinity(oddsRatio))
        {
            return High;
        }

        double[] d = Density(oddsRatio);
        double mean = 0;
        for (int i = 0; i < d.Length; i++)
        {
            mean += (Low + i) * d[i];
        }

        return mean;
    }

    /// <summary>P(X &lt;= x), or P(X &gt;= x) when <paramref name="upperTail"/>, under <paramref name="oddsRatio"/>.</summary>
    public double Cdf(int x, double oddsRatio, bool upperTail)
    {
        if (oddsRatio == 0)
        {
            return (upperTail ? x <= Low : x >= Low) ? 1 : 0;
        }

        if (double.IsPositiveInfinity(oddsRatio))
        {
            return (upperTail ? x <= High : x >= High) ? 1 : 0;
        }

        double[] d = Density(oddsRatio);
        double sum = 0;
        for (int i = 0; i < d.Length; i++)
        {
            int support = Low + i;
            if (upperTail ? support >= x : support <= x)
            {
                sum += d[i];
            }
        }

        return sum;
    }
}
