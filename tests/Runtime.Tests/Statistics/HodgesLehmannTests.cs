using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class HodgesLehmannTests
{
    // Exact path: order statistics of the differences and a median, i.e. one subtraction and at
    // most one average: 1e-12 (in practice bit-identical).
    private const double ExactTolerance = 1e-12;

    // Normal path at R's tol.root = 1e-4: Brent's method probes the same points as R's uniroot,
    // so the roots agree far inside the root tolerance (observed: estimates bit-identical,
    // limits within 3.3e-15 absolute, although R's values lie up to 7e-5 from the crossing
    // points). Relative to max(1, |R|), since a root can be near 0.
    private const double ShippedTolerance = 1e-12;

    // Normal path at tol.root = 1e-13 in both: the roots are the crossing points themselves
    // (observed agreement within 3.3e-15 absolute).
    private const double TightRootTolerance = 1e-13;
    private const double TightTolerance = 1e-12;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("hodges_lehmann");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("hodges_lehmann");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesRWilcoxTestConfIntAsShipped(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("shipped");
        bool exact = c.GetProperty("exact").GetBoolean();

        HodgesLehmannResult result = HodgesLehmann.Shift(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"));

        double tolerance = exact ? ExactTolerance : ShippedTolerance;
        AssertRoot(ReferenceFixture.Number(r, "estimate"), result.Estimate, tolerance, "estimate");
        AssertRoot(ReferenceFixture.Number(r, "conf_low"), result.Low, tolerance, "lower limit");
        AssertRoot(ReferenceFixture.Number(r, "conf_high"), result.High, tolerance, "upper limit");
        Assert.Equal(ReferenceFixture.Number(r, "conf_level"), result.ConfidenceLevel, 1e-15);
        Assert.Equal(exact, result.Method.Contains("exact", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesRWithATightRootTolerance(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement r = c.GetProperty("tight");

        HodgesLehmannResult result = HodgesLehmann.Shift(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"), TightRootTolerance);

        AssertRoot(ReferenceFixture.Number(r, "estimate"), result.Estimate, TightTolerance, "estimate");
        AssertRoot(ReferenceFixture.Number(r, "conf_low"), result.Low, TightTolerance, "lower limit");
        AssertRoot(ReferenceFixture.Number(r, "conf_high"), result.High, TightTolerance, "upper limit");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WarnsAboutTiesAndUnreachableLevelsAsRDoes(string name)
    {
        JsonElement c = Fixture.Case(name);
        string[] rWarnings = c.GetProperty("shipped").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();

        HodgesLehmannResult result = HodgesLehmann.Shift(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"));

        Assert.Equal(rWarnings.Contains("cannot compute exact confidence intervals with ties"), result.Warnings.Any(w => w.Contains("ties", StringComparison.Ordinal)));
        Assert.Equal(rWarnings.Contains("Requested conf.level not achievable"), result.Warnings.Any(w => w.Contains("not achievable", StringComparison.Ordinal)));
        Assert.Equal(rWarnings.Length == 0, result.Warnings.Count == 0);
    }

    [Fact]
    public void ToothGrowthShiftIsFourWithTheIntervalFromRsUniroot()
    {
        // The trial's primary-endpoint shape; R prints 4.000014 (-0.1000097, 8.500017).
        JsonElement c = Fixture.Case("toothgrowth_len_oj_vs_vc");

        HodgesLehmannResult result = HodgesLehmann.Shift(ReferenceFixture.Numbers(c, "x"), ReferenceFixture.Numbers(c, "y"));

        Assert.Equal(4.000014, result.Estimate, 1e-6);
        Assert.Equal(-0.1000097, result.Low, 1e-7);
        Assert.Equal(8.500017, result.High, 1e-6);
        Assert.StartsWith("Hodges-Lehmann shift, normal approximation", result.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactEstimateIsTheMedianOfThePairwiseDifferences()
    {
        // Differences 5 - {1, 2, 4.5} and 7 - {1, 2, 4.5}: 0.5 2.5 3 4 5 6, median 3.5.
        HodgesLehmannResult result = HodgesLehmann.Shift([5, 7], [1, 2, 4.5]);

        Assert.Equal(3.5, result.Estimate);
    }

    [Fact]
    public void ShiftingXShiftsEstimateAndIntervalByTheSameAmount()
    {
        double[] x = [3.1, 4.7, 5.2, 6.8, 7.3, 8.9];
        double[] y = [1.2, 2.6, 3.3, 4.1, 5.5];
        HodgesLehmannResult plain = HodgesLehmann.Shift(x, y);
        HodgesLehmannResult shifted = HodgesLehmann.Shift(x.Select(v => v + 10).ToArray(), y);

        Assert.Equal(plain.Estimate + 10, shifted.Estimate, 1e-12);
        Assert.Equal(plain.Low + 10, shifted.Low, 1e-12);
        Assert.Equal(plain.High + 10, shifted.High, 1e-12);
    }

    [Fact]
    public void EmptyGroupGivesNaNWithWarning()
    {
        HodgesLehmannResult result = HodgesLehmann.Shift([], [1, 2, 3]);

        Assert.True(double.IsNaN(result.Estimate));
        Assert.Contains("group sizes 0 and 3", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void AllValuesTiedGiveNaNWithWarning()
    {
        HodgesLehmannResult result = HodgesLehmann.Shift([2, 2, 2], [2, 2]);

        Assert.True(double.IsNaN(result.Estimate));
        Assert.True(double.IsNaN(result.Low));
        Assert.Contains(result.Warnings, w => w.Contains("all observations are tied", StringComparison.Ordinal));
    }

    [Fact]
    public void NaNInputIsIgnoredAndReported()
    {
        HodgesLehmannResult clean = HodgesLehmann.Shift([1, 4, 6], [2, 3]);
        HodgesLehmannResult withNaN = HodgesLehmann.Shift([1, double.NaN, 4, 6], [2, 3]);

        Assert.Equal(clean.Estimate, withNaN.Estimate);
        Assert.Equal("ignored 1 NaN value(s) in x", withNaN.Warnings.First());
    }

    private static void AssertRoot(double expected, double actual, double tolerance, string quantity)
    {
        double allowed = tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(
            Math.Abs(actual - expected) <= allowed,
            string.Create(CultureInfo.InvariantCulture, $"{quantity}: expected {expected:R}, got {actual:R} (difference {Math.Abs(actual - expected):R}, allowed {allowed:R})"));
    }
}
