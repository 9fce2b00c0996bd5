using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Tests.Data;

public sealed class TextDictionaryTests
{
    [Fact]
    public void ValuesGetCodesInOrderOfFirstAppearanceAndARepeatGetsItsEarlierCode()
    {
        var values = new TextDictionary(capacity: 4);

        var codes = new[] { "b", "c", "a", "c", "b", "d" }.Select(v => values.GetOrAdd(v)).ToArray();

        Assert.Equal([0, 1, 2, 1, 0, 3], codes);
        Assert.Equal(4, values.Count);
        Assert.Equal(["b", "c", "a", "d"], Enumerable.Range(0, values.Count).Select(c => values[c].ToString()));
    }

    [Fact]
    public void IncreasingValuesAreNotIndexedUntilOneRepeatsAndTheRepeatIsStillFound()
    {
        var values = new TextDictionary(capacity: 4);
        foreach (var id in new[] { "P01", "P02", "P03" })
        {
            values.GetOrAdd(id);
        }

        Assert.False(values.Indexed);
        Assert.Equal(1, values.GetOrAdd("P02"));
        Assert.True(values.Indexed);
        Assert.Equal(3, values.GetOrAdd("P00"));
        Assert.Equal(3, values.Find("P00"));
    }

    [Fact]
    public void FindBuildsTheIndexOverIncreasingValuesAndAnswersMinusOneForAnAbsentValue()
    {
        var values = new TextDictionary(capacity: 2);
        foreach (var id in new[] { "A", "B", "C" })
        {
            values.GetOrAdd(id);
        }

        Assert.Equal([0, 1, 2, -1, -1], new[] { "A", "B", "C", "D", string.Empty }.Select(v => values.Find(v)));
    }

    [Fact]
    public void TheSameValueCutFromDifferentPlacesOfABufferIsOneValue()
    {
        // The hash must read the characters only, not where they sit (alignment, offset) in the caller's buffer.
        const string Buffer = "xS00000001yyS00000001zzzS00000001";
        var values = new TextDictionary(capacity: 1);
        values.GetOrAdd("S0");   // "S0" < "S00000001": the first cut is appended unhashed, the second builds the index from the stored copy

        var codes = new[] { 1, 12, 24 }.Select(start => values.GetOrAdd(Buffer.AsSpan(start, 9))).ToArray();

        Assert.Equal([1, 1, 1], codes);
        Assert.Equal(1, values.Find(Buffer.AsSpan(12, 9)));
    }

    [Fact]
    public void NonAsciiLongAndEmptyValuesAreDistinctFromTheirNearNeighbours()
    {
        var longId = new string('x', 10_000);
        string[] distinct = ["Zoë", "Zoe", "Zoe\u0308", "P😀", "P😁", "Ωmega", string.Empty, longId + "a", longId + "b", "a" + longId, longId];
        var values = new TextDictionary(capacity: 2);

        var first = distinct.Select(v => values.GetOrAdd(v)).ToArray();
        var again = distinct.Reverse().Select(v => values.GetOrAdd(v)).Reverse().ToArray();

        Assert.Equal(Enumerable.Range(0, distinct.Length), first);
        Assert.Equal(first, again);
        Assert.Equal(distinct, first.Select(c => values[c].ToString()));
    }

    [Fact]
    public void ThousandsOfShuffledValuesWithRepeatsMatchAnOrdinalDictionary()
    {
        // Enough values to grow the char buffer, the code arrays and the bucket table several times.
        var random = new Random(12);
        var ids = Enumerable.Range(0, 20_000).Select(_ => "id-" + random.Next(0, 8_000).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new TextDictionary(capacity: 16);

        foreach (var id in ids)
        {
            var code = values.GetOrAdd(id);
            Assert.Equal(expected.TryAdd(id, expected.Count) ? expected.Count - 1 : expected[id], code);
        }

        Assert.Equal(expected.Count, values.Count);
        Assert.All(expected, pair => Assert.Equal(pair.Value, values.Find(pair.Key)));
        Assert.Equal(-1, values.Find("id-8000"));
    }

    [Fact]
    public void TheTrimmedBufferHoldsEveryValueAtItsStart()
    {
        var values = new TextDictionary(capacity: 100);
        foreach (var id in new[] { "alpha", "beta", "alpha", "gamma" })
        {
            values.GetOrAdd(id);
        }

        var (chars, starts) = values.Trimmed();

        Assert.Equal([0, 5, 9, 14], starts);
        Assert.Equal("alphabetagamma", new string(chars, 0, starts[^1]));
    }
}
