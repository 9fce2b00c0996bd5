using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// ClickHouse tables (<c>from clickhouse "CONNECTION" table "[database.]name"</c>): the connection name is resolved as for
/// PostgreSQL (<see cref="ConnectionResolver"/>), the declared columns are checked against <c>system.columns</c> before any
/// row is read (unknown table, missing column, incompatible type: the same problems as DuckDB's and PostgreSQL's), then the
/// rows arrive as text (<see cref="ClickHouseSource"/>) and go through the shared row loop. A Distributed table has no order
/// of its own, so the rows are read ordered by the table's key (a child table: by its link column, then by every column
/// read), which makes row numbers in messages, and everything that depends on row order, the same on every run.
/// </summary>
internal sealed partial class TableLoader
{
    private LoadedTable LoadFromClickHouse(ConnectionResolver connections)
    {
        if (ResolveConnection(connections) is not { } lookup)
        {
            return Finish(file: null, keys: null);
        }

        KeySet? keys = null;
        ServerSourceInfo? server = null;
        ClickHouseSource source;
        try
        {
            source = ClickHouseSource.Open(lookup.ConnectionString!, _table.SourceTable
                ?? throw new ArgumentException($"Table '{_table.Name}': a ClickHouse source needs the name of its table."));
        }
        catch (FormatException e)
        {
            _problems.Add(DataProblemCodes.InvalidConnectionSettings, 0, null, ClickHouseMessages.InvalidConnectionString(_table, lookup, e.Message));
            return Finish(file: null, keys: null);
        }

        try
        {
            using (source)
            {
                var catalog = source.Columns();
                if (catalog.Count == 0)
                {
                    // system.columns lists nothing for a table that does not exist (or that the user cannot see).
                    _problems.Add(DataProblemCodes.UnknownSourceTable, 0, null, ClickHouseMessages.UnknownTable(_table, source, source.TableNames()));
                }
                else if (MatchSourceColumns(catalog, ClickHouseSource.Accepts, ClickHouseSource.AcceptedTypes))
                {
                    keys = ReadClickHouseRows(source, out server);
                }
            }
        }
        catch (ClickHouseException e)
        {
            var (code, message) = ClickHouseMessages.Classify(_table, lookup, e);
            _problems.Add(code, 0, null, message);
            keys = null;
        }

        var loaded = Finish(file: null, keys);
        loaded.Server = server;
        return loaded;
    }

    /// <summary>Every row of the table, ordered as the class remarks say; the same per-row steps as the other sources.</summary>
    private KeySet? ReadClickHouseRows(ClickHouseSource source, out ServerSourceInfo server)
    {
        var fields = SourceFields(source.CountRows(), out var expectedRows);
        var names = fields.Select(f => f.Schema.Name).ToArray();
        var order = OrderColumns(names);
        var query = source.RowQuery(names, order);
        var readAt = DateTimeOffset.UtcNow;
        using var reader = source.ReadAsText(names, order);
        var keys = ReadTextRows(new TsvRows(reader), fields, expectedRows);
        server = new ServerSourceInfo(_table.Name, "clickhouse", _table.Source, _table.SourceTable!, _rowsRead, query, readAt);
        return keys;
    }

    /// <summary>The key, when the table has one (it is unique); otherwise the link column first, then every column read.</summary>
    private IReadOnlyList<string> OrderColumns(IReadOnlyList<string> read)
    {
        if (_table.Key is { } key && read.Contains(key, StringComparer.Ordinal))
        {
            return [key];
        }

        var order = new List<string>();
        if (_table.LinkColumn is { } link && read.Contains(link, StringComparer.Ordinal))
        {
            order.Add(link);
        }

        order.AddRange(read.Where(c => !order.Contains(c, StringComparer.Ordinal)));
        return order;
    }

    private readonly struct TsvRows(ClickHouseTsvReader reader) : ITextRows
    {
        public bool Read() => reader.Read();

        public ReadOnlySpan<char> Cell(int ordinal) => reader.IsNull(ordinal) ? ReadOnlySpan<char>.Empty : reader.GetSpan(ordinal);
    }
}
