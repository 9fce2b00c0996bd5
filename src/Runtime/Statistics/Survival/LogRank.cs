using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Survival;

/// <summary>A G-rho test as <c>survdiff</c>: per group, subjects, (weighted) observed and expected events.</summary>
/// <param name="N">Subjects per group (R's <c>n</c>).</param>
/// <param name="Observed">Weighted observed events per group, summed over strata (R's <c>obs</c>; plain counts for rho = 0).</param>
/// <param name="Expected">Weighted expected events per group, summed over strata (R's <c>exp</c>).</param>
/// <param name="Variance">The k × k variance matrix of O - E (R's <c>var</c>).</param>
/// <param name="ChiSquare">Chi-square statistic; 0 when fewer than two groups have expected events (as R).</param>
/// <param name="DegreesOfFreedom">Groups with expected events minus 1.</param>
/// <param name="PValue">Upper tail of the chi-square distribution; NaN when df = 0.</param>
public sealed record LogRankResult(
    double Rho,
    IReadOnlyList<int> N,
    IReadOnlyList<double> Observed,
    IReadOnlyList<double> Expected,
    double[,] Variance,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    int LeftOut,
    IReadOnlyList<string> Warnings);

/// <summary>
/// The Harrington-Fleming G-rho family of k-sample tests, as R's
/// <c>survdiff(Surv(time, status) ~ group + strata(s), rho = rho)</c>: rho = 0 is the log-rank
/// (Mantel-Haenszel) test, rho = 1 the Peto-Peto modification of the Gehan-Wilcoxon test.
/// </summary>
/// <remarks>
/// <para>
/// Within each stratum, at each distinct event time t with n subjects at risk (n_g in group g) and d
/// events (d_g), the weight is w = S(t-)^rho, S the Kaplan-Meier curve of the stratum's pooled data,
/// taken just before t. Then O_g += w d_g, E_g += w d n_g / n, and the variance of O - E gains
/// w² d (n - d) / (n (n - 1)) · n_g (δ_gh - n_h / n) (Harrington and Fleming 1982, Biometrika 69:553;
/// Klein and Moeschberger 2003, section 7.3 and, for strata, 7.5). Sums run over strata.
/// The statistic is (O - E)' V⁻ (O - E) over the groups with E &gt; 0, dropping the first of them,
/// on df = (groups with E &gt; 0) - 1; p from the chi-square upper tail. This is R's
/// <c>survdiff.fit</c> (C routine <c>survdiff2</c>) and <c>survdiff</c>'s own statistic.
/// </para>
/// <para>Complexity: O(rows · k + k³) after the counts' one sort.</para>
/// </remarks>
public static class LogRank
{
    /// <summary>The test from one row per subject; <paramref name="strata"/> empty means one stratum.</summary>
    public static LogRankResult Test(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<int> group, int groupCount,
        double rho = 0, ReadOnlySpan<int> strata = default, int strataCount = 1) =>
        Test(SurvivalCounts.FromSubjects(time, status, group, groupCount, strata, strataCount), rho);

    /// <summary>The test from per-(stratum, time, group) counts.</summary>
    public static LogRankResult Test(SurvivalCounts counts, double rho = 0)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int k = counts.GroupCount;
        var n = new int[k];
        var observed = new double[k];
        var expected = new double[k];
        var variance = new double[k, k];
        var atRisk = new int[k];
        var deaths = new int[k];
        int start = 0;
        while (start < counts.Count)
        {
            int stratum = counts.Stratum[start];
            int end = start;
            Array.Clear(atRisk);
            while (end < counts.Count && counts.Stratum[end] == stratum)
            {
                atRisk[counts.Group[end]] += counts.Events[end] + counts.Censored[end];
                end++;
            }

            for (int g = 0; g < k; g++)
            {
                n[g] += atRisk[g];
            }

            int total = atRisk.Sum();
            double km = 1;
            int r = start;
            while (r < end)
            {
                double t = counts.Time[r];
                Array.Clear(deaths);
                int d = 0;
                int leaving = 0;
                int next = r;
                while (next < end && counts.Time[next] == t)
                {
                    deaths[counts.Group[next]] += counts.Events[next];
                    d += counts.Events[next];
                    next++;
                }

                if (d > 0)
                {
                    double w = rho == 0 ? 1 : Math.Pow(km, rho);
                    double share = total > 1 ? w * w * d * (total - d) / (total * (total - 1.0)) : 0;
                    for (int g = 0; g < k; g++)
                    {
                        observed[g] += w * deaths[g];
                        expected[g] += w * d * atRisk[g] / (double)total;
                        variance[g, g] += share * atRisk[g];
                        for (int h = 0; h < k; h++)
                        {
                            variance[g, h] -= share * atRisk[g] * atRisk[h] / total;
                        }
                    }

                    km *= (total - d) / (double)total;
                }

                for (int q = r; q < next; q++)
                {
                    int dropped = counts.Events[q] + counts.Censored[q];
                    atRisk[counts.Group[q]] -= dropped;
                    leaving += dropped;
                }

                total -= leaving;
                r = next;
            }

            start = end;
        }

        return Statistic(rho, n, observed, expected, variance, counts.LeftOut);
    }

    private static LogRankResult Statistic(double rho, int[] n, double[] observed, double[] expected, double[,] variance, int leftOut)
    {
        var warnings = new List<string>();
        int[] used = Enumerable.Range(0, n.Length).Where(g => expected[g] > 0).ToArray();
        for (int g = 0; g < n.Length; g++)
        {
            if (n[g] == 0)
            {
                warnings.Add($"group {g + 1} has no subjects and is left out of the test");
            }
            else if (expected[g] <= 0)
            {
                warnings.Add($"group {g + 1} has no subjects at risk at any event time and is left out of the test");
            }
        }

        int df = used.Length - 1;
        if (df < 1)
        {
            warnings.Add("fewer than two groups have expected events: there is no test (chi-square 0, as R)");
            return new LogRankResult(rho, n, observed, expected, variance, 0, 0, double.NaN, leftOut, warnings);
        }

        var v = Matrix<double>.Build.Dense(df, df, (i, j) => variance[used[i + 1], used[j + 1]]);
        var diff = Vector<double>.Build.Dense(df, i => observed[used[i + 1]] - expected[used[i + 1]]);
        double chi;
        try
        {
            var lu = v.LU();
            if (Math.Abs(lu.Determinant) < 1e-300 || double.IsNaN(lu.Determinant))
            {
                throw new ArithmeticException("singular variance matrix");
            }

            chi = lu.Solve(diff).DotProduct(diff);
        }
        catch (ArithmeticException)
        {
            warnings.Add("the variance matrix of O - E is singular: the statistic is undefined");
            return new LogRankResult(rho, n, observed, expected, variance, double.NaN, df, double.NaN, leftOut, warnings);
        }

        double p = UpperTail(df, chi);
        return new LogRankResult(rho, n, observed, expected, variance, chi, df, p, leftOut, warnings);
    }

    /// <summary>Upper tail of the chi-square distribution without cancellation: Q(df/2, x/2).</summary>
    internal static double UpperTail(int df, double x) =>
        x <= 0 ? 1 : MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, x / 2.0);
}
