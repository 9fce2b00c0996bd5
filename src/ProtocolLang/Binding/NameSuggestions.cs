using System;
using System.Collections.Generic;

namespace ProtocolLang.Binding;

/// <summary>"did you mean 'x'?" for a near-miss name, by edit distance (optimal string alignment).</summary>
internal static class NameSuggestions
{
    /// <summary>The closest candidate, or null when none is close: at most a third of the name's length
    /// (at least one) edits away and fewer edits than the name is long, or equal ignoring case.
    /// Ties go to the earliest candidate. A <see cref="NameIndex"/> answers without scanning every
    /// candidate; any other sequence is scanned with a bounded distance.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates) =>
        candidates is NameIndex index ? index.Nearest(name, out _) : Scan(name, candidates, out _);

    /// <summary><c>; did you mean 'x'?</c> or the empty string, to end a message.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates) => Ending(Nearest(name, candidates));

    /// <summary>As <see cref="DidYouMean(string, IEnumerable{string})"/> over <paramref name="first"/> followed by <paramref name="then"/>.</summary>
    public static string DidYouMean(string name, IEnumerable<string> first, NameIndex then)
    {
        var early = Scan(name, first, out var earlyDistance);
        var late = then.Nearest(name, out var lateDistance);
        return Ending(early is not null && (late is null || earlyDistance <= lateDistance) ? early : late);
    }

    /// <summary>Every candidate in order; each distance is bounded by the best so far.</summary>
    private static string? Scan(string name, IEnumerable<string> candidates, out int bestDistance)
    {
        string? best = null;
        bestDistance = int.MaxValue;
        var limit = Math.Min(Math.Max(1, name.Length / 3), name.Length - 1);
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                continue;
            }

            int distance;
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                distance = 0;
            }
            else
            {
                // A one-letter name is one edit from every other one-letter name: only suggest what shares something.
                var bound = Math.Min(limit, bestDistance - 1);
                distance = bound < 1 ? int.MaxValue : BoundedDistance(name, candidate, bound);
                if (distance > bound)
                {
                    continue;
                }
            }

            best = candidate;
            bestDistance = distance;
            if (distance == 0)
            {
                break;
            }
        }

        return best;
    }

    private static string Ending(string? nearest) => nearest is null ? string.Empty : "; did you mean '" + nearest + "'?";

    /// <summary>Edits (insert, delete, substitute, swap adjacent) to turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b) => BoundedDistance(a, b, Math.Max(a.Length, b.Length));

    /// <summary>
    /// <see cref="Distance"/> when it is at most <paramref name="bound"/>, else <c>bound + 1</c>.
    /// Only the diagonal band <c>|i - j| &lt;= bound</c> is computed (a cheaper alignment cannot
    /// leave it) and it stops once two consecutive rows exceed the bound (a swap skips one row):
    /// O(bound · min(|a|, |b|)) time.
    /// </summary>
    public static int BoundedDistance(string a, string b, int bound)
    {
        var over = bound + 1;
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return over;
        }

        var twoBack = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        var previousMin = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            var lo = Math.Max(1, i - bound);
            var hi = Math.Min(b.Length, i + bound);
            current[lo - 1] = lo == 1 ? Math.Min(i, over) : over;
            var rowMin = current[lo - 1];
            for (var j = lo; j <= hi; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = Math.Min(value, over);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (hi < b.Length)
            {
                current[hi + 1] = over;
            }

            if (rowMin > bound && previousMin > bound)
            {
                return over;
            }

            previousMin = rowMin;
            (twoBack, previous, current) = (previous, current, twoBack);
        }

        return Math.Min(previous[b.Length], over);
    }
}
