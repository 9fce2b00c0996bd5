using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The distinct values of one text column, each stored once in a single char buffer and numbered in order of first
/// appearance (its code), found by hashing the cell's span: a cell is looked up without allocating, and only a value not
/// seen before is copied. For a key column every value is distinct, so the buffer is the column (one char run per row,
/// no string objects); for a column with repeats it is the column's dictionary.
/// </summary>
/// <remarks>
/// While every value is greater (ordinal) than the one before, as the ids of most data files are, each is new and is
/// appended without hashing; the hash index over the values so far is built the first time a value is not greater
/// (a repeat or an unsorted file) or is looked up (a child table's links). The index is open addressing with linear
/// probing over a power-of-two table kept at most half full; each code's 32-bit hash is kept so probing compares spans
/// only on a hash match and growing does not rehash the text. Session 11's profile put a quarter of the load in a
/// <c>Dictionary&lt;string, int&gt;</c> of ids and the string made for each one.
/// </remarks>
internal sealed class TextDictionary
{
    // Per process, so the probe sequences of a crafted file cannot be precomputed (the order of codes never depends on it).
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private readonly int _capacity;
    private char[] _chars;
    private int _charCount;
    private int[] _starts;      // code c is _chars[_starts[c] .. _starts[c + 1])
    private int[]? _hashes;     // by code; null while the values are strictly increasing (no index yet)
    private int[]? _buckets;    // code + 1; 0 = empty
    private int _mask;

    /// <param name="capacity">The distinct values expected, so a key column's arrays are sized once.</param>
    public TextDictionary(int capacity)
    {
        _capacity = Math.Max(capacity, 8);
        _chars = new char[(int)Math.Min(_capacity * 8L, Array.MaxLength)];   // grown to the observed mean length, trimmed at the end
        _starts = new int[_capacity + 1];
    }

    /// <summary>The number of distinct values.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the hash index exists (false while every value has been greater than the one before).</summary>
    internal bool Indexed => _buckets is not null;

    /// <summary>The value whose code is <paramref name="code"/>.</summary>
    public ReadOnlySpan<char> this[int code] => _chars.AsSpan(_starts[code], _starts[code + 1] - _starts[code]);

    /// <summary>The code of <paramref name="value"/>, adding it when it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public int GetOrAdd(ReadOnlySpan<char> value)
    {
        if (_buckets is null)
        {
            if (Count == 0 || value.SequenceCompareTo(this[Count - 1]) > 0)
            {
                return Append(value);   // greater than every value so far, so new
            }

            BuildIndex();
        }

        var hash = Hash(value);
        var bucket = Probe(value, hash);
        if (_buckets![bucket] is var entry and not 0)
        {
            return entry - 1;
        }

        var code = Append(value);
        Index(code, hash, bucket);
        return code;
    }

    /// <summary>The code of <paramref name="value"/>; -1 when it is not here.</summary>
    public int Find(ReadOnlySpan<char> value)
    {
        if (_buckets is null)
        {
            BuildIndex();
        }

        return _buckets![Probe(value, Hash(value))] - 1;
    }

    /// <summary>The char buffer (cut to its length unless nearly full) and the code starts (<see cref="Count"/> + 1 entries), for the loaded table to keep.</summary>
    public (char[] Chars, int[] Starts) Trimmed()
    {
        // A slack under 1/16 (the estimate's margin) is kept rather than copied.
        if (_chars.Length - _charCount > _chars.Length / 16)
        {
            Array.Resize(ref _chars, _charCount);
        }

        if (_starts.Length != Count + 1)
        {
            Array.Resize(ref _starts, Count + 1);
        }

        return (_chars, _starts);
    }

    /// <summary>The bucket holding <paramref name="value"/>, or the empty bucket where it would go.</summary>
    private int Probe(ReadOnlySpan<char> value, int hash)
    {
        var bucket = hash & _mask;
        while (_buckets![bucket] is var entry and not 0)
        {
            var code = entry - 1;
            if (_hashes![code] == hash && this[code].SequenceEqual(value))
            {
                return bucket;
            }

            bucket = (bucket + 1) & _mask;
        }

        return bucket;
    }

    private int Append(ReadOnlySpan<char> value)
    {
        var code = Count;
        if (code + 1 >= _starts.Length)
        {
            var grown = (int)Math.Min(_starts.Length * 2L, Array.MaxLength);
            Array.Resize(ref _starts, grown);
            if (_hashes is not null)
            {
                Array.Resize(ref _hashes, grown);
            }
        }

        if (_charCount + value.Length > _chars.Length)
        {
            GrowChars(_charCount + (long)value.Length);
        }

        value.CopyTo(_chars.AsSpan(_charCount));
        _starts[code] = _charCount;
        _charCount += value.Length;
        _starts[code + 1] = _charCount;
        Count = code + 1;
        return code;
    }

    /// <summary>To the mean length seen times the values expected (a key column's final size, so one copy), else doubled.</summary>
    private void GrowChars(long needed)
    {
        var expected = Count > 0 && _capacity > Count ? (long)((double)_charCount / Count * _capacity * 1.0625) : 0;
        var grown = Math.Min(Math.Max(needed, expected > _chars.Length ? expected : _chars.Length * 2L), Array.MaxLength);
        if (needed > grown)
        {
            throw new InvalidOperationException($"A text column holds more than {Array.MaxLength} characters of distinct values.");
        }

        Array.Resize(ref _chars, (int)grown);
    }

    private void Index(int code, int hash, int bucket)
    {
        _hashes![code] = hash;
        _buckets![bucket] = code + 1;
        if (Count * 2 > _buckets.Length)
        {
            _buckets = new int[_buckets.Length * 2];
            PlaceAll();
        }
    }

    /// <summary>The hash index over every value so far, sized for the values expected.</summary>
    private void BuildIndex()
    {
        _hashes = new int[_starts.Length];
        for (var code = 0; code < Count; code++)
        {
            _hashes[code] = Hash(this[code]);
        }

        var size = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(_capacity, Count) * 2), 1u << 30);
        _buckets = new int[size];
        PlaceAll();
    }

    /// <summary>Every code into the (new, empty) bucket table.</summary>
    private void PlaceAll()
    {
        _mask = _buckets!.Length - 1;
        for (var code = 0; code < Count; code++)
        {
            var bucket = _hashes![code] & _mask;
            while (_buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & _mask;
            }

            _buckets[bucket] = code + 1;
        }
    }

    /// <summary>
    /// A multiply-rotate hash over the span's bytes, 8 at a time, finished by MurmurHash3's 64-bit mixer (Appleby 2011,
    /// <c>fmix64</c>) so the low bits that pick a bucket depend on every input bit (ids such as "S00000001" differ in few).
    /// </summary>
    internal static int Hash(ReadOnlySpan<char> value)
    {
        const ulong K1 = 0x9E3779B97F4A7C15;
        const ulong K2 = 0xC2B2AE3D27D4EB4F;
        var bytes = MemoryMarshal.AsBytes(value);
        var h = Seed ^ ((ulong)bytes.Length * K1);
        while (bytes.Length >= 8)
        {
            h ^= MemoryMarshal.Read<ulong>(bytes) * K2;
            h = BitOperations.RotateLeft(h, 31) * K1;
            bytes = bytes[8..];
        }

        if (!bytes.IsEmpty)
        {
            ulong tail = 0;
            foreach (var b in bytes)
            {
                tail = (tail << 8) | b;
            }

            h ^= tail * K2;
            h = BitOperations.RotateLeft(h, 31) * K1;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return (int)h;
    }
}
