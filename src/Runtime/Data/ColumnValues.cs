namespace ProtocolLang.Runtime.Data;

/// <summary>
/// A number column as generated code reads it: row <c>i</c>'s value, null when missing. A loaded column (CSV, DuckDB or a
/// server, all through the same cell checks) is stored as doubles with NaN for missing (8 bytes a row; a parsed number is
/// never NaN), a column given to <see cref="DataTable"/>'s public constructor as <c>double?</c> values as given; either
/// way nothing is copied, so reading a table into records holds no second, 16-byte-a-row copy of each column
/// (docs/performance.md, Session 13).
/// </summary>
public readonly struct NumberValues
{
    private readonly double[]? _compact;
    private readonly double?[]? _nullable;

    internal NumberValues(double[] compact)
    {
        _compact = compact;
        _nullable = null;
    }

    internal NumberValues(double?[] nullable)
    {
        _compact = null;
        _nullable = nullable;
    }

    public int Length => _compact?.Length ?? _nullable?.Length ?? 0;

    public double? this[int row] => _compact is { } compact
        ? (double.IsNaN(compact[row]) ? null : compact[row])
        : _nullable![row];

    /// <summary>The stored <c>double[]</c> (NaN = missing), or null when the column was given as <c>double?</c> values; read only.</summary>
    internal double[]? CompactArray => _compact;

    /// <summary>The values as a new <c>double?</c> array (or the array the column was built from).</summary>
    internal double?[] ToNullable()
    {
        if (_compact is null)
        {
            return _nullable ?? [];
        }

        var values = new double?[_compact.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = double.IsNaN(_compact[i]) ? null : _compact[i];
        }

        return values;
    }
}

/// <summary>
/// A category column as generated code reads it: row <c>i</c>'s zero-based level index, null when missing. A loaded
/// column is stored as <c>int</c> with -1 for missing (4 bytes a row, not an 8-byte <c>int?</c>); see <see cref="NumberValues"/>.
/// </summary>
public readonly struct CategoryValues
{
    private readonly int[]? _compact;
    private readonly int?[]? _nullable;

    internal CategoryValues(int[] compact)
    {
        _compact = compact;
        _nullable = null;
    }

    internal CategoryValues(int?[] nullable)
    {
        _compact = null;
        _nullable = nullable;
    }

    public int Length => _compact?.Length ?? _nullable?.Length ?? 0;

    public int? this[int row] => _compact is { } compact
        ? (compact[row] < 0 ? null : compact[row])
        : _nullable![row];

    /// <summary>The values as a new <c>int?</c> array (or the array the column was built from).</summary>
    internal int?[] ToNullable()
    {
        if (_compact is null)
        {
            return _nullable ?? [];
        }

        var values = new int?[_compact.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _compact[i] < 0 ? null : _compact[i];
        }

        return values;
    }
}
