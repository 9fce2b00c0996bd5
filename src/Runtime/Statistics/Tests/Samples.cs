using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Input guards shared by the test kernels.</summary>
internal static class Samples
{
    /// <summary>
    /// Copies the non-NaN values of <paramref name="values"/>; callers filter missing values,
    /// so a NaN here is noted in <paramref name="warnings"/> rather than allowed to poison sums.
    /// </summary>
    public static double[] WithoutNaN(ReadOnlySpan<double> values, string sampleName, List<string> warnings)
    {
        var kept = new double[values.Length];
        int n = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                kept[n++] = v;
            }
        }

        if (n < values.Length)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"ignored {values.Length - n} NaN value(s) in {sampleName}"));
            Array.Resize(ref kept, n);
        }

        return kept;
    }
}
