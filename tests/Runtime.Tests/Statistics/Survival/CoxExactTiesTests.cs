using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

/// <summary>
/// The exact partial likelihood (<c>coxph(ties = "exact")</c>) against its definition: the sum over every
/// subset of the risk set, enumerated. R's numbers are in cox.expected.json (the lung_months_exact cases).
/// </summary>
public sealed class CoxExactTiesTests
{
    // Unsorted, two strata, ties of 1, 2 and 3 events, censorings tied with events, two covariates.
    private static readonly double[] Time = [4, 2, 4, 7, 4, 2, 9, 7, 4, 1, 3, 3, 3, 5, 3, 6];
    private static readonly int[] Status = [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0];
    private static readonly int[] Strata = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
    private static readonly double[] X1 = [0.5, 1.2, -0.3, 0.8, 2.0, 1.1, -1.0, 0.4, 0.0, 1.5, -0.7, 0.2, 0.9, -1.3, 0.6, 0.1];
    private static readonly double[] X2 = [1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0];

    [Fact]
    public void LikelihoodScoreAndInformationEqualTheSumOverEverySubsetOfTheRiskSet()
    {
        double[] beta = [0.7, -0.4];
        var data = new CoxRiskSets([X1, X2], Time, Status, Strata);
        var score = new double[2];
        var information = new double[2, 2];

        double loglik = new CoxExactRiskSets(data).Evaluate(beta, score, information);

        (double expected, double[] expectedScore, double[,] expectedInformation) = BruteForce(beta);
        Assert.Equal(expected, loglik, 12);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(expectedScore[i], score[i], 12);
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(expectedInformation[i, j], information[i, j], 12);
            }
        }
    }

    [Fact]
    public void WithoutTiedEventsExactEqualsBreslowAndEfron()
    {
        double[] time = [3, 1, 4, 1.5, 5, 9, 2, 6];
        int[] status = [1, 1, 0, 1, 1, 0, 1, 1];
        double[] x = [0.5, 1.2, -0.3, 0.8, 2.0, 1.1, -1.0, 0.4];

        CoxFit exact = CoxRegression.Fit([x], ["x"], time, status, ReadOnlySpan<int>.Empty, CoxTies.Exact);
        CoxFit breslow = CoxRegression.Fit([x], ["x"], time, status, ReadOnlySpan<int>.Empty, CoxTies.Breslow);

        Assert.Equal(CoxTies.Exact, exact.Ties);
        Assert.Equal(breslow.Coefficients[0].Coefficient, exact.Coefficients[0].Coefficient, 12);
        Assert.Equal(breslow.Coefficients[0].StandardError, exact.Coefficients[0].StandardError, 12);
        Assert.Equal(breslow.LogLikelihood, exact.LogLikelihood, 12);
        Assert.Equal(breslow.Iterations, exact.Iterations);
    }

    [Fact]
    public void AThousandEventsTiedAmongTwoThousandStayFinite()
    {
        // E_1000 over 2000 subjects has C(2000, 1000) ≈ 10^600 terms: summed directly it overflows.
        // At β = 0 every risk is 1, so log E_d = log C(m, d) and the null log-likelihood is −log C(2000, 1000).
        const int n = 2000;
        var time = new double[n];
        var status = new int[n];
        var x = new double[n];
        var random = new Random(20240611);
        for (int i = 0; i < n; i++)
        {
            time[i] = i % 2 == 0 ? 1 : 2;
            x[i] = random.NextDouble();
            status[i] = i % 2 == 0 || random.NextDouble() < 0.5 ? 1 : 0;
        }

        CoxFit fit = CoxRegression.Fit([x], ["x"], time, status, ReadOnlySpan<int>.Empty, CoxTies.Exact);

        int secondDeaths = Enumerable.Range(0, n).Count(i => i % 2 == 1 && status[i] == 1);
        double expected = -(LogChoose(n, n / 2) + LogChoose(n / 2, secondDeaths));
        Assert.Equal(expected, fit.LogLikelihoodNull, 9);
        Assert.True(fit.Converged);
        Assert.True(double.IsFinite(fit.Coefficients[0].StandardError));
        Assert.True(fit.LogLikelihood >= fit.LogLikelihoodNull);
    }

    /// <summary>Σ over tied times of Σ_events x'β − log Σ_{|S| = d} Π r, with its first and second derivatives.</summary>
    private static (double Loglik, double[] Score, double[,] Information) BruteForce(double[] beta)
    {
        var score = new double[2];
        var information = new double[2, 2];
        double loglik = 0;
        int n = Time.Length;
        foreach (var (stratum, t) in Enumerable.Range(0, n).Where(i => Status[i] == 1).Select(i => (Strata[i], Time[i])).Distinct())
        {
            int[] risk = Enumerable.Range(0, n).Where(i => Strata[i] == stratum && Time[i] >= t).ToArray();
            int[] events = risk.Where(i => Time[i] == t && Status[i] == 1).ToArray();
            double d0 = 0;
            var d1 = new double[2];
            var d2 = new double[2, 2];
            foreach (int[] subset in Subsets(risk, events.Length))
            {
                double[] sx = [subset.Sum(i => X1[i]), subset.Sum(i => X2[i])];
                double w = Math.Exp((beta[0] * sx[0]) + (beta[1] * sx[1]));
                d0 += w;
                for (int a = 0; a < 2; a++)
                {
                    d1[a] += w * sx[a];
                    for (int b = 0; b < 2; b++)
                    {
                        d2[a, b] += w * sx[a] * sx[b];
                    }
                }
            }

            double[] ex = [events.Sum(i => X1[i]), events.Sum(i => X2[i])];
            loglik += (beta[0] * ex[0]) + (beta[1] * ex[1]) - Math.Log(d0);
            for (int a = 0; a < 2; a++)
            {
                score[a] += ex[a] - (d1[a] / d0);
                for (int b = 0; b < 2; b++)
                {
                    information[a, b] += (d2[a, b] / d0) - (d1[a] * d1[b] / (d0 * d0));
                }
            }
        }

        return (loglik, score, information);
    }

    private static IEnumerable<int[]> Subsets(int[] items, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (int first = 0; first <= items.Length - size; first++)
        {
            foreach (int[] rest in Subsets(items[(first + 1)..], size - 1))
            {
                yield return [items[first], .. rest];
            }
        }
    }

    private static double LogChoose(int m, int d) =>
        Enumerable.Range(1, d).Sum(i => Math.Log((double)(m - d + i) / i));
}
