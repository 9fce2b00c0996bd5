using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// One table of a ClickHouse server (a MergeTree table, or a <c>Distributed</c> table over shards), read over HTTP
/// through <see cref="ClickHouseHttp"/>: the counterpart of <see cref="DuckDbSource"/> for <c>from clickhouse "CONNECTION"
/// table "name"</c>. It offers what the loader asks of DuckDbSource (the database's table names, the table's columns with
/// their types, the row count, and the named columns' values as text), so the CSV path's cell checks apply unchanged.
/// Every value and name in its SQL goes through <see cref="ClickHouseSql"/>.
/// </summary>
/// <remarks>
/// Values arrive in ClickHouse's text form, which already is the CSV path's: a Float64 as its shortest round-trip
/// digits (<c>714</c>, <c>27.7</c>), a boolean as the UInt8 <c>1</c>/<c>0</c>, a Date as <c>2020-01-02</c>, NULL as
/// <see cref="ClickHouseTsvReader.IsNull"/>. A Distributed table has no row order of its own (shards answer in any
/// order), so a read names the columns to order by, the table key for the loader, and row numbers are positions in
/// that order.
/// </remarks>
internal sealed class ClickHouseSource : IDisposable
{
    private readonly ClickHouseHttp _http;

    private ClickHouseSource(ClickHouseHttp http, string database, string table)
    {
        _http = http;
        Database = database;
        Table = table;
    }

    public string Database { get; }

    public string Table { get; }

    public ClickHouseConnectionInfo Connection => _http.Connection;

    /// <summary>The table as messages and provenance name it: server, database and table, no credentials.</summary>
    public string Description => $"ClickHouse table {Database}.{Table} at {Connection.Url.GetLeftPart(UriPartial.Authority)}";

    /// <summary>
    /// Opens no connection yet (HTTP has none to hold): parses the connection string and the table name.
    /// <paramref name="table"/> is <c>name</c> (in the connection's database) or <c>database.name</c>.
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed (the message never quotes it).</exception>
    public static ClickHouseSource Open(string connectionString, string table, TimeSpan? timeout = null)
    {
        var connection = ClickHouseConnectionInfo.Parse(connectionString);
        if (timeout is { } t)
        {
            connection = connection.WithTimeout(t);
        }

        return Open(new ClickHouseHttp(connection), table);
    }

    /// <summary>A source over an existing protocol object, which it then owns.</summary>
    public static ClickHouseSource Open(ClickHouseHttp http, string table)
    {
        var (database, name) = SplitTableName(table, http.Connection.Database);
        return new ClickHouseSource(http, database, name);
    }

    /// <summary><c>t</c> is table <c>t</c> of <paramref name="defaultDatabase"/>; <c>d.t</c> is table <c>t</c> of database <c>d</c>.</summary>
    public static (string Database, string Name) SplitTableName(string table, string defaultDatabase)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (defaultDatabase, table) : (table[..dot], table[(dot + 1)..]);
    }

    /// <summary>The tables and views of <see cref="Database"/>, sorted (for "unknown table; did you mean").</summary>
    /// <exception cref="ClickHouseException">The server cannot be reached or refuses.</exception>
    public IReadOnlyList<string> TableNames()
    {
        var names = new List<string>();
        using var reader = _http.Query("SELECT name FROM system.tables WHERE database = " + ClickHouseSql.Literal(Database));
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// The table's columns with ClickHouse's type names (<c>String</c>, <c>Nullable(Float64)</c>, <c>UInt8</c>...), in the
    /// table's order (18.16's <c>system.columns</c> has no <c>position</c> column; it lists a table's columns in
    /// definition order). Empty when the table does not exist.
    /// </summary>
    /// <exception cref="ClickHouseException">The server cannot be reached or refuses.</exception>
    public IReadOnlyList<(string Name, string Type)> Columns()
    {
        var columns = new List<(string, string)>();
        using var reader = _http.Query("SELECT name, type FROM system.columns WHERE database = " + ClickHouseSql.Literal(Database)
            + " AND table = " + ClickHouseSql.Literal(Table));
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    /// <exception cref="ClickHouseException">The table does not exist, or the server cannot be reached.</exception>
    public long CountRows()
    {
        using var reader = _http.Query("SELECT count() FROM " + ClickHouseSql.QualifiedName(Database, Table));
        return reader.Read() ? long.Parse(reader.GetSpan(0), NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new ClickHouseException(ClickHouseFailure.Protocol, $"{Description}: count() returned no row.");
    }

    /// <summary>The SELECT that <see cref="ReadAsText"/> sends, for provenance ("the query text and the time it ran").</summary>
    public string RowQuery(IEnumerable<string> columns, IEnumerable<string> orderBy)
    {
        var select = string.Join(", ", columns.Select(ClickHouseSql.Identifier));
        var order = string.Join(", ", orderBy.Select(ClickHouseSql.Identifier));
        return "SELECT " + select + " FROM " + ClickHouseSql.QualifiedName(Database, Table) + (order.Length > 0 ? " ORDER BY " + order : "");
    }

    /// <summary>Streams <paramref name="columns"/> of every row, ordered by <paramref name="orderBy"/> (see the remarks).</summary>
    /// <exception cref="ClickHouseException">The server refuses (an unknown column...), times out or cannot be reached.</exception>
    public ClickHouseTsvReader ReadAsText(IEnumerable<string> columns, IEnumerable<string> orderBy) =>
        _http.Query(RowQuery(columns, orderBy));

    /// <summary><c>Nullable(T)</c> and <c>LowCardinality(T)</c> (not in 18.16, but in the servers after it) are <c>T</c> here.</summary>
    public static string BaseType(string type)
    {
        while (true)
        {
            if (type.StartsWith("Nullable(", StringComparison.Ordinal) && type.EndsWith(')'))
            {
                type = type["Nullable(".Length..^1];
            }
            else if (type.StartsWith("LowCardinality(", StringComparison.Ordinal) && type.EndsWith(')'))
            {
                type = type["LowCardinality(".Length..^1];
            }
            else
            {
                return type;
            }
        }
    }

    public static bool IsNullable(string type) =>
        type.StartsWith("Nullable(", StringComparison.Ordinal) || type.StartsWith("LowCardinality(Nullable(", StringComparison.Ordinal);

    /// <summary>Whether a column of ClickHouse type <paramref name="type"/> can hold values of the declared kind.</summary>
    /// <remarks>FixedString is refused: it pads with NUL bytes, which would reach the cells as text. DateTime is refused
    /// for a date: its text has a time of day.</remarks>
    public static bool Accepts(ColumnKind kind, string type)
    {
        var t = BaseType(type);
        var isInteger = t is "Int8" or "Int16" or "Int32" or "Int64" or "UInt8" or "UInt16" or "UInt32" or "UInt64";
        var isDecimal = t.StartsWith("Decimal", StringComparison.Ordinal);
        var isText = t is "String" || t.StartsWith("Enum8(", StringComparison.Ordinal) || t.StartsWith("Enum16(", StringComparison.Ordinal);
        return kind switch
        {
            ColumnKind.Number => isInteger || isDecimal || t is "Float32" or "Float64",
            ColumnKind.Integer => isInteger,
            ColumnKind.Text => isText,
            ColumnKind.Category => isText || isInteger,
            ColumnKind.Bool => isInteger,
            ColumnKind.Date => t is "Date",
            _ => false,
        };
    }

    /// <summary>Which ClickHouse types a declared kind accepts, for messages.</summary>
    public static string AcceptedTypes(ColumnKind kind) => kind switch
    {
        ColumnKind.Number => "an Int*, UInt*, Float32, Float64 or Decimal column",
        ColumnKind.Integer => "an Int* or UInt* column",
        ColumnKind.Text => "a String or Enum column",
        ColumnKind.Category => "a String, Enum or integer column",
        ColumnKind.Bool => "a UInt8 (0/1) or other integer column",
        ColumnKind.Date => "a Date column",
        _ => "a column of another type",
    };

    public void Dispose() => _http.Dispose();
}
