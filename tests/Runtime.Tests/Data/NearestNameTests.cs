using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class NearestNameTests
{
    [Fact]
    public void TheBoundedSearchAgreesWithComparingEveryCandidateInFull()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var candidates = Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomName(random)).ToList();
            var name = random.Next(2) == 0 ? candidates[random.Next(candidates.Count)].ToUpperInvariant() + (random.Next(2) == 0 ? "x" : " ") : RandomName(random);

            Assert.Equal(Reference(name, candidates), NearestName.Find(name, candidates));
        }
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("NXP2", "nxp2", 0)]
    [InlineData("", "abc", 3)]
    public void TheBoundedDistanceIsExactWithinItsBound(string a, string b, int distance)
    {
        Assert.Equal(distance, NearestName.Distance(a, b));
        for (var bound = 0; bound <= 4; bound++)
        {
            Assert.Equal(Math.Min(distance, bound + 1), NearestName.Distance(a, b, bound));
        }
    }

    /// <summary>The rule as first written: full Levenshtein distance to every candidate.</summary>
    private static string? Reference(string name, IReadOnlyList<string> candidates)
    {
        var target = name.Trim();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var a = target.ToUpperInvariant();
            var b = candidate.Trim().ToUpperInvariant();
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }
            }

            var distance = d[a.Length, b.Length];
            if (distance < bestDistance && distance <= Math.Max(target.Length, candidate.Length) / 3)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string RandomName(Random random)
    {
        const string alphabet = "abAB1 _";
        return new string(Enumerable.Range(0, random.Next(0, 14)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}
