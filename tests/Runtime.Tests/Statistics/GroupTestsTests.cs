using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics;

/// <summary>Bartlett, Levene and Tukey HSD, and the studentized range, against tests/Reference/r/group_tests.R.</summary>
public sealed class GroupTestsTests
{
    // Closed forms in R's order of operations: 1e-12 on statistics; p from the same special functions: 1e-9.
    private const double StatisticTolerance = 1e-12;
    private const double PTolerance = 1e-9;

    // ptukey is a double integral evaluated by quadrature, here and in R (different panels and cut-offs).
    // Tukey p-values and intervals: 1e-6 relative (the intervals with a quantile solved tightly;
    // R's own qtukey stops at 1e-4 by design). Residual df in these cases are 18 to 66, where R's
    // ptukey is accurate to 1e-7.
    private const double TukeyTolerance = 1e-6;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("group_tests");

    public static TheoryData<string> DataCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in Fixture.CaseNames.Where(n => !n.EndsWith("_grid", StringComparison.Ordinal)))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DataCases))]
    public void BartlettMatchesRBartlettTest(string name)
    {
        JsonElement r = Fixture.Case(name).GetProperty("bartlett");

        TestResult result = VarianceHomogeneity.Bartlett(Groups(name));

        AssertClose(Number(r, "statistic"), result.Statistic, StatisticTolerance, name + " K-squared");
        Assert.Equal(Number(r, "df"), result.DegreesOfFreedom);
        AssertPValue(Number(r, "p"), result.PValue, PTolerance, name + " p");
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(DataCases))]
    public void LeveneMatchesCarLeveneTestWithMedianAndMeanCentres(string name)
    {
        foreach ((string key, bool mean) in new[] { ("levene_median", false), ("levene_mean", true) })
        {
            JsonElement r = Fixture.Case(name).GetProperty(key);

            TestResult result = VarianceHomogeneity.Levene(Groups(name), centerMean: mean);

            AssertClose(Number(r, "f"), result.Statistic, StatisticTolerance, $"{name} {key} F");
            Assert.Equal(Number(r, "df1"), result.DegreesOfFreedom);
            Assert.Equal(Number(r, "df2"), result.DenominatorDegreesOfFreedom);
            AssertPValue(Number(r, "p"), result.PValue, PTolerance, $"{name} {key} p");
            Assert.Null(result.SumsOfSquares);
        }
    }

    [Theory]
    [MemberData(nameof(DataCases))]
    public void TukeyHsdMatchesRTukeyHsd(string name)
    {
        JsonElement r = Fixture.Case(name).GetProperty("tukey");

        TukeyHsdResult result = TukeyHsd.Test(Groups(name));

        Assert.Equal(Number(r, "df"), result.DegreesOfFreedom);
        AssertClose(Number(r, "mse"), result.MeanSquareError, StatisticTolerance, name + " MSE");
        AssertClose(Number(r, "qtukey_tight"), result.CriticalValue, TukeyTolerance, name + " qtukey");
        int[] a = Integers(r, "a"), b = Integers(r, "b");
        double[] diff = Numbers(r, "diff"), lower = Numbers(r, "lwr_tight"), upper = Numbers(r, "upr_tight"), p = Numbers(r, "p_adj");
        Assert.Equal(diff.Length, result.Pairs.Count);
        for (int i = 0; i < diff.Length; i++)
        {
            TukeyPair pair = result.Pairs[i];
            Assert.Equal((a[i], b[i]), (pair.First, pair.Second));
            AssertClose(diff[i], pair.Difference, StatisticTolerance, $"{name} diff[{i}]");
            AssertClose(lower[i], pair.Lower, TukeyTolerance, $"{name} lwr[{i}]");
            AssertClose(upper[i], pair.Upper, TukeyTolerance, $"{name} upr[{i}]");
            // p adj = 1 − ptukey: absolute accuracy, so a p near 0 is compared absolutely (1e-9).
            Assert.True(Math.Abs(p[i] - pair.AdjustedPValue) <= Math.Max(TukeyTolerance * p[i], 1e-9), $"{name} p adj[{i}]: expected {p[i]}, got {pair.AdjustedPValue}");
        }
    }

    [Fact]
    public void StudentizedRangeMatchesTheDoubleIntegralAndTheExactTwoGroupFormOverAGrid()
    {
        JsonElement r = Fixture.Case("ptukey_grid");
        double[] q = Numbers(r, "q"), k = Numbers(r, "k"), df = Numbers(r, "df"), p = Numbers(r, "p"), tight = Numbers(r, "tight"), exact = Numbers(r, "exact_k2");
        for (int i = 0; i < q.Length; i++)
        {
            double ours = StudentizedRange.Cdf(q[i], (int)k[i], df[i]);
            string at = $"ptukey({q[i]}, {k[i]}, {df[i]})";
            if (double.IsNaN(p[i]))
            {
                Assert.True(double.IsNaN(ours), at + ": R gives NaN (df < 2)");
                continue;
            }

            // Against R's adaptive integrate() of the same integral to 1e-13: 1e-6 relative, and
            // 1e-12 absolute for values near 0 (R's integrate is relative to the integral).
            Assert.True(Math.Abs(ours - tight[i]) <= Math.Max(1e-6 * tight[i], 1e-12), $"{at}: integral {tight[i]}, ours {ours}");
            if (!double.IsNaN(exact[i]))
            {
                AssertClose(exact[i], ours, 1e-9, at + " = 2 pt(q / sqrt(2), df) - 1");
            }

            // R's own ptukey, to the accuracy it reaches on this grid (its fixed panels lose digits
            // as df falls: 1.7e-4 at df = 2, 2e-6 at df = 5, 1e-7 at df = 10, 6e-8 from df = 30 on).
            double rAccuracy = df[i] <= 2 ? 2e-4 : df[i] <= 5 ? 3e-6 : df[i] <= 10 ? 2e-7 : 1e-7;
            Assert.True(Math.Abs(ours - p[i]) <= rAccuracy, $"{at}: R's ptukey {p[i]}, ours {ours}");
        }
    }

    [Fact]
    public void StudentizedRangeQuantileInvertsTheDistributionAndMatchesRQtukeyToItsStatedAccuracy()
    {
        JsonElement r = Fixture.Case("qtukey_grid");
        double[] p = Numbers(r, "p"), k = Numbers(r, "k"), df = Numbers(r, "df"), q = Numbers(r, "q"), tight = Numbers(r, "q_tight"), exact = Numbers(r, "exact_k2");
        for (int i = 0; i < p.Length; i++)
        {
            double ours = StudentizedRange.Quantile(p[i], (int)k[i], df[i]);
            string at = $"qtukey({p[i]}, {k[i]}, {df[i]})";
            AssertClose(p[i], StudentizedRange.Cdf(ours, (int)k[i], df[i]), 1e-10, at + " round trip");
            if (!double.IsNaN(exact[i]))
            {
                AssertClose(exact[i], ours, 1e-9, at + " = sqrt(2) qt((1 + p) / 2, df)");
            }

            // Against uniroot on R's ptukey (to 1e-13) where that ptukey is accurate (df >= 10).
            if (df[i] >= 10)
            {
                AssertClose(tight[i], ours, TukeyTolerance, at + " tight");
            }

            // ?qtukey: "accurate to the 4th decimal place". Not at df = 2, where R's ptukey error carries
            // over: R's qtukey(0.99, 5, 2) = 25.37 is 2.6% above ours, 24.717187, whose P is 0.990000000705
            // by R's integrate() of the defining integral (R's ptukey gives 0.98953 there; qtukey(0.99, 10, 2)
            // is 10% off). There the round trip above and the integral on the ptukey grid are the check.
            if (df[i] > 2)
            {
                Assert.True(Math.Abs(q[i] - ours) <= 1e-4, $"{at}: R {q[i]}, ours {ours}");
            }
        }
    }

    [Fact]
    public void TooFewValuesGiveNaNAndAReasonNotAnException()
    {
        TestResult bartlett = VarianceHomogeneity.Bartlett([[1.0, 2.0], [3.0]]);
        TestResult constant = VarianceHomogeneity.Bartlett([[1.0, 1.0], [3.0, 4.0]]);
        TukeyHsdResult tukey = TukeyHsd.Test([[1.0, 2.0], [3.0]]);

        Assert.True(double.IsNaN(bartlett.PValue));
        Assert.Contains("at least 2 observations per group", Assert.Single(bartlett.Warnings), StringComparison.Ordinal);
        Assert.Contains("zero variance", Assert.Single(constant.Warnings), StringComparison.Ordinal);
        Assert.True(double.IsNaN(Assert.Single(tukey.Pairs).AdjustedPValue));
        Assert.Contains("residual degrees of freedom", Assert.Single(tukey.Warnings), StringComparison.Ordinal);
    }

    private static double[][] Groups(string name) =>
        Fixture.Case(name).GetProperty("groups").EnumerateArray().Select(ReferenceFixture.Numbers).ToArray();
}
