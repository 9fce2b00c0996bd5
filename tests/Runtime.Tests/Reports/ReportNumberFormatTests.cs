using ProtocolLang.Runtime.Reports;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class ReportNumberFormatTests
{
    [Theory]
    [InlineData(0.0009999, "<0.001")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0431234, "0.0431")]
    [InlineData(0.12, "0.12")]
    [InlineData(0.1204, "0.12")]
    [InlineData(0.049999, "0.05")]
    [InlineData(0.9996, "1")]
    [InlineData(1.0, "1")]
    [InlineData(0.00123456, "0.00123")]
    [InlineData(double.NaN, "NA")]
    public void PValuesBelowOneThousandthAreCappedElseThreeSignificantDigits(double p, string expected) =>
        Assert.Equal(expected, ReportNumberFormat.PValue(p));

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
