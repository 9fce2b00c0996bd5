using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

public class NameSuggestionsTests
{
    [Fact]
    public void TheIndexAndTheScanAgreeWithComparingEveryCandidate()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var candidates = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomName(random)).ToList();
            var index = new NameIndex(candidates);
            for (var q = 0; q < 20; q++)
            {
                var name = random.Next(3) == 0 ? Mutate(candidates[random.Next(candidates.Count)], random) : RandomName(random);
                var expected = Reference(name, candidates);

                Assert.Equal(expected, NameSuggestions.Nearest(name, index));
                Assert.Equal(expected, NameSuggestions.Nearest(name, candidates.Select(c => c)));
            }
        }
    }

    [Fact]
    public void NamesLongerThanTheDeletionIndexAreStillFound()
    {
        var longName = new string('a', 70) + "bc";
        var candidates = new[] { "x", new string('a', 70) + "cb", longName + "d" };

        Assert.Equal(candidates[1], NameSuggestions.Nearest(longName, new NameIndex(candidates)));
        Assert.Equal(Reference(longName + "dd", candidates), NameSuggestions.Nearest(longName + "dd", new NameIndex(candidates)));
    }

    [Fact]
    public void LeadingCandidatesWinTiesOverTheIndex()
    {
        Assert.Equal("; did you mean 'groups'?", NameSuggestions.DidYouMean("group_", ["groups"], new NameIndex(["group1"])));
        Assert.Equal("; did you mean 'group1'?", NameSuggestions.DidYouMean("group1x", ["groups"], new NameIndex(["group1"])));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)]
    [InlineData("abcdef", "badcfe", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void TheBoundedDistanceIsExactWithinItsBoundAndSaysSoBeyond(string a, string b, int distance)
    {
        Assert.Equal(distance, NameSuggestions.Distance(a, b));
        for (var bound = 0; bound <= 4; bound++)
        {
            Assert.Equal(Math.Min(distance, bound + 1), NameSuggestions.BoundedDistance(a, b, bound));
        }
    }

    [Fact]
    public void TenThousandUnknownColumnsEachGetTheirOwnSuggestion()
    {
        var text = new StringBuilder("study S {\n  table subjects from \"s.csv\" key id {\n    id: text\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append("    column_").Append(i).Append(": number\n");
        }

        for (var i = 0; i < 10_000; i++)
        {
            text.Append("    derive d").Append(i).Append(" = colunm_").Append(i).Append('\n');
        }

        var compilation = StudyCompiler.Compile("s.study", text.Append("  }\n}\n").ToString());

        Assert.Equal(10_000, compilation.Diagnostics.Length);
        Assert.All(compilation.Diagnostics.Select((d, i) => (d, i)), x =>
            Assert.EndsWith("did you mean 'column_" + x.i + "'?", x.d.Message, StringComparison.Ordinal));
    }

    /// <summary>The rule as first written: every candidate, full optimal-string-alignment distance.</summary>
    private static string? Reference(string name, IReadOnlyList<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, name.Length / 3);
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                continue;
            }

            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : FullDistance(name, candidate);
            if (distance <= limit && distance < name.Length && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int FullDistance(string a, string b)
    {
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
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }

    private static string RandomName(Random random)
    {
        const string alphabet = "abcAB_1";
        var length = random.Next(1, random.Next(2) == 0 ? 8 : 80);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private static string Mutate(string name, Random random)
    {
        var chars = name.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                case 1 when at + 1 < chars.Count:
                    (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                    break;
                case 2 when at < chars.Count:
                    chars[at] = char.ToUpperInvariant(chars[at]);
                    break;
                default:
                    chars.Insert(at, 'b');
                    break;
            }
        }

        return chars.Count == 0 ? "a" : new string(chars.ToArray());
    }
}
