using System;
using System.Globalization;

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

    /// <summary>A finite number; <c>NaN</c> and infinities are not data.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> cell, out double value) =>
        double.TryParse(cell, NumberStyle, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

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

    public static bool TryParseDate(ReadOnlySpan<char> cell, out DateOnly value) =>
        DateOnly.TryParseExact(cell, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static CellStatus CheckRange(double value, ColumnSchema column) =>
        value < column.Min ? CellStatus.BelowMin
        : value > column.Max ? CellStatus.AboveMax
        : CellStatus.Ok;
}
