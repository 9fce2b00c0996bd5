using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// A loaded text column without a string per row: the distinct values in one char buffer and, per row, the code of its
/// value (-1 = missing), or no codes at all when row i holds value i (a key column). <see cref="ToStrings"/> makes the
/// <c>string?[]</c> that <see cref="DataTable.Text"/> returns, once, on first use, one string per distinct value, and
/// then lets the buffer go: the strings hold the same text, and at 10^7 ids the buffer and its offsets were another
/// ~230 MB beside them (docs/performance.md, Session 13).
/// </summary>
internal sealed class TextValues
{
    private char[]? _chars;
    private int[]? _starts;
    private int[]? _codes;
    private string?[]? _strings;
    private bool _made;
    private object? _gate;

    public TextValues(char[] chars, int[] starts, int[]? codes, int count)
    {
        _chars = chars;
        _starts = starts;
        _codes = codes;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The rows as strings, null = missing; made once (thread-safe: analyses may ask concurrently) and then shared.</summary>
    public string?[] ToStrings() => LazyInitializer.EnsureInitialized(ref _strings, ref _made, ref _gate, Materialize)!;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    private string?[] Materialize()
    {
        var chars = _chars!;
        var starts = _starts!;
        var codes = _codes;
        var rows = new string?[Count];
        if (codes is null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new string(chars, starts[i], starts[i + 1] - starts[i]);
            }

            return Release(rows);
        }

        // A repeated value is one string shared by its rows, as a dictionary-encoded column should be.
        var byCode = new string?[starts.Length - 1];
        for (var i = 0; i < rows.Length; i++)
        {
            var code = codes[i];
            if (code >= 0)
            {
                rows[i] = byCode[code] ??= new string(chars, starts[code], starts[code + 1] - starts[code]);
            }
        }

        return Release(rows);
    }

    /// <summary>Lets the buffers go once the strings exist: this runs once (EnsureInitialized with a lock), and nothing else reads them.</summary>
    private string?[] Release(string?[] rows)
    {
        (_chars, _starts, _codes) = (null, null, null);
        return rows;
    }
}
