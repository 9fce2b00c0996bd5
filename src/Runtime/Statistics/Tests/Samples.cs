using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Input guards shared by the test kernels.</summary>
internal static class Samples
{
    /// <summary>
    /// Copies the finite values of <paramref name="values"/>. Callers filter missing values, so a NaN
    /// or an infinity here is noted in <paramref name="warnings"/> and left out rather than allowed to
    /// poison sums or, in a rank search, to stop a loop from advancing (inf - inf is NaN, and NaN equals
    /// nothing). R's <c>wilcox.test</c> drops non-finite values the same way (<c>x[is.finite(x)]</c>).
    /// </summary>
    public static double[] Finite(ReadOnlySpan<double> values, string sampleName, List<string> warnings)
    {
        var kept = new double[values.Length];
        int n = 0;
        int nan = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                kept[n++] = v;
            }
            else if (double.IsNaN(v))
            {
                nan++;
            }
        }

        Warn(nan, values.Length - n - nan, sampleName, warnings);
        if (n < values.Length)
        {
            Array.Resize(ref kept, n);
        }

        return kept;
    }

    /// <summary>The warnings of <see cref="Finite"/> for a sample with <paramref name="nan"/> NaN and <paramref name="infinite"/> infinite values.</summary>
    public static void Warn(int nan, int infinite, string sampleName, List<string> warnings)
    {
        if (nan > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"ignored {nan} NaN value(s) in {sampleName}"));
        }

        if (infinite > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"excluded {infinite} infinite value(s) from {sampleName}"));
        }
    }
}
