using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// PostgreSQL tables (<c>from postgres "CONNECTION" table "[schema.]name"</c>): the connection name is resolved
/// (<see cref="ConnectionResolver"/>), the declared columns are checked against <c>information_schema</c> before any row is
/// read (an unknown table, a missing column, an incompatible type are fatal, as for DuckDB), then every value arrives as
/// text and goes through the CSV path's cell, key and link checks. Npgsql's errors become PL4054-PL4057 with re-worded,
/// scrubbed messages (<see cref="PostgresMessages"/>); a row's number is its position in the query's result (1-based).
/// </summary>
internal sealed partial class TableLoader
{
    private LoadedTable LoadFromPostgres(ConnectionResolver connections)
    {
        if (ResolveConnection(connections) is not { } lookup)
        {
            return Finish(file: null, keys: null);
        }

        KeySet? keys = null;
        ServerSourceInfo? server = null;
        try
        {
            using var source = PostgresSource.Open(lookup.ConnectionString!);
            var (schema, name) = PostgresSource.SplitTableName(_table.SourceTable
                ?? throw new ArgumentException($"Table '{_table.Name}': a PostgreSQL source needs the name of its table."));
            if (source.TableType(schema, name) is not { } tableType)
            {
                _problems.Add(DataProblemCodes.UnknownSourceTable, 0, null, PostgresMessages.UnknownTable(_table, source.TableNames()));
            }
            else if (source.Columns(schema, name) is var catalog
                && MatchSourceColumns(catalog, PostgresSource.Accepts, PostgresSource.AcceptedTypes))
            {
                keys = ReadServerRows(source, schema, name, catalog, string.Equals(tableType, "BASE TABLE", StringComparison.Ordinal), out server);
            }
        }
        catch (ArgumentException) when (!_problems.HasFatal && IsConnectionStringRefusal(lookup.ConnectionString!))
        {
            _problems.Add(DataProblemCodes.InvalidConnectionSettings, 0, null, PostgresMessages.InvalidConnectionString(_table, lookup));
            keys = null;
        }
        catch (Exception e) when (PostgresMessages.Classify(_table, lookup, e) is var (code, message))
        {
            _problems.Add(code, 0, null, message);
            keys = null;
        }

        var loaded = Finish(file: null, keys);
        loaded.Server = server;
        return loaded;
    }

    /// <summary>Whether Npgsql refuses the connection string itself (its builder throws), as opposed to a later argument error.</summary>
    private static bool IsConnectionStringRefusal(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Every row of the table; the same per-row steps as the CSV path's <c>ReadRows</c>.</summary>
    private KeySet? ReadServerRows(
        PostgresSource source, string schema, string name, IReadOnlyList<(string Name, string Type)> catalog, bool isBaseTable, out ServerSourceInfo server)
    {
        var fields = SourceFields(source.EstimatedRows(schema, name), out var expectedRows);
        var asDouble = fields.Select(f => PostgresSource.IsFloating(catalog[f.FileIndex].Type)).ToArray();
        var query = PostgresSource.RowQuery(schema, name,
            fields.Select((f, i) => (f.Schema.Name, asDouble[i], catalog[f.FileIndex].Type == "date")), isBaseTable);
        var readAt = DateTimeOffset.UtcNow;
        using var reader = source.ReadAsText(query);
        var keys = ReadDbRows(reader, fields, asDouble, expectedRows);
        server = new ServerSourceInfo(_table.Name, "postgres", _table.Source, _table.SourceTable!, _rowsRead, query, readAt);
        return keys;
    }
}
