using System;
using ProtocolLang.Runtime.Statistics;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

/// <summary>
/// Efron's tied-event terms in closed form (many events at a time) against the term-by-term loop R's coxfit6 runs:
/// the same sums regrouped, so equal to rounding.
/// </summary>
public class CoxEfronClosedFormTests
{
    [Theory]
    [InlineData(1, 40)]
    [InlineData(3, 200)]
    [InlineData(6, 1700)]
    public void TheClosedFormGivesTheLoopsLikelihoodScoreAndInformation(int p, int eventsPerTime)
    {
        var loop = new CoxRiskSetSums(p, efron: true, efronLoopLimit: long.MaxValue);
        var closed = new CoxRiskSetSums(p, efron: true, efronLoopLimit: 0);
        var random = new Random(20261207 + p);
        var x = new double[p];
        foreach (var sums in new[] { loop, closed })
        {
            random = new Random(20261207 + p);
            sums.NewStratum();
            for (int time = 0; time < 12; time++)
            {
                // Censored subjects and a different number of events per time, some times with a single event.
                int events = time % 4 == 3 ? 1 : eventsPerTime + random.Next(eventsPerTime);
                for (int c = 0; c < 30; c++)
                {
                    double eta = Fill(x, random);
                    sums.AddCensored(x, Math.Exp(eta));
                }

                for (int e = 0; e < events; e++)
                {
                    double eta = Fill(x, random);
                    sums.AddEvent(x, Math.Exp(eta), eta);
                }

                sums.EndTime();
            }
        }

        var scoreLoop = new double[p];
        var scoreClosed = new double[p];
        var infoLoop = new double[p, p];
        var infoClosed = new double[p, p];
        double loglikLoop = loop.Finish(scoreLoop, infoLoop);
        double loglikClosed = closed.Finish(scoreClosed, infoClosed);

        Assert.Equal(loglikLoop, loglikClosed, Tolerance(loglikLoop));
        for (int i = 0; i < p; i++)
        {
            Assert.Equal(scoreLoop[i], scoreClosed[i], Tolerance(scoreLoop[i]));
            for (int j = 0; j < p; j++)
            {
                Assert.Equal(infoLoop[i, j], infoClosed[i, j], Tolerance(infoLoop[i, j]));
            }
        }
    }

    [Fact]
    public void TheLoopIsKeptUpToTheLimitSoSmallTiesAreBitForBitAsBefore()
    {
        // At the limit both constructions take the loop: identical bits.
        var standard = new CoxRiskSetSums(2, efron: true);
        var loop = new CoxRiskSetSums(2, efron: true, efronLoopLimit: long.MaxValue);
        foreach (var sums in new[] { standard, loop })
        {
            var random = new Random(5);
            var x = new double[2];
            sums.NewStratum();
            for (int e = 0; e < CoxRiskSetSums.EfronLoopLimit; e++)
            {
                double eta = Fill(x, random);
                sums.AddEvent(x, Math.Exp(eta), eta);
            }

            sums.EndTime();
        }

        var a = new double[2];
        var b = new double[2];
        Assert.Equal(BitConverter.DoubleToInt64Bits(loop.Finish(a, new double[2, 2])), BitConverter.DoubleToInt64Bits(standard.Finish(b, new double[2, 2])));
        Assert.Equal(a, b);
    }

    private static double Fill(double[] x, Random random)
    {
        double eta = 0;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.NextDouble() - 0.5;
            eta += 0.3 * x[i];
        }

        return eta;
    }

    private static double Tolerance(double value) => 1e-11 * Math.Max(1, Math.Abs(value));
}
