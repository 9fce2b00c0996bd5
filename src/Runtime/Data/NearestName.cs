using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Data;

/// <summary>Suggests the closest known name for a misspelt one ("did you mean 'NXP2'?").</summary>
internal static class NearestName
{
    /// <summary>
    /// The candidate with the smallest case-insensitive edit distance to <paramref name="name"/>
    /// (surrounding spaces ignored), if that distance is at most a third of the longer name; ties go to the first.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        var target = name.Trim();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(target, candidate.Trim());
            if (distance < bestDistance && distance <= Math.Max(target.Length, candidate.Length) / 3)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, comparing characters case-insensitively (invariant).</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
