using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The CSV value conventions, culture-invariant: numbers with '.', ISO dates, bools true/false (any case) or 1/0,
/// missing = an empty field or <c>NA</c>.
/// </summary>
internal static class CellParser
{
    public const string DateFormat = "yyyy-MM-dd";

    // No thousands separators and no surrounding white space: "1,234" or " 5" are reported, not guessed.
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static bool IsMissing(ReadOnlySpan<char> cell) => cell.IsEmpty || cell.SequenceEqual("NA");

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>A finite number; <c>NaN</c> and infinities are not data.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> cell, out double value) =>
        TryParsePlainDecimal(cell, out value)
        || (double.TryParse(cell, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));

    /// <summary>
    /// The fast path for what data files mostly hold, <c>[-+]digits[.digits]</c> with at most 15 digits:
    /// the digits as an integer and the power of ten are both exact doubles, so one IEEE division gives the
    /// correctly rounded value, identical to <see cref="double.Parse(string)"/> (Clinger 1990, "How to read
    /// floating point numbers accurately", PLDI). Anything else returns false and goes to the full parser.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    internal static bool TryParsePlainDecimal(ReadOnlySpan<char> cell, out double value)
    {
        value = 0;
        var i = cell.Length > 0 && (cell[0] == '-' || cell[0] == '+') ? 1 : 0;
        long digits = 0;
        var digitCount = 0;
        var decimals = -1;   // digits after the point; -1 = no point yet
        for (; i < cell.Length; i++)
        {
            var c = cell[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digitCount > 15)
                {
                    return false;
                }

                digits = (digits * 10) + (c - '0');
                decimals += decimals >= 0 ? 1 : 0;
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }

        if (digitCount == 0)
        {
            return false;
        }

        value = digits / PowersOfTen[Math.Max(decimals, 0)];
        value = cell[0] == '-' ? -value : value;
        return true;
    }

    public static bool TryParseInteger(ReadOnlySpan<char> cell, out long value) =>
        long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseBool(ReadOnlySpan<char> cell, out bool value)
    {
        if (cell.Equals("true", StringComparison.OrdinalIgnoreCase) || cell.SequenceEqual("1"))
        {
            value = true;
            return true;
        }

        value = false;
        return cell.Equals("false", StringComparison.OrdinalIgnoreCase) || cell.SequenceEqual("0");
    }

    /// <summary>Exactly <c>yyyy-MM-dd</c> and a real calendar day (as <c>DateOnly.TryParseExact</c>, a few times faster).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> cell, out DateOnly value)
    {
        value = default;
        if (cell.Length != 10 || cell[4] != '-' || cell[7] != '-'
            || !TryParseDigits(cell[..4], out var year) || !TryParseDigits(cell[5..7], out var month) || !TryParseDigits(cell[8..], out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static CellStatus CheckRange(double value, ColumnSchema column) =>
        value < column.Min ? CellStatus.BelowMin
        : value > column.Max ? CellStatus.AboveMax
        : CellStatus.Ok;
}
