using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Adjusts a family of p-values for multiple comparisons.</summary>
public static class PAdjust
{
    /// <summary>
    /// Adjusted p-values in the order of <paramref name="p"/>. NaN entries stay NaN and do not
    /// count towards the family size. O(m log m) for m p-values (one sort).
    /// </summary>
    /// <remarks>
    /// With m non-missing p-values and p(1) &lt;= ... &lt;= p(m) sorted:
    /// Bonferroni: min(1, m p). Holm (1979, Scand. J. Statist. 6:65-70): the running maximum, from the
    /// smallest p upwards, of (m - i + 1) p(i), capped at 1. Hochberg (1988, Biometrika 75:800-802):
    /// the running minimum, from the largest p downwards, of (m - i + 1) p(i), capped at 1.
    /// Benjamini-Hochberg (1995, JRSS B 57:289-300): the running minimum from the largest p down of
    /// (m / i) p(i), capped at 1. The arithmetic and the handling of NaN follow R's
    /// <c>p.adjust</c> (src/library/stats/R/p.adjust.R) term by term, so results are identical to
    /// R's; ties do not depend on the sort order.
    /// </remarks>
    public static double[] Adjust(ReadOnlySpan<double> p, AdjustMethod method)
    {
        double[] adjusted = p.ToArray();
        int[] present = new int[p.Length];
        int m = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (!double.IsNaN(p[i]))
            {
                present[m++] = i;
            }
        }

        if (m <= 1 || method == AdjustMethod.None)
        {
            return adjusted;
        }

        switch (method)
        {
            case AdjustMethod.Bonferroni:
                for (int k = 0; k < m; k++)
                {
                    adjusted[present[k]] = Math.Min(1, m * p[present[k]]);
                }

                break;
            case AdjustMethod.Holm:
                StepDown(p, present.AsSpan(0, m), adjusted);
                break;
            case AdjustMethod.Hochberg:
                StepUp(p, present.AsSpan(0, m), adjusted, (n, i, value) => (n + 1 - i) * value);
                break;
            case AdjustMethod.BenjaminiHochberg:
                StepUp(p, present.AsSpan(0, m), adjusted, (n, i, value) => (double)n / i * value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown adjustment method");
        }

        return adjusted;
    }

    /// <summary>Holm: ascending order, i = 1..m, running max of (m - i + 1) p(i), capped at 1.</summary>
    private static void StepDown(ReadOnlySpan<double> p, Span<int> present, double[] adjusted)
    {
        int[] order = SortedIndices(p, present, descending: false);
        int m = order.Length;
        double running = double.NegativeInfinity;
        for (int k = 0; k < m; k++)
        {
            int i = k + 1;
            running = Math.Max(running, (m - i + 1) * p[order[k]]);
            adjusted[order[k]] = Math.Min(1, running);
        }
    }

    /// <summary>Hochberg and BH: descending order, i = m..1, running min of term(m, i, p), capped at 1.</summary>
    private static void StepUp(ReadOnlySpan<double> p, Span<int> present, double[] adjusted, Func<int, int, double, double> term)
    {
        int[] order = SortedIndices(p, present, descending: true);
        int m = order.Length;
        double running = double.PositiveInfinity;
        for (int k = 0; k < m; k++)
        {
            int i = m - k;
            running = Math.Min(running, term(m, i, p[order[k]]));
            adjusted[order[k]] = Math.Min(1, running);
        }
    }

    /// <summary>Indices of the non-missing p-values, stably sorted by value (ties keep input order, as R's order()).</summary>
    private static int[] SortedIndices(ReadOnlySpan<double> p, Span<int> present, bool descending)
    {
        int[] order = present.ToArray();
        double[] keys = new double[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            keys[k] = p[order[k]];
        }

        int[] positions = new int[order.Length];
        for (int k = 0; k < positions.Length; k++)
        {
            positions[k] = k;
        }

        Array.Sort(positions, (u, v) =>
        {
            int byValue = descending ? keys[v].CompareTo(keys[u]) : keys[u].CompareTo(keys[v]);
            return byValue != 0 ? byValue : u.CompareTo(v);
        });

        int[] sorted = new int[order.Length];
        for (int k = 0; k < sorted.Length; k++)
        {
            sorted[k] = order[positions[k]];
        }

        return sorted;
    }
}
