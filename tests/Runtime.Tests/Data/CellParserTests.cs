using System;
using System.Globalization;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class CellParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+12")]
    [InlineData("0.1")]
    [InlineData(".5")]
    [InlineData("7.")]
    [InlineData("36.0")]
    [InlineData("0.00000000000001")]
    [InlineData("999999999999999")]
    [InlineData("-123456.789012345")]
    public void TheFastPathGivesExactlyTheValueOfDoubleParse(string text)
    {
        Assert.True(CellParser.TryParsePlainDecimal(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void TheFastPathAgreesWithDoubleParseOnRandomDecimals()
    {
        var random = new Random(20260125);
        for (var n = 0; n < 100_000; n++)
        {
            var decimals = random.Next(0, 8);
            var text = (random.NextDouble() * Math.Pow(10, random.Next(0, 8)) * (random.Next(2) == 0 ? -1 : 1))
                .ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

            Assert.True(CellParser.TryParseNumber(text, out var value));
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("1e3", 1000.0)]
    [InlineData("1234567890.1234567", 1234567890.1234567)]
    [InlineData("-2.5E-3", -0.0025)]
    public void NumbersOutsideTheFastPathStillParse(string text, double expected)
    {
        Assert.False(CellParser.TryParsePlainDecimal(text, out _));
        Assert.True(CellParser.TryParseNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("1 000")]
    [InlineData(" 5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("0x10")]
    public void TextThatIsNotAFiniteNumberIsRejected(string text) => Assert.False(CellParser.TryParseNumber(text, out _));

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("0001-01-01", true)]
    [InlineData("0000-01-01", false)]
    [InlineData("2024-13-01", false)]
    [InlineData("2024-04-31", false)]
    [InlineData("2024-1-01", false)]
    [InlineData("2024/01/01", false)]
    [InlineData(" 2024-01-01", false)]
    [InlineData("2024-01-0x", false)]
    public void DatesAreReadExactlyLikeTryParseExactWithTheIsoFormat(string text, bool valid)
    {
        var expectedValid = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);

        Assert.Equal(valid, expectedValid);
        Assert.Equal(valid, CellParser.TryParseDate(text, out var value));
        Assert.Equal(expected, value);
    }
}
