using System;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class FnTests
{
    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, null)]
    [InlineData(true, true, true)]
    public void AndIsFalseWhenEitherSideIsFalseEvenIfTheOtherIsMissing(bool? a, bool? b, bool? expected)
    {
        Assert.Equal(expected, Fn.And(a, b));
        Assert.Equal(expected, Fn.And(b, a));
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, null, null)]
    [InlineData(false, false, false)]
    public void OrIsTrueWhenEitherSideIsTrueEvenIfTheOtherIsMissing(bool? a, bool? b, bool? expected)
    {
        Assert.Equal(expected, Fn.Or(a, b));
        Assert.Equal(expected, Fn.Or(b, a));
    }

    [Fact]
    public void ComparisonsWithAMissingOperandAreMissing()
    {
        Assert.Null(Fn.Lt(null, 3));
        Assert.Null(Fn.Eq<DayOfWeek>(null, DayOfWeek.Monday));
        Assert.Null(Fn.Eq((string?)null, "a"));
        Assert.Null(Fn.In<DayOfWeek>(null, DayOfWeek.Monday));
        Assert.Null(Fn.Not(null));
        Assert.True(Fn.Ne<DayOfWeek>(DayOfWeek.Sunday, DayOfWeek.Monday));
        Assert.True(Fn.In("b", "a", "b"));
        Assert.False(Fn.Eq("A", "a"));
    }

    [Fact]
    public void UndefinedFunctionValuesAreMissing()
    {
        // Undefined, not null, so that building a variable can count them (PL5050); missing to every helper.
        Assert.True(Fn.IsMissing(Fn.Log(0)));
        Assert.True(Fn.IsMissing(Fn.Log(-1)));
        Assert.True(Fn.IsMissing(Fn.Sqrt(-4)));
        Assert.Null(Fn.Log(null));
        Assert.Equal(2, Fn.Sqrt(4));
        Assert.Equal(Math.Log(10), Fn.Log(10));
    }

    [Fact]
    public void ANonFiniteNumberIsMissingInComparisonsAndIsMissing()
    {
        double? divided = 1.0 / 0.0;
        double? nan = 0.0 / 0.0;
        Assert.True(Fn.IsMissing(divided));
        Assert.True(Fn.IsMissing(nan));
        Assert.True(Fn.IsMissing(null));
        Assert.False(Fn.IsMissing(0));
        Assert.Null(Fn.Gt(divided, 5));
        Assert.Null(Fn.Le(3, nan));
        Assert.Null(Fn.Eq<double>(nan, nan));
        Assert.Null(Fn.In<double>(divided, double.PositiveInfinity));
        Assert.False(Fn.And(Fn.Gt(divided, 5), false));
    }

    [Theory]
    [InlineData(0.5, 0, 0)]
    [InlineData(2.5, 0, 2)]
    [InlineData(-1.5, 0, -2)]
    [InlineData(1234.5678, 2, 1234.57)]
    [InlineData(1250, -2, 1200)]
    public void RoundHalvesToEvenAsR(double x, double digits, double expected) =>
        Assert.Equal(expected, Fn.Round(x, digits));

    [Fact]
    public void DateDifferencesCountDaysAndJulianYears()
    {
        var from = new DateOnly(2020, 1, 1);
        var to = new DateOnly(2021, 1, 1);
        Assert.Equal(366, Fn.DaysBetween(from, to));
        Assert.Equal(366 / 365.25, Fn.YearsBetween(from, to));
        Assert.Null(Fn.DaysBetween(null, to));
    }

    [Fact]
    public void IfIsMissingWhenTheConditionIsMissing()
    {
        Assert.Null(Fn.If<double>(null, 1, 2));
        Assert.Equal(2.0, Fn.If<double>(false, 1, 2));
        Assert.Equal("a", Fn.If(true, "a", "b"));
        Assert.Null(Fn.Min(1, null));
        Assert.Equal(3, Fn.Max(1, 3));
    }
}
