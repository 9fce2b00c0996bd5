using System;
using System.Globalization;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// The one number-formatting policy of every report, so diffs show only real changes. All output
/// uses the invariant culture, an ASCII hyphen-minus for negative numbers (the report view marks it,
/// see <see cref="ReportViewNumbers"/>, and HTML prints U+2212) and never "-0". Undefined values (NaN) are "NA",
/// as in R; the report shows a value that does not exist (a group without values) as "—".
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>P-values as gtsummary's <c>style_pvalue(digits = 2)</c>: "&lt;0.001" below 0.001, 3 decimals below 0.1
/// (0.049), 2 decimals from 0.1 (0.23), "&gt;0.99" above 0.99 (an adjusted p of 1 too).</item>
/// <item>An estimate with its interval (<see cref="Interval"/>): one number of decimals for the three,
/// 3 significant digits of the largest magnitude among them: "-3.10 (-5.40, -0.60)".</item>
/// <item>A ratio with its interval (<see cref="Ratio"/>): 2 decimals, or 2 significant digits when the ratio is below 0.1:
/// "8.24 (0.85, 425.04)".</item>
/// <item>Summary statistics of a variable (<see cref="SummaryDecimals"/>): gtsummary's default digits from the spread of the values.</item>
/// <item>A lone estimate or statistic (<see cref="Estimate"/>): 3 significant digits, but never fewer than all integer digits
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

    /// <summary>The most decimals any rule asks for: beyond it a table shows noise, not precision.</summary>
    public const int MaxDecimals = 6;

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

        if (p > 0.99)
        {
            return ">0.99";
        }

        // Decided on the value, not on its rounding: 0.0996 prints 0.100 (3 decimals, as style_pvalue).
        return Fixed(p, p < 0.1 ? 3 : 2);
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

    /// <summary><paramref name="value"/> with exactly <paramref name="decimals"/> decimals (0 to <see cref="MaxDecimals"/>).</summary>
    public static string Fixed(double value, int decimals)
    {
        if (double.IsNaN(value))
        {
            return NotAvailable;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Inf" : "-Inf";
        }

        int d = Math.Clamp(decimals, 0, MaxDecimals);
        return NoNegativeZero(value.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    public static string Fixed(double? value, int decimals) => value is { } v ? Fixed(v, decimals) : NotAvailable;

    /// <summary>
    /// The decimals that give <paramref name="significant"/> significant digits to <paramref name="magnitude"/>
    /// (0 for 1000 and above, 2 for 4.56, 3 for 0.456; a carry counts: 9.996 has 1, as "10.0"); 2 for 0 or a non-finite value.
    /// </summary>
    public static int DecimalsFor(double magnitude, int significant = 3)
    {
        double m = Math.Abs(magnitude);
        if (m == 0 || !double.IsFinite(m))
        {
            return 2;
        }

        int exponent = (int)Math.Floor(Math.Log10(m));
        int decimals = significant - 1 - exponent;
        if (decimals > 0 && Math.Round(m, Math.Min(decimals, 15), MidpointRounding.AwayFromZero) >= Math.Pow(10, exponent + 1))
        {
            decimals--;
        }

        return Math.Clamp(decimals, 0, MaxDecimals);
    }

    /// <summary>
    /// An estimate and its interval sharing one number of decimals: 3 significant digits of the largest of their magnitudes,
    /// "-3.10 (-5.40, -0.60)". A missing limit prints NA.
    /// </summary>
    public static string Interval(double estimate, double low, double high)
    {
        int decimals = IntervalDecimals(estimate, low, high);
        return $"{Fixed(estimate, decimals)} ({Fixed(low, decimals)}, {Fixed(high, decimals)})";
    }

    /// <summary>The decimals <see cref="Interval"/> uses: 3 significant digits of the largest finite magnitude among the values.</summary>
    public static int IntervalDecimals(params double[] values)
    {
        double largest = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                largest = Math.Max(largest, Math.Abs(v));
            }
        }

        return DecimalsFor(largest);
    }

    /// <summary>
    /// A ratio (odds, hazard, rate ratio; a back-transformed contrast) and its interval: 2 decimals, or 2 significant
    /// digits of a ratio below 0.1, shared by the limits: "8.24 (0.85, 425.04)", "0.045 (0.020, 0.110)".
    /// </summary>
    public static string Ratio(double ratio, double low, double high)
    {
        int decimals = RatioDecimals(ratio);
        return $"{Fixed(ratio, decimals)} ({Fixed(low, decimals)}, {Fixed(high, decimals)})";
    }

    /// <summary>The decimals of <see cref="Ratio"/>.</summary>
    public static int RatioDecimals(double ratio) => Math.Max(2, double.IsFinite(ratio) && ratio != 0 ? DecimalsFor(ratio, 2) : 2);

    /// <summary>
    /// The decimals of a variable's summary statistics (mean, SD, quartiles, range), as gtsummary's default for
    /// continuous variables from the spread of the values (its <c>P95 − P5</c>; here the spread given, e.g. max − min):
    /// below 0.01 → 4, below 0.1 → 3, below 10 → 2, below 20 → 1, else 0; NaN (no values) → 0.
    /// </summary>
    public static int SummaryDecimals(double spread) => spread switch
    {
        double.NaN => 0,
        < 0.01 => 4,
        < 0.1 => 3,
        < 10 => 2,
        < 20 => 1,
        _ => 0,
    };

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
