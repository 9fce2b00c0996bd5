using System;
using System.Data.Common;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>The row loop shared by the server and database sources (DuckDB, PostgreSQL, ClickHouse): the CSV path's per-row steps.</summary>
internal sealed partial class TableLoader
{
    /// <summary>The declared columns the source has, in its order, with every column and the row map sized for <paramref name="rowCount"/>.</summary>
    private ColumnBuilder[] SourceFields(long rowCount, out int expectedRows)
    {
        expectedRows = (int)Math.Clamp(rowCount, 1, MaxPresizedRows);
        foreach (var column in _columns)
        {
            column.EnsureCapacity(expectedRows);
        }

        Array.Resize(ref _sourceRows, Math.Max(_sourceRows.Length, expectedRows));
        return _columns.Where(c => c.FileIndex >= 0).OrderBy(c => c.FileIndex).ToArray();
    }

    /// <summary>
    /// Every row of <paramref name="reader"/> (column i is <paramref name="fields"/>[i]; a floating column is read as a
    /// double and written round-trip, anything else as the engine's text), through the CSV path's cell, key and link checks.
    /// </summary>
    private KeySet? ReadDbRows(DbDataReader reader, ColumnBuilder[] fields, bool[] asDouble, int expectedRows) =>
        ReadTextRows(new AdoRows(reader, asDouble), fields, expectedRows);

    /// <summary>The row loop itself, over any source that gives each row's cells as text (ADO.NET readers, ClickHouse's TSV answer).</summary>
    private KeySet? ReadTextRows<TRows>(TRows rows, ColumnBuilder[] fields, int expectedRows)
        where TRows : ITextRows
    {
        var keyColumn = Find(_table.Key);
        var keys = keyColumn is { FileIndex: >= 0 } ? keyColumn.CreateKeySet(expectedRows) : null;
        var link = LinkColumn();
        while (rows.Read())
        {
            StartRow(_rowsRead + 2);   // "line" = row + 1, as for a CSV file without blank lines: no "(line N)" suffix
            for (var i = 0; i < fields.Length; i++)
            {
                ReadCell(fields[i], rows.Cell(i), fields[i] == keyColumn);
            }

            CheckKeyAndLink(keys, keyColumn, link);
            EndRow();
        }

        if (_rowsRead == 0)
        {
            _problems.Add(DataProblemCodes.NoRows, 0, null, DuckDbMessages.NoRows(_table));
        }

        return _problems.HasFatal ? null : keys;
    }

    /// <summary>A source's rows, each cell as text (empty for NULL), valid until the next <see cref="Read"/>.</summary>
    private interface ITextRows
    {
        bool Read();

        ReadOnlySpan<char> Cell(int ordinal);
    }

    private readonly struct AdoRows(DbDataReader reader, bool[] asDouble) : ITextRows
    {
        public bool Read() => reader.Read();

        public ReadOnlySpan<char> Cell(int i) => reader.IsDBNull(i) ? ReadOnlySpan<char>.Empty
            : asDouble[i] ? reader.GetDouble(i).ToString("R", CultureInfo.InvariantCulture).AsSpan()
            : reader.GetString(i).AsSpan();
    }
}
