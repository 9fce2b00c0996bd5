using System.Collections.Generic;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The first data row of each key value of one column: finds duplicate keys while a table loads,
/// then answers a child table's link lookups.
/// </summary>
internal abstract class KeySet
{
    /// <summary>Records the value in <paramref name="slot"/> for <paramref name="sourceRow"/>;
    /// returns the earlier row that has the same value, or 0 when it is new.</summary>
    public abstract int Add(int slot, int sourceRow);

    /// <summary>Whether <paramref name="column"/>'s values can be looked up here (same value type).</summary>
    public abstract bool Accepts(ColumnBuilder column);

    /// <summary>The first row whose key equals <paramref name="column"/>'s value in <paramref name="slot"/>; 0 when none.</summary>
    public abstract int Find(ColumnBuilder column, int slot);
}

/// <param name="capacity">The rows expected, so the set is sized once rather than rehashed as it grows.</param>
internal sealed class KeySet<TKey>(IKeyColumn<TKey> owner, IEqualityComparer<TKey> comparer, int capacity) : KeySet
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _firstRow = new(capacity, comparer);

    public override int Add(int slot, int sourceRow)
    {
        if (!owner.TryGetKey(slot, out var key))
        {
            return 0;
        }

        return _firstRow.TryAdd(key, sourceRow) ? 0 : _firstRow[key];
    }

    public override bool Accepts(ColumnBuilder column) => column is IKeyColumn<TKey>;

    public override int Find(ColumnBuilder column, int slot) =>
        ((IKeyColumn<TKey>)column).TryGetKey(slot, out var key) && _firstRow.TryGetValue(key, out var row) ? row : 0;
}
