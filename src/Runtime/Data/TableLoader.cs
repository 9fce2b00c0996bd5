using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using nietras.SeparatedValues;

namespace ProtocolLang.Runtime.Data;

/// <summary>A table as loaded, with what its child tables need to check their links.</summary>
internal sealed class LoadedTable(DataTable table, ProblemSink problems, DataFileInfo? file, KeySet? keys, bool usable)
{
    public DataTable Table { get; } = table;

    public ProblemSink Problems { get; } = problems;

    public DataFileInfo? File { get; } = file;

    /// <summary>The first row of each key value (kept or not); null when the table has no usable key.</summary>
    public KeySet? Keys { get; } = keys;

    /// <summary>False after a fatal problem: children then skip link checks instead of reporting every row.</summary>
    public bool Usable { get; } = usable;

    /// <summary>For a table read from a server: what was read, how and when; null otherwise.</summary>
    public ServerSourceInfo? Server { get; set; }

    public Dictionary<int, string> ExclusionReasons { get; } = table.ExcludedRows.ToDictionary(e => e.SourceRow, e => e.Reason);
}

/// <summary>
/// Reads one CSV file in a single pass into typed columns, validating every cell (see <c>docs/diagnostics.md</c>, PL4xxx).
/// A row with any problem is excluded, with its first problem's kind as the reason (value-free, so the flow counts
/// rows by reason); every problem is reported. Whether an excluded row fails the run is the caller's policy.
/// </summary>
internal sealed partial class TableLoader
{
    private readonly TableSchema _table;
    private readonly LoadedTable? _parent;
    private readonly ProblemSink _problems;
    private readonly int _problemLimit;
    private readonly ColumnBuilder[] _columns;
    private readonly List<RowExclusion> _excluded = [];
    private int[] _sourceRows = new int[256];
    private int _kept;
    private int _rowsRead;

    // Slots every column holds for sure, so a row checks one number instead of asking each column to grow.
    private int _capacity;

    // The row being validated: its number, first line, and first problem (its exclusion reason and code).
    private int _row;
    private int _line;
    private string? _reason;
    private string? _reasonCode;

    private TableLoader(TableSchema table, LoadedTable? parent, int problemLimit)
    {
        _table = table;
        _parent = parent;
        _problems = new ProblemSink(table.SourceLabel, problemLimit);
        _problemLimit = problemLimit;
        _columns = table.Columns.Select(ColumnBuilder.Create).ToArray();
    }

    public static LoadedTable Load(TableSchema table, IO.StudyPaths paths, Engines.ConnectionResolver connections, LoadedTable? parent, int problemLimit)
    {
        var loader = new TableLoader(table, parent, problemLimit);
        if (table.SourceKind == DataSourceKind.Postgres)
        {
            // A server source names a connection, not a path: there is nothing to resolve in the study's folder.
            return loader.LoadFromPostgres(connections);
        }

        if (table.SourceKind == DataSourceKind.ClickHouse)
        {
            return loader.LoadFromClickHouse(connections);
        }

        if (!paths.TryResolve(table.Source, $"table '{table.Name}': the data file", out var path, out var refusal))
        {
            // Refused before opening: nothing of the file can reach a message.
            loader._problems.Add(DataProblemCodes.OutsideStudy, 0, null, refusal);
            return loader.Finish(file: null, keys: null);
        }

        return table.SourceKind == DataSourceKind.Csv ? loader.Load(path) : loader.LoadThroughDuckDb(path);
    }

    /// <summary>Reads the header and every row; returns the key set when the table has a usable key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    private KeySet? ReadRows(string path, int expectedRows)
    {
        // The header is read as a row: Sep would throw on a repeated name, which we report instead.
        using var reader = Sep.New(',')
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .From(OpenText(path));
        if (!reader.MoveNext() || reader.Current is { ColCount: 1, Span.Length: 0 })
        {
            _problems.Add(DataProblemCodes.EmptyFile, 0, null, DataMessages.EmptyFile(_table));
            return null;
        }

        var header = ReadHeader(HeaderNames(reader.Current));
        var fields = _columns.Where(c => c.FileIndex >= 0).OrderBy(c => c.FileIndex).ToArray();
        var keyColumn = Find(_table.Key);
        var keys = keyColumn is { FileIndex: >= 0 } ? keyColumn.CreateKeySet(expectedRows) : null;
        var link = LinkColumn();
        Reserve(expectedRows);

        Array.Resize(ref _sourceRows, Math.Max(_sourceRows.Length, expectedRows));

        while (reader.MoveNext())
        {
            var row = reader.Current;
            if (row is { ColCount: 1, Span.Length: 0 })
            {
                continue;   // a blank line holds no data (as R's read.csv, blank lines are skipped, not counted)
            }

            StartRow(row.LineNumberFrom);
            if (row.ColCount != header.Count)
            {
                // A row swallowed by an unclosed quote may end with the file's last line break: that is not a further line.
                var lastLine = row.LineNumberToExcl - (row.Span.EndsWith('\n') ? 2 : 1);
                Report(DataProblemCodes.FieldCount, null, DataMessages.FieldCount(row.ColCount, header.Count, row.LineNumberFrom, lastLine));
                EndRow();
                continue;
            }

            foreach (var column in fields)
            {
                ReadCell(column, row[column.FileIndex].Span, column == keyColumn);
            }

            CheckKeyAndLink(keys, keyColumn, link);
            EndRow();
        }

        if (_rowsRead == 0)
        {
            _problems.Add(DataProblemCodes.NoRows, 0, null, DataMessages.NoRows(_table));
        }

        return _problems.HasFatal ? null : keys;
    }

    private static List<string> HeaderNames(SepReader.Row row)
    {
        var header = new List<string>(row.ColCount);
        for (var i = 0; i < row.ColCount; i++)
        {
            header.Add(row[i].ToString());
        }

        return header;
    }

    /// <summary>Finds each declared column's field; reports undeclared, repeated and missing names.</summary>
    private List<string> ReadHeader(List<string> header)
    {
        var byName = _columns.ToDictionary(c => c.Schema.Name, StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (!byName.TryGetValue(header[i], out var column))
            {
                _problems.Add(DataProblemCodes.UndeclaredColumn, 0, ValueExcerpt.Of(header[i]), DataMessages.UndeclaredColumn(header[i], i + 1));
            }
            else if (column.FileIndex >= 0)
            {
                _problems.Add(DataProblemCodes.DuplicateColumn, 0, header[i], DataMessages.DuplicateColumn(header[i], column.FileIndex + 1, i + 1));
            }
            else
            {
                column.FileIndex = i;
            }
        }

        foreach (var column in _columns.Where(c => c.FileIndex < 0))
        {
            _problems.Add(DataProblemCodes.MissingColumn, 0, column.Schema.Name, DataMessages.MissingColumn(column.Schema, header));
        }

        if (_problems.HasFatal)
        {
            // An ambiguous column is not read at all; its rows are still checked in every other column.
            foreach (var column in _columns.Where(c => header.Count(h => string.Equals(h, c.Schema.Name, StringComparison.Ordinal)) > 1))
            {
                column.FileIndex = -1;
            }
        }

        return header;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized at its first call: tier-0 code ran much of a one-pass load (docs/performance.md, Session 13)
    private void ReadCell(ColumnBuilder column, ReadOnlySpan<char> cell, bool isKey)
    {
        var schema = column.Schema;
        if (CellParser.IsMissing(cell))
        {
            column.SetMissing(_kept);
            if (!schema.Optional || isKey)
            {
                Report(DataProblemCodes.MissingValue, schema.Name, DataMessages.MissingValue(schema, isKey));
            }

            return;
        }

        switch (column.Parse(cell, _kept))
        {
            case CellStatus.Invalid:
                column.SetMissing(_kept);   // no stale value from an earlier excluded row may reach the key or link checks
                var code = schema.Kind switch
                {
                    ColumnKind.Number => DataProblemCodes.InvalidNumber,
                    ColumnKind.Integer => DataProblemCodes.InvalidInteger,
                    ColumnKind.Date => DataProblemCodes.InvalidDate,
                    ColumnKind.Bool => DataProblemCodes.InvalidBool,
                    _ => DataProblemCodes.UnknownLevel,
                };
                Report(code, schema.Name, DataMessages.Invalid(schema, cell));
                break;
            case CellStatus.BelowMin:
                Report(DataProblemCodes.OutOfRange, schema.Name, DataMessages.BelowMin(schema, cell));
                break;
            case CellStatus.AboveMax:
                Report(DataProblemCodes.OutOfRange, schema.Name, DataMessages.AboveMax(schema, cell));
                break;
        }
    }

    /// <summary>After a row's cells: its key must be new in the table, and its link must name a kept row of the parent.</summary>
    private void CheckKeyAndLink(KeySet? keys, ColumnBuilder? keyColumn, ColumnBuilder? link)
    {
        if (keys is not null && keys.Add(_kept, _row) is var first && first != 0)
        {
            Report(DataProblemCodes.DuplicateKey, keyColumn!.Schema.Name,
                DataMessages.DuplicateKey(keyColumn.Schema, keyColumn.Format(_kept), first));
        }

        if (link is not null)
        {
            CheckLink(link);
        }
    }

    /// <summary>The link column when the parent loaded without fatal problems and both sides were found.</summary>
    private ColumnBuilder? LinkColumn()
    {
        var link = Find(_table.LinkColumn);
        if (_parent is not { Usable: true, Keys: { } parentKeys } || link is not { FileIndex: >= 0 })
        {
            return null;
        }

        return parentKeys.Accepts(link)
            ? link
            : throw new ArgumentException(
                $"Table '{_table.Name}': link column '{link.Schema.Name}' ({link.Schema.Kind}) cannot hold keys of table '{_parent.Table.Name}'.");
    }

    private void CheckLink(ColumnBuilder link)
    {
        if (!link.HasValue(_kept))
        {
            return;   // reported as a missing value already
        }

        var parent = _parent!;
        var parentRow = parent.Keys!.Find(link, _kept);
        if (parentRow == 0)
        {
            Report(DataProblemCodes.UnknownParent, link.Schema.Name,
                DataMessages.UnknownParent(link.Schema, link.Format(_kept), parent.Table.Schema));
        }
        else if (parent.ExclusionReasons.TryGetValue(parentRow, out var reason))
        {
            Report(DataProblemCodes.ParentExcluded, link.Schema.Name,
                DataMessages.ParentExcluded(link.Schema, link.Format(_kept), parent.Table.Schema, parentRow, reason));
        }
    }

    private void StartRow(int line)
    {
        _rowsRead++;
        _row = _rowsRead;
        _line = line;
        _reason = null;
        _reasonCode = null;
        if (_kept >= _capacity)
        {
            Reserve(Math.Max(_kept + 1, _capacity * 2));
        }
    }

    private void Reserve(int slots)
    {
        foreach (var column in _columns)
        {
            column.EnsureCapacity(slots);
        }

        _capacity = Math.Max(_capacity, slots);
    }

    private void Report(string code, string? column, string message)
    {
        if (_line != _row + 1)
        {
            message = DataMessages.WithLine(message, _line);
        }

        if (_reason is null)
        {
            _reason = DataMessages.Reason(code, column, _table);
            _reasonCode = code;
        }

        _problems.Add(code, _row, column, message);
    }

    private void EndRow()
    {
        if (_reason is not null)
        {
            _excluded.Add(new RowExclusion(_row, _reason) { Code = _reasonCode! });
            return;
        }

        if (_kept == _sourceRows.Length)
        {
            Array.Resize(ref _sourceRows, _kept * 2);
        }

        _sourceRows[_kept++] = _row;
    }

    private ColumnBuilder? Find(string? name) =>
        name is null ? null : _columns.FirstOrDefault(c => string.Equals(c.Schema.Name, name, StringComparison.Ordinal));

    private LoadedTable Finish(DataFileInfo? file, KeySet? keys)
    {
        var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
        var text = new Dictionary<string, TextValues>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            column.EnsureCapacity(_kept);
            if (column is TextColumn textColumn)
            {
                text.Add(column.Schema.Name, textColumn.ToValues(_kept));
            }
            else
            {
                columns.Add(column.Schema.Name, column.ToArray(_kept));
            }
        }

        Array.Resize(ref _sourceRows, _kept);
        var table = new DataTable(_table, _rowsRead, _sourceRows, columns, text, _excluded);
        return new LoadedTable(table, _problems, file, keys, usable: !_problems.HasFatal);
    }
}
