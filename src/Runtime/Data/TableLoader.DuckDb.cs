using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using DuckDB.NET.Data;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// Parquet files and DuckDB tables (<c>from parquet "..."</c>, <c>from duckdb "..." table "..."</c>), read through
/// <see cref="DuckDbSource"/> into the same typed columns as a CSV file. The declared columns are checked against
/// the source's catalog first (a missing column, an incompatible type, an unknown table are fatal); then every value
/// arrives as DuckDB's text form and goes through the CSV path's own cell checks (<see cref="ReadCell"/>), so ranges,
/// levels, required values, keys and links are judged, counted and worded exactly as for CSV. A row's number is its
/// position in the source (1-based).
/// </summary>
internal sealed partial class TableLoader
{
    private LoadedTable LoadThroughDuckDb(string path)
    {
        if (!File.Exists(path))
        {
            _problems.Add(DataProblemCodes.FileNotFound, 0, null, DataMessages.FileNotFound(_table, Path.GetFullPath(path)));
            return Finish(file: null, keys: null);
        }

        string sha256;
        bool hasMagic;
        try
        {
            using (var stream = File.OpenRead(path))
            {
                sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            hasMagic = DuckDbSource.HasMagic(_table.SourceKind, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _problems.Add(DataProblemCodes.UnreadableFile, 0, null, DataMessages.UnreadableFile(_table, e.Message));
            return Finish(file: null, keys: null);
        }

        if (!hasMagic)
        {
            _problems.Add(DataProblemCodes.NotADataFile, 0, null, DuckDbMessages.NotADataFile(_table));
            return Finish(new DataFileInfo(_table.Name, _table.Source, sha256, 0), keys: null);
        }

        KeySet? keys = null;
        try
        {
            using var source = _table.SourceKind == DataSourceKind.Parquet
                ? DuckDbSource.OpenParquet(path)
                : DuckDbSource.OpenDatabase(path, _table.SourceTable
                    ?? throw new ArgumentException($"Table '{_table.Name}': a DuckDB source needs the name of its table."));
            if (FindSourceTable(source) && source.Columns() is var catalog && MatchSourceColumns(catalog, DuckDbSource.Accepts, DuckDbSource.AcceptedTypes))
            {
                keys = ReadSourceRows(source, catalog);
            }
        }
        catch (DuckDBException e)
        {
            _problems.Add(DataProblemCodes.NotADataFile, 0, null, DuckDbMessages.Unreadable(_table, e.Message));
        }

        return Finish(new DataFileInfo(_table.Name, _table.Source, sha256, _rowsRead), keys);
    }

    /// <summary>A database source must hold the named table or view (PL4050, with the nearest name); a Parquet file is its own table.</summary>
    private bool FindSourceTable(DuckDbSource source)
    {
        if (_table.SourceKind != DataSourceKind.DuckDb)
        {
            return true;
        }

        var names = source.TableNames();
        var (schema, name) = DuckDbSource.SplitTableName(_table.SourceTable!);
        var wanted = string.Equals(schema, "main", StringComparison.Ordinal) ? name : schema + "." + name;
        if (names.Contains(wanted, StringComparer.Ordinal))
        {
            return true;
        }

        _problems.Add(DataProblemCodes.UnknownSourceTable, 0, null, DuckDbMessages.UnknownTable(_table, names));
        return false;
    }

    /// <summary>
    /// Sets each declared column's <see cref="ColumnBuilder.FileIndex"/> to its position in the source, as a CSV
    /// header does, and reports what the header check reports (missing, undeclared) plus incompatible types, judged by the
    /// engine's <paramref name="accepts"/> (DuckDB's or PostgreSQL's type names). False when nothing can be read (every
    /// declared column missing or of the wrong type).
    /// </summary>
    private bool MatchSourceColumns(
        IReadOnlyList<(string Name, string Type)> catalog, Func<ColumnKind, string, bool> accepts, Func<ColumnKind, string> acceptedTypes)
    {
        var names = catalog.Select(c => c.Name).ToList();
        var byName = _columns.ToDictionary(c => c.Schema.Name, StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++)
        {
            var (name, type) = catalog[i];
            if (!byName.TryGetValue(name, out var column))
            {
                _problems.Add(DataProblemCodes.UndeclaredColumn, 0, ValueExcerpt.Of(name), DuckDbMessages.UndeclaredColumn(name, i + 1));
            }
            else if (!accepts(column.Schema.Kind, type))
            {
                _problems.Add(DataProblemCodes.IncompatibleColumnType, 0, name, DuckDbMessages.IncompatibleType(_table, column.Schema, type, acceptedTypes(column.Schema.Kind)));
            }
            else
            {
                column.FileIndex = i;
            }
        }

        foreach (var column in _columns.Where(c => c.FileIndex < 0 && !names.Contains(c.Schema.Name, StringComparer.Ordinal)))
        {
            _problems.Add(DataProblemCodes.MissingColumn, 0, column.Schema.Name, DuckDbMessages.MissingColumn(_table, column.Schema, names));
        }

        return _columns.Any(c => c.FileIndex >= 0);
    }

    /// <summary>Every row of the source, in its order; the same per-row steps as the CSV path's <c>ReadRows</c>.</summary>
    private KeySet? ReadSourceRows(DuckDbSource source, IReadOnlyList<(string Name, string Type)> catalog)
    {
        var fields = SourceFields(source.CountRows(), out var expectedRows);
        var asDouble = fields.Select(f => DuckDbSource.IsFloating(catalog[f.FileIndex].Type)).ToArray();
        using var reader = source.ReadAsText(fields.Select((f, i) => (f.Schema.Name, asDouble[i])));
        return ReadDbRows(reader, fields, asDouble, expectedRows);
    }
}
