using System;
using System.Collections;
using System.Collections.Generic;

namespace ProtocolLang.Binding;

/// <summary>
/// A candidate set for <see cref="NameSuggestions"/>, prepared once so that each lookup costs about
/// the length of the name rather than the size of the set: a file with 10,000 misspelt names among
/// 10,000 declared ones would otherwise compare every pair.
/// <list type="number">
/// <item>distance 0 (equal ignoring case) is a dictionary lookup;</item>
/// <item>distance 1 is found through single-character deletions: two names one insert, delete,
/// substitution or swap apart share a deletion (or one is a deletion of the other), so the
/// candidates worth checking are those filed under one of the name's deletions;</item>
/// <item>only a name long enough to allow two or more edits, with nothing one edit away, scans the
/// set, and then skips by length and by a 64-bit character mask before computing a bounded distance.</item>
/// </list>
/// </summary>
internal sealed class NameIndex : IEnumerable<string>
{
    /// <summary>Longer names are not filed by deletion (their deletions cost the square of their length); they are scanned.</summary>
    private const int MaxIndexedLength = 64;

    private readonly List<string> _names = [];
    private readonly List<ulong> _masks = [];
    private readonly Dictionary<string, List<int>> _byFoldedName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<int>> _byDeletion = new(StringComparer.Ordinal);

    public NameIndex(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Add(name);
        }
    }

    public int Count => _names.Count;

    public IEnumerator<string> GetEnumerator() => _names.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same answer as comparing <paramref name="name"/> with every candidate in order (see <see cref="NameSuggestions.Nearest"/>), with its distance.</summary>
    public string? Nearest(string name, out int distance)
    {
        distance = 0;
        if (_byFoldedName.TryGetValue(name, out var folded))
        {
            foreach (var index in folded)
            {
                if (!string.Equals(_names[index], name, StringComparison.Ordinal))
                {
                    return _names[index];
                }
            }
        }

        distance = 1;
        var limit = Math.Min(Math.Max(1, name.Length / 3), name.Length - 1);
        var best = limit < 1 ? -1 : NearestByDeletion(name);
        if (best >= 0)
        {
            return _names[best];
        }

        return limit >= 2 ? Scan(name, limit, out distance) : null;
    }

    private void Add(string name)
    {
        var index = _names.Count;
        _names.Add(name);
        _masks.Add(Mask(name));
        File(_byFoldedName, name, index);
        if (name.Length <= MaxIndexedLength)
        {
            File(_byDeletion, name, index);
            for (var i = 0; i < name.Length; i++)
            {
                File(_byDeletion, name.Remove(i, 1), index);
            }
        }
    }

    /// <summary>The earliest candidate exactly one edit away, or -1.</summary>
    private int NearestByDeletion(string name)
    {
        var best = -1;
        void Consider(string key)
        {
            if (!_byDeletion.TryGetValue(key, out var indices))
            {
                return;
            }

            foreach (var index in indices)
            {
                if ((best < 0 || index < best) && NameSuggestions.BoundedDistance(name, _names[index], 1) == 1)
                {
                    best = index;
                }
            }
        }

        // A candidate one edit from a shorter name is at most MaxIndexedLength long, so it was filed.
        if (name.Length >= MaxIndexedLength)
        {
            return -1;
        }

        Consider(name);
        for (var i = 0; i < name.Length; i++)
        {
            Consider(name.Remove(i, 1));
        }

        return best;
    }

    /// <summary>Every candidate in order, skipping those that cannot beat the best so far.</summary>
    private string? Scan(string name, int limit, out int distance)
    {
        var mask = Mask(name);
        string? best = null;
        var bound = limit;
        distance = int.MaxValue;
        for (var index = 0; index < _names.Count && bound >= 1; index++)
        {
            var candidate = _names[index];

            // Each edit changes at most two bits of the mask, so differing bits bound the distance from below.
            if (Math.Abs(candidate.Length - name.Length) > bound || PopCount(_masks[index] ^ mask) > 2 * bound)
            {
                continue;
            }

            var found = NameSuggestions.BoundedDistance(name, candidate, bound);
            if (found <= bound && found >= 1)
            {
                best = candidate;
                distance = found;
                bound = found - 1;
            }
        }

        return best;
    }

    private static void File(Dictionary<string, List<int>> map, string key, int index)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        if (list.Count == 0 || list[list.Count - 1] != index)
        {
            list.Add(index);
        }
    }

    private static ulong Mask(string name)
    {
        ulong mask = 0;
        foreach (var c in name)
        {
            mask |= 1UL << (c % 64);
        }

        return mask;
    }

    private static int PopCount(ulong value)
    {
        var count = 0;
        while (value != 0)
        {
            value &= value - 1;
            count++;
        }

        return count;
    }
}
