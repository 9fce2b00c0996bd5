using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// Text for hand-drawn SVG (the flow diagram): widths by a fixed rule, so the layout and the bytes do not
/// depend on the fonts installed; line wrapping by that width; XML escaping; invariant number text.
/// </summary>
/// <remarks>
/// The rule is DejaVu Sans' advance widths (its <c>hmtx</c> table, 2048 units per em, version 2.37 as Debian's
/// fonts-dejavu-core ships it) for printable ASCII and a few common symbols; any other character counts one em,
/// wider than nearly every glyph of a Latin, Greek or Cyrillic font, so the boxes are never too narrow for the
/// text when the browser substitutes a font.
/// </remarks>
internal static class SvgText
{
    private const double UnitsPerEm = 2048;

    // Advance widths of U+0020 to U+007E in DejaVu Sans, in order.
    private static readonly int[] Ascii =
    [
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
        1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
        1300, 1300, 842, 1067, 803, 1298, 1212, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    ];

    /// <summary>The width of <paramref name="text"/> at <paramref name="fontSize"/> px by the fixed rule.</summary>
    public static double Width(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        double units = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            units += Advance(rune.Value);
        }

        return units / UnitsPerEm * fontSize;
    }

    private static int Advance(int c) => c switch
    {
        >= 0x20 and <= 0x7E => Ascii[c - 0x20],
        'γ' => 1212,
        '–' => 1024,
        '≠' or '×' or '≥' or '≤' or '±' or '−' => 1716,
        _ => 2048,
    };

    /// <summary>
    /// <paramref name="text"/> broken at spaces into lines no wider than <paramref name="maxWidth"/> (a word
    /// wider than that stays whole on its own line).
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double fontSize, double maxWidth)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Width(candidate, fontSize) > maxWidth)
            {
                lines.Add(line.ToString());
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Text escaped for XML character data and attribute values.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",

                // XML 1.0 allows no other control characters; a label's tab or line break reads as a space.
                < ' ' => " ",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A coordinate with at most two decimals, invariant culture.</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
