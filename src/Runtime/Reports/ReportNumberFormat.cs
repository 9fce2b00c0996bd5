using System;
using System.Globalization;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// The one number-formatting policy of every report, so diffs show only real changes. All output
/// uses the invariant culture and never shows "-0". Undefined values (NaN) are "NA", as in R.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>P-values: "&lt;0.001" below 0.001, else 3 significant digits without trailing zeros (0.0431, 0.12, 1).</item>
/// <item>Estimates and statistics: 3 significant digits, but never fewer than all integer digits
/// (0.0456, 4.56, 45.6, 456, 3792); trailing zeros kept so columns align; scientific notation
/// (1.23e-07) below 1e-6 or from 1e9.</item>
/// <item>Test statistics: as estimates, except whole numbers (counts, rank sums) print as integers (W = 216).</item>
/// <item>Percentages: one decimal (27.8). Counts: integers.</item>
/// <item>Degrees of freedom: an integer when whole, else as an estimate.</item>
/// </list>
/// Rounding is .NET's correctly rounded decimal formatting of the binary value.
/// </remarks>
public static class ReportNumberFormat
{
    public const string NotAvailable = "NA";

    public static string PValue(double p)
    {
        if (double.IsNaN(p))
        {
            return NotAvailable;
        }

        if (p < 0.001)
        {
            return "<0.001";
        }

        string text = Significant(p, 3);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    public static string PValue(double? p) => p is { } value ? PValue(value) : NotAvailable;

    public static string Estimate(double value)
    {
        if (double.IsNaN(value))
        {
            return NotAvailable;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        double magnitude = Math.Abs(value);
        if (magnitude < 1e-6 || magnitude >= 1e9)
        {
            return NoNegativeZero(value.ToString("0.00e+00", CultureInfo.InvariantCulture));
        }

        return Significant(value, 3);
    }

    public static string Estimate(double? value) => value is { } v ? Estimate(v) : NotAvailable;

    /// <summary>A test statistic: a whole number (a count, a rank sum) as an integer, else as an estimate.</summary>
    public static string Statistic(double value) =>
        double.IsFinite(value) && value == Math.Round(value) && Math.Abs(value) < 1e9
            ? NoNegativeZero(value.ToString("F0", CultureInfo.InvariantCulture))
            : Estimate(value);

    public static string Percent(double percent) =>
        double.IsNaN(percent) ? NotAvailable : NoNegativeZero(percent.ToString("F1", CultureInfo.InvariantCulture));

    public static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    public static string DegreesOfFreedom(double? df)
    {
        if (df is not { } value || double.IsNaN(value))
        {
            return NotAvailable;
        }

        return Math.Abs(value - Math.Round(value)) < 1e-9 && Math.Abs(value) < 1e9
            ? NoNegativeZero(Math.Round(value).ToString("F0", CultureInfo.InvariantCulture))
            : Estimate(value);
    }

    /// <summary>
    /// Fixed-point text with <paramref name="digits"/> significant digits, keeping all integer
    /// digits; e.g. 9.996 → "10.0" (the rounding carried into a new digit).
    /// </summary>
    private static string Significant(double value, int digits)
    {
        double magnitude = Math.Abs(value);
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        int decimals = Math.Max(0, digits - 1 - exponent);
        if (decimals > 0 && Math.Abs(Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero)) >= Math.Pow(10, exponent + 1))
        {
            decimals--;
        }

        return NoNegativeZero(value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static string NoNegativeZero(string text)
    {
        if (text.Length > 1 && text[0] == '-')
        {
            foreach (char c in text.AsSpan(1))
            {
                if (c is not ('0' or '.'))
                {
                    return text;
                }
            }

            return text[1..];
        }

        return text;
    }
}
