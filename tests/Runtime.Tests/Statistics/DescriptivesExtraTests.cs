using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class DescriptivesExtraTests
{
    // Quantiles: at most one interpolation step, as R computes it; 1e-14 relative.
    private const double QuantileTolerance = 1e-14;

    // SE, geometric mean and its CI, Wilson limits: sums of logs, qt/qnorm from MathNet; 1e-10 relative.
    private const double Tolerance = 1e-10;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("descriptives_extra");

    public static TheoryData<string> SampleCases => CasesOfKind("sample");

    public static TheoryData<string> ProportionCases => CasesOfKind("proportion");

    [Theory]
    [MemberData(nameof(SampleCases))]
    public void QuantilesOfEveryTypeMatchRQuantile(string name)
    {
        JsonElement c = Fixture.Case(name);
        double[] sorted = ReferenceFixture.Numbers(c, "values").Where(v => !double.IsNaN(v)).Order().ToArray();
        double[] probs = ReferenceFixture.Numbers(c, "probs");
        JsonElement quantiles = c.GetProperty("quantiles");

        for (int type = 1; type <= 9; type++)
        {
            double[] expected = ReferenceFixture.Numbers(quantiles, "type" + type.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (int i = 0; i < probs.Length; i++)
            {
                ReferenceFixture.AssertClose(expected[i], Quantiles.Of(sorted, probs[i], type), QuantileTolerance, $"type {type} quantile at p = {probs[i]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SampleCases))]
    public void StandardErrorMatchesRSdOverSqrtN(string name)
    {
        JsonElement c = Fixture.Case(name);

        double se = Descriptives.StandardError(ReferenceFixture.Numbers(c, "values"));

        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "standard_error"), se, Tolerance, "standard error");
    }

    [Theory]
    [MemberData(nameof(SampleCases))]
    public void GeometricMeanMatchesRExpTTestOfLogs(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement e = c.GetProperty("geometric_mean");
        double[] ci = ReferenceFixture.Numbers(e, "ci");

        GeometricMeanResult g = Descriptives.GeometricMean(ReferenceFixture.Numbers(c, "values"));

        Assert.Equal((int)ReferenceFixture.Number(e, "n"), g.N);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(e, "estimate"), g.Estimate, Tolerance, "geometric mean");
        ReferenceFixture.AssertClose(ci[0], g.Lower, Tolerance, "lower limit");
        ReferenceFixture.AssertClose(ci[1], g.Upper, Tolerance, "upper limit");
        Assert.Equal(double.IsNaN(ci[0]), g.Warnings.Count > 0);
    }

    [Theory]
    [MemberData(nameof(ProportionCases))]
    public void WilsonIntervalsMatchRPropTest(string name)
    {
        JsonElement c = Fixture.Case(name);
        int x = (int)ReferenceFixture.Number(c, "successes");
        int n = (int)ReferenceFixture.Number(c, "n");
        double level = ReferenceFixture.Number(c, "conf_level");
        double[] wilson = ReferenceFixture.Numbers(c, "wilson");
        double[] corrected = ReferenceFixture.Numbers(c, "wilson_corrected");

        ProportionInterval w = Proportions.Wilson(x, n, level);
        ProportionInterval y = Proportions.WilsonContinuityCorrected(x, n, level);

        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "estimate"), w.Estimate, 1e-15, "estimate");
        ReferenceFixture.AssertClose(wilson[0], w.Lower, Tolerance, "Wilson lower");
        ReferenceFixture.AssertClose(wilson[1], w.Upper, Tolerance, "Wilson upper");
        ReferenceFixture.AssertClose(corrected[0], y.Lower, Tolerance, "corrected lower");
        ReferenceFixture.AssertClose(corrected[1], y.Upper, Tolerance, "corrected upper");
    }

    [Fact]
    public void QuantileTypesOnOneToTenAreHandComputable()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        // p = 0.25, n = 10: type 1 -> x(3); type 2 -> x(3) (np = 2.5 > 2); type 3 -> m = 2, j even -> x(2);
        // type 4 -> 2.5; type 5 -> 3; type 6 -> 2.75; type 7 -> 3.25; type 8 -> 2.91666...; type 9 -> 2.9375.
        double[] expected = [3, 3, 2, 2.5, 3, 2.75, 3.25, 2 + (11.0 / 12), 2.9375];
        for (int type = 1; type <= 9; type++)
        {
            Assert.Equal(expected[type - 1], Quantiles.Of(x, 0.25, type), 1e-14);
        }
    }

    [Fact]
    public void QuantileOfNothingOrOutsideUnitIntervalIsNaNAndBadTypeThrows()
    {
        Assert.True(double.IsNaN(Quantiles.Of([], 0.5, 6)));
        Assert.True(double.IsNaN(Quantiles.Of([1.0, 2.0], 1.5, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Of([1.0], 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Of([1.0], 0.5, 10));
    }

    [Fact]
    public void GeometricMeanOfNonPositiveValuesIsNaNWithAWarning()
    {
        GeometricMeanResult g = Descriptives.GeometricMean([2.0, 0.0, -1.0, double.NaN]);

        Assert.Equal(3, g.N);
        Assert.True(double.IsNaN(g.Estimate) && double.IsNaN(g.Lower) && double.IsNaN(g.Upper));
        Assert.Contains("2 of 3 values are zero or negative", Assert.Single(g.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void WilsonRejectsImpossibleCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(1, 2, 1.0));
    }

    private static TheoryData<string> CasesOfKind(string kind)
    {
        var data = new TheoryData<string>();
        foreach (string name in Fixture.CaseNames.Where(n => Fixture.Case(n).GetProperty("kind").GetString() == kind))
        {
            data.Add(name);
        }

        return data;
    }
}
