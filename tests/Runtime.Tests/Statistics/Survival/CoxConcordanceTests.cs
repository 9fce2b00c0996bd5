using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

public class CoxConcordanceTests
{
    [Fact]
    public void TwoThreadsGiveTheSameConcordanceBitForBitAsOne()
    {
        var random = new Random(9);
        int n = 60_000;
        double[] x = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 4, 1)).ToArray();
        double[] time = x.Select(v => Math.Round(-Math.Log(random.NextDouble()) / Math.Exp(0.3 * v), 1) + 0.1).ToArray();
        int[] status = time.Select(_ => random.Next(10) < 7 ? 1 : 0).ToArray();
        int[] strata = time.Select(_ => random.Next(2)).ToArray();
        var data = new CoxRiskSets([x], time, status, strata);

        var serial = CoxConcordance.Harrell(data, [0.3], parallel: false);
        var parallel = CoxConcordance.Harrell(data, [0.3], parallel: true);

        Assert.InRange(serial.Concordance, 0.5, 0.7);
        Assert.Equal(serial.Concordance, parallel.Concordance);
        Assert.Equal(serial.StandardError, parallel.StandardError);
    }

    [Fact]
    public void ConcordanceAndItsStandardErrorAreThoseOfCountingEveryPair()
    {
        // Ties in time and in the score, two strata, and enough distinct scores (~1,900) for several superblocks of the rank counts.
        var random = new Random(21);
        int n = 3000;
        double[] x = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 30, 2)).ToArray();
        double[] time = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 60)).ToArray();
        int[] status = time.Select(_ => random.Next(10) < 6 ? 1 : 0).ToArray();
        int[] strata = time.Select(_ => random.Next(2)).ToArray();
        var data = new CoxRiskSets([x], time, status, strata);

        (double concordance, double se) = CoxConcordance.Harrell(data, [0.2], parallel: false);

        double[] eta = data.LinearPredictor([0.2]);
        int[] stratum = new int[n];
        for (int k = 1; k < n; k++)
        {
            stratum[k] = stratum[k - 1] + (data.LastInStratum[k - 1] ? 1 : 0);
        }

        var c = new double[n];
        var d = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                bool comparable = i != j && stratum[i] == stratum[j] && data.SortedEvent[i]
                    && (data.SortedTime[j] > data.SortedTime[i] || (data.SortedTime[j] == data.SortedTime[i] && !data.SortedEvent[j]));
                if (!comparable)
                {
                    continue;
                }

                double[] kind = eta[i] > eta[j] ? c : eta[i] < eta[j] ? d : t;
                kind[i]++;
                kind[j]++;
            }
        }

        double concordant = c.Sum() / 2, discordant = d.Sum() / 2, tied = t.Sum() / 2;
        double total = concordant + discordant + tied;
        double somers = (concordant - discordant) / total;
        double variance = Enumerable.Range(0, n).Sum(i => Math.Pow(((c[i] - d[i]) / total) - (somers / total * (c[i] + d[i] + t[i])), 2)) / 4;
        Assert.Equal((concordant + (tied / 2)) / total, concordance, 12);
        Assert.Equal(Math.Sqrt(variance), se, 12);
    }
}
