using System;
using System.Runtime.CompilerServices;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// A text column as codes into a <see cref="TextDictionary"/> of its distinct values: parsing a cell hashes its span and
/// allocates nothing unless the value is new. A key column's key set reads the same codes (<see cref="TextKeySet"/>), so
/// the duplicate check costs no second lookup; strings are made only when generated code asks for the column.
/// </summary>
internal sealed class TextColumn(ColumnSchema schema) : ColumnBuilder(schema), IKeyColumn<string>
{
    private const int Missing = -1;

    private int[] _codes = [];
    private TextDictionary _values = new(capacity: 16);

    public TextDictionary Values => _values;

    public override void EnsureCapacity(int slots)
    {
        if (slots > _codes.Length)
        {
            // Slots never written (a column the file lacks) read as missing, as a null string did.
            var old = _codes.Length;
            Array.Resize(ref _codes, Math.Max(Math.Max(slots, InitialCapacity), _codes.Length * 2));
            _codes.AsSpan(old).Fill(Missing);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public override CellStatus Parse(ReadOnlySpan<char> cell, int slot)
    {
        _codes[slot] = _values.GetOrAdd(cell);
        return CellStatus.Ok;
    }

    public override void AllocateUnfilled(int slots)
    {
        if (_codes.Length == 0)
        {
            _codes = GC.AllocateUninitializedArray<int>(Math.Max(slots, InitialCapacity));
        }
        else
        {
            EnsureCapacity(slots);
        }
    }

    public override void SetMissing(int slot) => _codes[slot] = Missing;

    public override void Move(int from, int to) => _codes[to] = _codes[from];

    /// <summary>Sets <paramref name="slot"/> to a cell the first pass kept as text (<see cref="CsvPartReader"/>), or to missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public void Take(bool present, ReadOnlySpan<char> cell, int slot) => _codes[slot] = present ? _values.GetOrAdd(cell) : Missing;

    public override bool HasValue(int slot) => _codes[slot] != Missing;

    /// <summary>The value's code in <see cref="Values"/>; -1 when missing.</summary>
    public int CodeAt(int slot) => _codes[slot];

    /// <summary>The value in <paramref name="slot"/> (empty when missing).</summary>
    public ReadOnlySpan<char> ValueAt(int slot) => _codes[slot] is var code and not Missing ? _values[code] : [];

    public override string Format(int slot) => ValueAt(slot).ToString();

    public override Array ToArray(int count) => ToValues(count).ToStrings();

    /// <summary>The first <paramref name="count"/> slots as a loaded column; ends building.</summary>
    public TextValues ToValues(int count)
    {
        var (chars, starts) = _values.Trimmed();
        var identity = _values.Count == count;
        for (var i = 0; identity && i < count; i++)
        {
            identity = _codes[i] == i;
        }

        // A key column's kept rows usually hold codes 0, 1, 2, ...: the codes are then implied and not kept.
        if (identity)
        {
            return new TextValues(chars, starts, codes: null, count);
        }

        Array.Resize(ref _codes, count);
        return new TextValues(chars, starts, _codes, count);
    }

    /// <summary>A key column's set: its distinct values are already numbered, so the set only records each code's first row.</summary>
    public override KeySet CreateKeySet(int capacity)
    {
        if (_values.Count == 0)
        {
            _values = new TextDictionary(capacity);   // every value of a key is distinct: size the table once
        }

        return new TextKeySet(this, capacity);
    }

    public bool TryGetKey(int slot, out string key)
    {
        key = Format(slot);
        return HasValue(slot);
    }
}

/// <summary>The first row of each value of a text key column, by the value's code; links look the child's value up by span.</summary>
internal sealed class TextKeySet(TextColumn owner, int capacity) : KeySet
{
    private int[] _firstRow = new int[Math.Max(capacity, 1)];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public override int Add(int slot, int sourceRow)
    {
        var code = owner.CodeAt(slot);
        if (code < 0)
        {
            return 0;
        }

        if (code >= _firstRow.Length)
        {
            Array.Resize(ref _firstRow, Math.Max(code + 1, _firstRow.Length * 2));
        }

        var first = _firstRow[code];
        if (first == 0)
        {
            _firstRow[code] = sourceRow;
        }

        return first;
    }

    /// <summary>A text link, or a category link (compared by level name, as a category key is).</summary>
    public override bool Accepts(ColumnBuilder column) => column is TextColumn or IKeyColumn<string>;

    public override int Find(ColumnBuilder column, int slot)
    {
        int code;
        if (column is TextColumn text)
        {
            code = text.HasValue(slot) ? owner.Values.Find(text.ValueAt(slot)) : -1;
        }
        else
        {
            code = ((IKeyColumn<string>)column).TryGetKey(slot, out var key) ? owner.Values.Find(key) : -1;
        }

        return code >= 0 && code < _firstRow.Length ? _firstRow[code] : 0;
    }
}
