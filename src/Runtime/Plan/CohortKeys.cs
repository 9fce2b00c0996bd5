using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The analysed subjects' keys, made from their rows on first use (a child table's links, a subject named in a note or a
/// problem), then kept. Most runs never read them: at 10^7 subjects one string per id held ~0.45 GB (docs/performance.md,
/// Session 14). Thread-safe: analyses run concurrently.
/// </summary>
internal sealed class CohortKeys<TRow>(TRow[] rows, Func<TRow, string> key) : IReadOnlyList<string>
{
    private string[]? _keys;
    private bool _made;
    private object? _gate;

    public int Count => rows.Length;

    public string this[int index] => Keys()[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Keys()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string[] Keys() => LazyInitializer.EnsureInitialized(ref _keys, ref _made, ref _gate, () =>
    {
        var keys = new string[rows.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = key(rows[i]);
        }

        return keys;
    })!;
}
