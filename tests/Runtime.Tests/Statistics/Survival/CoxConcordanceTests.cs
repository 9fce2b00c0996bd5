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
}
