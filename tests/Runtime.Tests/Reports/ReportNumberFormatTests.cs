using ProtocolLang.Runtime.Reports;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class ReportNumberFormatTests
{
    [Theory]
    [InlineData(0.0009999, "<0.001")]
    [InlineData(0.0, "<0.001")]
    [InlineData(double.NaN, "NA")]
    public void PValuesBelowOneThousandthPrintAsLessThanOneThousandth(double p, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.PValue(p));

    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(0.00123456, "0.001")]
    [InlineData(0.0431234, "0.043")]
    [InlineData(0.049999, "0.050")]
    [InlineData(0.05, "0.050")]
    [InlineData(0.0996, "0.100")]
    public void PValuesBelowOneTenthHaveThreeDecimals(double p, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.PValue(p));

    [Theory]
    [InlineData(0.1, "0.10")]
    [InlineData(0.1204, "0.12")]
    [InlineData(0.235, "0.23")]
    [InlineData(0.5, "0.50")]
    [InlineData(0.99, "0.99")]
    public void PValuesFromOneTenthHaveTwoDecimals(double p, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.PValue(p));

    [Theory]
    [InlineData(0.9996)]
    [InlineData(0.991)]
    [InlineData(1.0)]
    public void PValuesAboveNinetyNineHundredthsIncludingAnAdjustedOnePrintAsGreaterThan(double p) =>
        Assert.Equal(">0.99", ReportNumberFormat.PValue(p));

    [Theory]
    [InlineData(-3.1, -5.4, -0.6, "-3.10 (-5.40, -0.60)")]
    [InlineData(3541, 1470, 5770, "3541 (1470, 5770)")]
    [InlineData(0.196, -0.0962, 0.488, "0.196 (-0.096, 0.488)")]
    [InlineData(0.0012, -5.0, 5.0, "0.00 (-5.00, 5.00)")]
    [InlineData(1.0, double.NaN, 2.0, "1.00 (NA, 2.00)")]
    public void AnEstimateAndItsIntervalShareTheDecimalsOfTheLargestMagnitude(double estimate, double low, double high, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.Interval(estimate, low, high));

    [Theory]
    [InlineData(8.24, 0.846, 425.18, "8.24 (0.85, 425.18)")]
    [InlineData(0.452, 0.201, 1.104, "0.45 (0.20, 1.10)")]
    [InlineData(0.0452, 0.0201, 0.1104, "0.045 (0.020, 0.110)")]
    public void ARatioAndItsIntervalHaveTwoDecimalsOrTwoSignificantDigitsBelowOneTenth(double ratio, double low, double high, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.Ratio(ratio, low, high));

    [Theory]
    [InlineData(0.005, 4)]
    [InlineData(0.05, 3)]
    [InlineData(9.9, 2)]
    [InlineData(10, 1)]
    [InlineData(19.9, 1)]
    [InlineData(20, 0)]
    [InlineData(12300, 0)]
    [InlineData(double.NaN, 0)]
    public void SummaryDecimalsFollowGtsummarysDefaultFromTheSpread(double spread, int expected) =>
        Assert.Equal(expected, ReportNumberFormat.SummaryDecimals(spread));

    [Theory]
    [InlineData(-0.004, 2, "0.00")]
    [InlineData(1.23456, 9, "1.234560")]
    [InlineData(double.NegativeInfinity, 2, "-Inf")]
    public void FixedDecimalsNeverPrintANegativeZeroAndAreCappedAtSix(double value, int decimals, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.Fixed(value, decimals));

    [Theory]
    [InlineData(2.5, "2")]
    [InlineData(3.5, "4")]
    [InlineData(0.125, "0")]
    public void AnExactTieRoundsToEvenAsRsSprintfDoes(double value, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.Fixed(value, 0));

    [Theory]
    [InlineData(3792.4, "3792")]
    [InlineData(180, "180")]
    [InlineData(45.64, "45.6")]
    [InlineData(4.5, "4.50")]
    [InlineData(0.04567, "0.0457")]
    [InlineData(9.996, "10.0")]
    [InlineData(99.96, "100")]
    [InlineData(-2.345, "-2.35")]
    [InlineData(-0.0001, "-0.000100")]
    [InlineData(0, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(1.23e-7, "1.23e-07")]
    [InlineData(2.5e10, "2.50e+10")]
    [InlineData(double.PositiveInfinity, "Inf")]
    [InlineData(double.NaN, "NA")]
    public void EstimatesKeepThreeSignificantDigitsAndAllIntegerDigits(double value, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.Estimate(value));

    [Theory]
    [InlineData(216, "216")]
    [InlineData(8, "8")]
    [InlineData(12.5, "12.5")]
    [InlineData(-5.6312, "-5.63")]
    public void StatisticsThatAreWholeNumbersPrintAsIntegers(double value, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.Statistic(value));

    [Theory]
    [InlineData(27.777, "27.8")]
    [InlineData(100, "100.0")]
    [InlineData(-0.01, "0.0")]
    [InlineData(double.NaN, "NA")]
    public void PercentagesHaveOneDecimalAndNeverANegativeZero(double value, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.Percent(value));

    [Theory]
    [InlineData(6.0, "6")]
    [InlineData(7.43215, "7.43")]
    [InlineData(null, "NA")]
    public void DegreesOfFreedomAreWholeWhenWhole(double? df, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.DegreesOfFreedom(df));
}
