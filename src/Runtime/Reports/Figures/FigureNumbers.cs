using System;
using System.Globalization;
using System.Text;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// Numbers in figures on the report's number policy (<see cref="ReportNumberFormat"/>, docs/reports.md "Numbers"): the
/// policy's digits, and the true minus sign U+2212 as the HTML and Word reports print it (figures are pictures, so
/// nobody greps them for a hyphen-minus, and a hyphen reads as a dash at tick-label size).
/// </summary>
internal static class FigureNumbers
{
    /// <summary>A tick label: the value in the invariant culture (shortest round trip of the value rounded to 10 decimals), U+2212 for a negative one, never "−0".</summary>
    public static string Tick(double value)
    {
        double rounded = Math.Round(value, 10);
        return TrueMinus((rounded == 0 ? 0 : rounded).ToString("G", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// <paramref name="text"/> with every number's minus as U+2212: a hyphen-minus right before a digit or a decimal
    /// point, at the start or after a space, '(' or '['; a hyphen inside a word or a code (<c>P-019</c>) stays.
    /// </summary>
    public static string TrueMinus(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('-', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text);
        for (int i = 0; i < builder.Length - 1; i++)
        {
            bool starts = i == 0 || builder[i - 1] is ' ' or '(' or '[';
            if (builder[i] == '-' && starts && (char.IsAsciiDigit(builder[i + 1]) || builder[i + 1] == '.'))
            {
                builder[i] = ReportText.TrueMinus;
            }
        }

        return builder.ToString();
    }
}
