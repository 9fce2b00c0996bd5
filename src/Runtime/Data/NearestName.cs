using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Data;

/// <summary>Suggests the closest known name for a misspelt one ("did you mean 'NXP2'?").</summary>
internal static class NearestName
{
    /// <summary>
    /// The candidate with the smallest case-insensitive edit distance to <paramref name="name"/>
    /// (surrounding spaces ignored), if that distance is at most a third of the longer name; ties go to the first.
    /// Each distance is bounded by that limit and by the best so far, so a candidate whose length
    /// alone rules it out costs nothing and the others stop as soon as they cannot win: a problem
    /// list that asks once per bad row stays linear in practice.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        var target = name.Trim();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var trimmed = candidate.Trim();
            var bound = Math.Min(Math.Max(target.Length, candidate.Length) / 3, bestDistance - 1);
            if (bound < 0 || Math.Abs(target.Length - trimmed.Length) > bound)
            {
                continue;
            }

            var distance = Distance(target, trimmed, bound);
            if (distance <= bound)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, comparing characters case-insensitively (invariant).</summary>
    internal static int Distance(string a, string b) => Distance(a, b, Math.Max(a.Length, b.Length));

    /// <summary>
    /// <see cref="Distance(string, string)"/> when it is at most <paramref name="bound"/>, else
    /// <c>bound + 1</c>: only the band <c>|i - j| &lt;= bound</c> is filled, and it stops at the first row
    /// whose every entry exceeds the bound (rows never decrease along a Levenshtein path).
    /// </summary>
    internal static int Distance(string a, string b, int bound)
    {
        var over = bound + 1;
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return over;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var lo = Math.Max(1, i - bound);
            var hi = Math.Min(b.Length, i + bound);
            current[lo - 1] = lo == 1 ? Math.Min(i, over) : over;
            var rowMin = current[lo - 1];
            var upper = char.ToUpperInvariant(a[i - 1]);
            for (var j = lo; j <= hi; j++)
            {
                var cost = upper == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost), over);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (hi < b.Length)
            {
                current[hi + 1] = over;
            }

            if (rowMin > bound)
            {
                return over;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], over);
    }
}
