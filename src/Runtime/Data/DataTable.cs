using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The valid rows of one table, stored by column. Rows that failed validation are not here; they
/// are counted, with their reason, in the load's problems and the subject flow. Generated code
/// reads typed columns by name; a column has <see cref="RowCount"/> entries, null = missing. A loaded CSV keeps
/// number columns as doubles (NaN = missing) and category columns as level indexes (-1 = missing), which
/// <see cref="NumberValues(string)"/> and <see cref="CategoryValues(string)"/> read without copying.
/// </summary>
public sealed class DataTable
{
    private readonly Dictionary<string, Array> _columns;

    // Text columns as loaded (a char buffer, no string per row); their string arrays are made on first use.
    private readonly Dictionary<string, TextValues> _text;

    // The double?[] / int?[] copies of compact columns that Number() / Category() made on request.
    private readonly Dictionary<string, Array> _nullable = new(StringComparer.Ordinal);

    /// <summary>A table with no excluded rows: <paramref name="rowsRead"/> must equal the number of rows kept.</summary>
    public DataTable(TableSchema schema, int rowsRead, int[] sourceRows, Dictionary<string, Array> columns)
        : this(schema, rowsRead, sourceRows, columns, Array.Empty<RowExclusion>())
    {
    }

    /// <summary>A table whose rows are either kept (<paramref name="sourceRows"/>) or excluded, so that
    /// <c>rowsRead == sourceRows.Length + excludedRows.Count</c>; every column array has one entry per kept row.</summary>
    public DataTable(TableSchema schema, int rowsRead, int[] sourceRows, Dictionary<string, Array> columns, IReadOnlyList<RowExclusion> excludedRows)
        : this(schema, rowsRead, sourceRows, columns, new Dictionary<string, TextValues>(StringComparer.Ordinal), excludedRows)
    {
    }

    /// <summary>As the public constructor, with the text columns of a loaded source kept as <see cref="TextValues"/>.</summary>
    internal DataTable(
        TableSchema schema, int rowsRead, int[] sourceRows, Dictionary<string, Array> columns, Dictionary<string, TextValues> text,
        IReadOnlyList<RowExclusion> excludedRows)
    {
        if (rowsRead != sourceRows.Length + excludedRows.Count)
        {
            throw new ArgumentException(
                $"Table '{schema.Name}': {rowsRead} rows read but {sourceRows.Length} kept and {excludedRows.Count} excluded; every row read must be kept or excluded.",
                nameof(rowsRead));
        }

        foreach (var (name, length) in columns.Select(c => (c.Key, c.Value.Length)).Concat(text.Select(c => (c.Key, c.Value.Count))))
        {
            if (length != sourceRows.Length)
            {
                throw new ArgumentException(
                    $"Column '{schema.Name}.{name}' has {length} values for {sourceRows.Length} rows.", nameof(columns));
            }
        }

        Schema = schema;
        RowsRead = rowsRead;
        SourceRows = sourceRows;
        _columns = columns;
        _text = text;
        ExcludedRows = excludedRows;
    }

    public TableSchema Schema { get; }

    public string Name => Schema.Name;

    /// <summary>Data rows read from the source (header excluded), valid or not.</summary>
    public int RowsRead { get; }

    /// <summary>Valid rows kept.</summary>
    public int RowCount => SourceRows.Length;

    /// <summary>Rows read but not kept, in file order, each with the reason (its first problem).</summary>
    public IReadOnlyList<RowExclusion> ExcludedRows { get; }

    /// <summary>For each kept row, its 1-based data row number in the source (header not counted).</summary>
    public int[] SourceRows { get; }

    /// <summary>The column as <c>double?</c>; for a loaded CSV made on the first call, then the same array each time
    /// (prefer <see cref="NumberValues(string)"/>, which copies nothing).</summary>
    public double?[] Number(string column) => Nullable(column, ColumnKind.Number, () => NumberValues(column).ToNullable());

    /// <summary>The number column as stored, read without copying.</summary>
    public NumberValues NumberValues(string column) => Stored(column, ColumnKind.Number) switch
    {
        double[] compact => new NumberValues(compact),
        double?[] nullable => new NumberValues(nullable),
        _ => throw NotOfKind(column, ColumnKind.Number),
    };

    public long?[] Integer(string column) => Get<long?>(column, ColumnKind.Integer);

    /// <summary>The column's values, made as strings on the first call for a loaded file (then the same array each time).</summary>
    public string?[] Text(string column) => _text.TryGetValue(column, out var values) ? values.ToStrings() : Get<string?>(column, ColumnKind.Text);

    public bool?[] Bool(string column) => Get<bool?>(column, ColumnKind.Bool);

    /// <summary>Zero-based index of the level in the column's declared <see cref="ColumnSchema.Levels"/>.</summary>
    /// <remarks>For a loaded CSV made on the first call, then the same array each time (prefer <see cref="CategoryValues(string)"/>).</remarks>
    public int?[] Category(string column) => Nullable(column, ColumnKind.Category, () => CategoryValues(column).ToNullable());

    /// <summary>The category column as stored (zero-based level indexes), read without copying.</summary>
    public CategoryValues CategoryValues(string column) => Stored(column, ColumnKind.Category) switch
    {
        int[] compact => new CategoryValues(compact),
        int?[] nullable => new CategoryValues(nullable),
        _ => throw NotOfKind(column, ColumnKind.Category),
    };

    public DateOnly?[] Date(string column) => Get<DateOnly?>(column, ColumnKind.Date);

    private T?[] Nullable<T>(string column, ColumnKind kind, Func<T?[]> make)
        where T : struct
    {
        if (Stored(column, kind) is T?[] stored)
        {
            return stored;
        }

        // Analyses may ask concurrently; the nullable copy is made once per column.
        lock (_nullable)
        {
            if (!_nullable.TryGetValue(column, out var values))
            {
                values = make();
                _nullable.Add(column, values);
            }

            return (T?[])values;
        }
    }

    private T[] Get<T>(string column, ColumnKind kind) => Stored(column, kind) as T[] ?? throw NotOfKind(column, kind);

    private Array Stored(string column, ColumnKind kind)
    {
        if (_text.ContainsKey(column))
        {
            throw NotOfKind(column, kind);
        }

        return _columns.TryGetValue(column, out var values)
            ? values
            : throw new KeyNotFoundException($"Table '{Name}' has no column '{column}'.");
    }

    private InvalidOperationException NotOfKind(string column, ColumnKind kind) => new($"Column '{Name}.{column}' is not of kind {kind}.");
}
