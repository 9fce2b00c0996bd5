using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The valid rows of one table, stored by column. Rows that failed validation are not here; they
/// are counted, with their reason, in the load's problems and the subject flow. Generated code
/// reads typed columns by name; a column's array has <see cref="RowCount"/> entries, null = missing.
/// </summary>
public sealed class DataTable
{
    private readonly Dictionary<string, Array> _columns;

    /// <summary>A table with no excluded rows: <paramref name="rowsRead"/> must equal the number of rows kept.</summary>
    public DataTable(TableSchema schema, int rowsRead, int[] sourceRows, Dictionary<string, Array> columns)
        : this(schema, rowsRead, sourceRows, columns, Array.Empty<RowExclusion>())
    {
    }

    /// <summary>A table whose rows are either kept (<paramref name="sourceRows"/>) or excluded, so that
    /// <c>rowsRead == sourceRows.Length + excludedRows.Count</c>; every column array has one entry per kept row.</summary>
    public DataTable(TableSchema schema, int rowsRead, int[] sourceRows, Dictionary<string, Array> columns, IReadOnlyList<RowExclusion> excludedRows)
    {
        if (rowsRead != sourceRows.Length + excludedRows.Count)
        {
            throw new ArgumentException(
                $"Table '{schema.Name}': {rowsRead} rows read but {sourceRows.Length} kept and {excludedRows.Count} excluded; every row read must be kept or excluded.",
                nameof(rowsRead));
        }

        foreach (var (name, values) in columns)
        {
            if (values.Length != sourceRows.Length)
            {
                throw new ArgumentException(
                    $"Column '{schema.Name}.{name}' has {values.Length} values for {sourceRows.Length} rows.", nameof(columns));
            }
        }

        Schema = schema;
        RowsRead = rowsRead;
        SourceRows = sourceRows;
        _columns = columns;
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

    public double?[] Number(string column) => Get<double?>(column, ColumnKind.Number);

    public long?[] Integer(string column) => Get<long?>(column, ColumnKind.Integer);

    public string?[] Text(string column) => Get<string?>(column, ColumnKind.Text);

    public bool?[] Bool(string column) => Get<bool?>(column, ColumnKind.Bool);

    /// <summary>Zero-based index of the level in the column's declared <see cref="ColumnSchema.Levels"/>.</summary>
    public int?[] Category(string column) => Get<int?>(column, ColumnKind.Category);

    public DateOnly?[] Date(string column) => Get<DateOnly?>(column, ColumnKind.Date);

    private T[] Get<T>(string column, ColumnKind kind)
    {
        if (!_columns.TryGetValue(column, out var values))
        {
            throw new KeyNotFoundException($"Table '{Name}' has no column '{column}'.");
        }

        return values as T[]
            ?? throw new InvalidOperationException($"Column '{Name}.{column}' is not of kind {kind}.");
    }
}
