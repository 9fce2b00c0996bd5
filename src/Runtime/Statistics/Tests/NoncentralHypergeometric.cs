using System;
using System.Collections.Generic;
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

    /// <summary>
    /// The distribution of the sum of K independent [1,1] cells, each with its own margins (m, n, k) and the one common
    /// odds ratio psi: the null distribution of R's <c>mantelhaen.test(exact = TRUE)</c>. The central density is the
    /// convolution of the K central hypergeometric densities, normalised after each step so that it never overflows
    /// (R computes it in <c>d2x2xk</c> the same way); tilting by psi^x then gives the noncentral one, because each
    /// stratum's factor psi^(x_k) multiplies into psi^(sum x_k) (Mehta, Patel and Gray 1985, JASA 80, 969-973;
    /// Agresti 2002, section 6.7.5). O(K · range²) to build, range = High - Low.
    /// </summary>
    public NoncentralHypergeometric(IReadOnlyList<(int M, int N, int K)> strata)
    {
        ArgumentNullException.ThrowIfNull(strata);
        double[] density = [1];
        int low = 0;
        foreach ((int m, int n, int k) in strata)
        {
            var one = new NoncentralHypergeometric(m, n, k);
            double[] next = new double[density.Length + one.High - one.Low];
            double[] single = one.Density(1);
            double sum = 0;
            for (int i = 0; i < density.Length; i++)
            {
                for (int j = 0; j < single.Length; j++)
                {
                    next[i + j] += density[i] * single[j];
                }
            }

            foreach (double d in next)
            {
                sum += d;
            }

            for (int i = 0; i < next.Length; i++)
            {
                next[i] /= sum;
            }

            density = next;
            low += one.Low;
        }

        Low = low;
        High = low + density.Length - 1;
        logCentral = Array.ConvertAll(density, Math.Log);
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
