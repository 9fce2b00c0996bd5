using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ProtocolLang.Runtime.Data;

internal enum CellStatus
{
    Ok,
    Invalid,
    BelowMin,
    AboveMax,
}

/// <summary>
/// Parses one declared column's cells into a typed, growable array. Slot <c>i</c> holds the i-th kept
/// row; an excluded row's slot is overwritten by the next row, so the array never needs compacting.
/// </summary>
internal abstract class ColumnBuilder
{
    protected const int InitialCapacity = 256;

    protected ColumnBuilder(ColumnSchema schema)
    {
        Schema = schema;
    }

    public ColumnSchema Schema { get; }

    /// <summary>The column's field index in the file; -1 when the header lacks it.</summary>
    public int FileIndex { get; set; } = -1;

    /// <summary>Grows the storage to hold at least <paramref name="slots"/> values (doubling, so growth is amortised).</summary>
    public abstract void EnsureCapacity(int slots);

    /// <summary>
    /// Sizes a column that is still empty for <paramref name="slots"/> values without filling or even zeroing them: for the
    /// line reader (<see cref="CsvPartReader"/>), which writes every slot a kept row ends in, so the arrays' pages are first
    /// touched by the threads that parse rather than by one fill before them.
    /// </summary>
    public abstract void AllocateUnfilled(int slots);

    /// <summary>Parses a non-missing cell into <paramref name="slot"/>.</summary>
    public abstract CellStatus Parse(ReadOnlySpan<char> cell, int slot);

    public abstract void SetMissing(int slot);

    /// <summary>Copies slot <paramref name="from"/> to slot <paramref name="to"/>: a row parsed at its line's position
    /// moves down to its row's slot when rows before it were excluded (see <see cref="CsvPartReader"/>).</summary>
    public abstract void Move(int from, int to);

    public abstract bool HasValue(int slot);

    /// <summary>The value in <paramref name="slot"/> as the file would write it, for messages.</summary>
    public abstract string Format(int slot);

    /// <summary>The typed array of the first <paramref name="count"/> slots; ends building.</summary>
    public abstract Array ToArray(int count);

    /// <summary>A set of this column's values, for a key (duplicates) or a parent key (links), sized for <paramref name="capacity"/> rows.</summary>
    public abstract KeySet CreateKeySet(int capacity);

    protected static bool KeyOf<T>(T? value, out T key)
        where T : struct
    {
        key = value.GetValueOrDefault();
        return value.HasValue;
    }

    public static ColumnBuilder Create(ColumnSchema column) => column.Kind switch
    {
        ColumnKind.Number => new NumberColumn(column),
        ColumnKind.Integer => new IntegerColumn(column),
        ColumnKind.Text => new TextColumn(column),
        ColumnKind.Bool => new BoolColumn(column),
        ColumnKind.Category => new CategoryColumn(column),
        ColumnKind.Date => new DateColumn(column),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, $"Column '{column.Name}' has an unknown kind."),
    };
}

/// <summary>Typed storage shared by every kind; <typeparamref name="T"/> is the element type, holding <see cref="MissingValue"/> for a missing cell.</summary>
internal abstract class ColumnBuilder<T> : ColumnBuilder
{
    // Empty until the first EnsureCapacity, so every slot ever allocated is filled with MissingValue.
    private T[] _values = [];

    protected ColumnBuilder(ColumnSchema schema)
        : base(schema)
    {
    }

    protected T[] Values => _values;

    /// <summary>What a missing cell holds: null for a nullable element type, else the kind's sentinel (NaN, -1).</summary>
    protected virtual T MissingValue => default!;

    public override void EnsureCapacity(int slots)
    {
        if (slots > _values.Length)
        {
            // Slots never written (a column the file lacks) read as missing.
            var old = _values.Length;
            Array.Resize(ref _values, Math.Max(Math.Max(slots, InitialCapacity), _values.Length * 2));
            if (!EqualityComparer<T>.Default.Equals(MissingValue, default!))
            {
                _values.AsSpan(old).Fill(MissingValue);
            }
        }
    }

    public override void AllocateUnfilled(int slots)
    {
        if (_values.Length == 0)
        {
            _values = GC.AllocateUninitializedArray<T>(Math.Max(slots, InitialCapacity));
        }
        else
        {
            EnsureCapacity(slots);
        }
    }

    public override void SetMissing(int slot) => _values[slot] = MissingValue;

    public override void Move(int from, int to) => _values[to] = _values[from];

    public override Array ToArray(int count)
    {
        Array.Resize(ref _values, count);
        return _values;
    }
}

/// <summary>A column whose present values can be a key: <see cref="KeySet{TKey}"/> reads them through this.</summary>
internal interface IKeyColumn<TKey>
    where TKey : notnull
{
    bool TryGetKey(int slot, out TKey key);
}

/// <summary>
/// Doubles with NaN for a missing cell (8 bytes a row, not a 16-byte <c>double?</c>): a parsed number is never NaN
/// (<see cref="CellParser.TryParseNumber"/> refuses it), so NaN is free to mean "missing". See <see cref="NumberValues"/>.
/// </summary>
internal sealed class NumberColumn(ColumnSchema schema) : ColumnBuilder<double>(schema), IKeyColumn<double>
{
    // The declared range as plain doubles, so a cell's check is two comparisons without nullable unwrapping.
    private readonly double _min = schema.Min ?? double.NegativeInfinity;
    private readonly double _max = schema.Max ?? double.PositiveInfinity;

    protected override double MissingValue => double.NaN;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public override CellStatus Parse(ReadOnlySpan<char> cell, int slot)
    {
        if (!CellParser.TryParseNumber(cell, out var value))
        {
            return CellStatus.Invalid;
        }

        Values[slot] = value;
        return value < _min ? CellStatus.BelowMin : value > _max ? CellStatus.AboveMax : CellStatus.Ok;
    }

    public override bool HasValue(int slot) => !double.IsNaN(Values[slot]);

    public override string Format(int slot) => HasValue(slot) ? Values[slot].ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    public override KeySet CreateKeySet(int capacity) => new KeySet<double>(this, EqualityComparer<double>.Default, capacity);

    public bool TryGetKey(int slot, out double key)
    {
        key = Values[slot];
        return !double.IsNaN(key);
    }
}

internal sealed class IntegerColumn(ColumnSchema schema) : ColumnBuilder<long?>(schema), IKeyColumn<long>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public override CellStatus Parse(ReadOnlySpan<char> cell, int slot)
    {
        if (!CellParser.TryParseInteger(cell, out var value))
        {
            return CellStatus.Invalid;
        }

        Values[slot] = value;
        return CellParser.CheckRange(value, Schema);
    }

    public override bool HasValue(int slot) => Values[slot].HasValue;

    public override string Format(int slot) => Values[slot]?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public override KeySet CreateKeySet(int capacity) => new KeySet<long>(this, EqualityComparer<long>.Default, capacity);

    public bool TryGetKey(int slot, out long key) => KeyOf(Values[slot], out key);
}

internal sealed class BoolColumn(ColumnSchema schema) : ColumnBuilder<bool?>(schema), IKeyColumn<bool>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public override CellStatus Parse(ReadOnlySpan<char> cell, int slot)
    {
        if (!CellParser.TryParseBool(cell, out var value))
        {
            return CellStatus.Invalid;
        }

        Values[slot] = value;
        return CellStatus.Ok;
    }

    public override bool HasValue(int slot) => Values[slot].HasValue;

    public override string Format(int slot) => Values[slot] switch { true => "true", false => "false", null => string.Empty };

    public override KeySet CreateKeySet(int capacity) => new KeySet<bool>(this, EqualityComparer<bool>.Default, capacity);

    public bool TryGetKey(int slot, out bool key) => KeyOf(Values[slot], out key);
}

internal sealed class DateColumn(ColumnSchema schema) : ColumnBuilder<DateOnly?>(schema), IKeyColumn<DateOnly>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public override CellStatus Parse(ReadOnlySpan<char> cell, int slot)
    {
        if (!CellParser.TryParseDate(cell, out var value))
        {
            return CellStatus.Invalid;
        }

        Values[slot] = value;
        return CellStatus.Ok;
    }

    public override bool HasValue(int slot) => Values[slot].HasValue;

    public override string Format(int slot) => Values[slot]?.ToString(CellParser.DateFormat, CultureInfo.InvariantCulture) ?? string.Empty;

    public override KeySet CreateKeySet(int capacity) => new KeySet<DateOnly>(this, EqualityComparer<DateOnly>.Default, capacity);

    public bool TryGetKey(int slot, out DateOnly key) => KeyOf(Values[slot], out key);
}

/// <summary>
/// Stores the zero-based index of the level, -1 for a missing cell (4 bytes a row, not an 8-byte <c>int?</c>; see
/// <see cref="CategoryValues"/>); keys compare by level name, so parent and child may order levels differently.
/// </summary>
internal sealed class CategoryColumn : ColumnBuilder<int>, IKeyColumn<string>
{
    private const int Missing = -1;

    private readonly IReadOnlyList<string> _levels;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CategoryColumn(ColumnSchema schema)
        : base(schema)
    {
        _levels = schema.Levels is { Count: > 0 } levels
            ? levels
            : throw new ArgumentException($"Category column '{schema.Name}' declares no levels.", nameof(schema));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _levels.Count; i++)
        {
            if (!index.TryAdd(_levels[i], i))
            {
                throw new ArgumentException($"Category column '{schema.Name}' declares level '{_levels[i]}' twice.", nameof(schema));
            }
        }

        _lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    protected override int MissingValue => Missing;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    public override CellStatus Parse(ReadOnlySpan<char> cell, int slot)
    {
        if (!_lookup.TryGetValue(cell, out var level))
        {
            return CellStatus.Invalid;
        }

        Values[slot] = level;
        return CellStatus.Ok;
    }

    public override bool HasValue(int slot) => Values[slot] != Missing;

    public override string Format(int slot) => Values[slot] is var level and not Missing ? _levels[level] : string.Empty;

    public override KeySet CreateKeySet(int capacity) => new KeySet<string>(this, StringComparer.Ordinal, capacity);

    public bool TryGetKey(int slot, out string key)
    {
        key = Format(slot);
        return HasValue(slot);
    }
}
