using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// A loaded text column without a string per row: the distinct values in one char buffer and, per row, the code of its
/// value (-1 = missing), or no codes at all when row i holds value i (a key column). <see cref="ToStrings"/> makes the
/// <c>string?[]</c> that <see cref="DataTable.Text"/> returns, once, on first use, one string per distinct value.
/// </summary>
internal sealed class TextValues
{
    private readonly char[] _chars;
    private readonly int[] _starts;
    private readonly int[]? _codes;
    private string?[]? _strings;

    public TextValues(char[] chars, int[] starts, int[]? codes, int count)
    {
        _chars = chars;
        _starts = starts;
        _codes = codes;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Row <paramref name="row"/>'s value; empty when missing (<see cref="HasValue"/> tells the two apart).</summary>
    public ReadOnlySpan<char> this[int row] => CodeOf(row) is var code and >= 0 ? _chars.AsSpan(_starts[code], _starts[code + 1] - _starts[code]) : [];

    public bool HasValue(int row) => CodeOf(row) >= 0;

    /// <summary>The rows as strings, null = missing; made once (thread-safe: analyses may ask concurrently) and then shared.</summary>
    public string?[] ToStrings() => LazyInitializer.EnsureInitialized(ref _strings, Materialize);

    private int CodeOf(int row) => _codes is null ? row : _codes[row];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    private string?[] Materialize()
    {
        var rows = new string?[Count];
        if (_codes is null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new string(this[i]);
            }

            return rows;
        }

        // A repeated value is one string shared by its rows, as a dictionary-encoded column should be.
        var byCode = new string?[_starts.Length - 1];
        for (var i = 0; i < rows.Length; i++)
        {
            var code = _codes[i];
            if (code >= 0)
            {
                rows[i] = byCode[code] ??= new string(_chars, _starts[code], _starts[code + 1] - _starts[code]);
            }
        }

        return rows;
    }
}
